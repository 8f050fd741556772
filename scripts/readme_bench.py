"""Copies the markdown tables of bench/results/*.md into README.md's "Benchmarks" section."""
import pathlib
import sys

readme, results = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
text = readme.read_text()
head, sep, _ = text.partition("## Benchmarks\n")
if not sep:
    sys.exit(f"{readme}: no '## Benchmarks' section")
parts = ["`make bench` writes these figures to `bench/results/` (numbers from the last run of each benchmark on a "
         "2-core machine of the CI's size). The machines differ between sessions: the model and speculation tables "
         "name their CPU (a Zen 4 on 2026-12-07); the tables without a CPU line come from earlier sessions, on "
         "machines whose CPU was not recorded (the last of them a Zen 5, whose model figures are kept as "
         "`model-zen5`). Ratios are within one run.\n"]
for md in sorted(results.glob("*.md")):
    parts.append(md.read_text().strip() + "\n")
readme.write_text(head + sep + "\n" + "\n".join(parts))
