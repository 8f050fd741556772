"""Copies the markdown tables of bench/results/*.md into README.md's "Benchmarks" section."""
import pathlib
import sys

readme, results = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text = readme.read_text()
head, sep, _ = text.partition("## Benchmarks\n")
if not sep:
    sys.exit(f"{readme}: no '## Benchmarks' section")
parts = ["`make bench` writes these figures to `bench/results/` (numbers from the last run on the 2-core CI-size machine).\n"]
for md in sorted(results.glob("*.md")):
    parts.append(md.read_text().strip() + "\n")
readme.write_text(head + sep + "\n" + "\n".join(parts))
