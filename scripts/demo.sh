#!/usr/bin/env bash
# demo.sh ZEROCAD OUTDIR: the main job on its embedded default. The example CadQuery programs
# in examples/ go through the pipeline: executed in the sandboxed executor (STEP and STL
# exported), the 8 model views plus a contact sheet rendered from each exported STEP, and the
# exported STL scored against the STEP with the zerocad IoU protocol (a round-trip check).
# Everything lands in OUTDIR with a summary (summary.md, results.jsonl).
set -uo pipefail
zerocad=${1:-build/zerocad}
out=${2:-demo-out}
py=/usr/bin/python3

mkdir -p "$out"
rm -f "$out/results.jsonl"       # a fresh run, not a resume of the last one
echo "demo: executing examples/*.py in the sandbox" >&2
"$zerocad" exec examples -o "$out/results.jsonl" --export step,stl --out-dir "$out/programs" || {
  echo "demo: zerocad exec failed" >&2
  exit 1
}

status=0
: > "$out/views.tsv"
for prog in examples/*.py; do
  id=$(basename "$prog" .py)
  step=$(ls "$out/programs/$id"/*.step 2>/dev/null | head -n 1)
  stl=$(ls "$out/programs/$id"/*.stl 2>/dev/null | head -n 1)
  if [ -z "$step" ] || [ -z "$stl" ]; then
    echo "demo: $id: no exports (see results.jsonl)" >&2
    printf '%s\t-\t-\n' "$id" >> "$out/views.tsv"
    status=1
    continue
  fi
  echo "demo: rendering $id" >&2
  if ! "$zerocad" render "$step" -o "$out/views/$id" --grid "$out/views/$id.png" > /dev/null; then
    status=1
  fi
  iou=$("$zerocad" iou "$stl" "$step" --json 2>/dev/null | $py -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["iou"])' 2>/dev/null || echo "-")
  printf '%s\t%s\t%s\n' "$id" "views/$id.png" "$iou" >> "$out/views.tsv"
done

$py - "$out" <<'PY' || status=1
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
recs = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
views = {l.split("\t")[0]: l.split("\t")[1:] for l in (out / "views.tsv").read_text().splitlines()}
lines = ["# zerocad demo: examples/ through the pipeline", "",
         "| program | status | volume | faces | valid | seconds | views | IoU STL vs STEP | error |",
         "|---|---|---|---|---|---|---|---|---|"]
ok = 0
for pid in sorted(recs):
    r = recs[pid]
    v, iou = views.get(pid, ["-", "-"])
    ok += r["status"] == "ok"
    lines.append("| {} | {} | {:.6g} | {} | {} | {:.3f} | {} | {} | {} |".format(
        pid, r["status"], r.get("volume") or 0.0, r.get("faces"), r.get("valid"), r.get("seconds") or 0.0,
        v, iou, (r.get("error") or "").replace("|", "/")))
lines += ["", f"{ok} of {len(recs)} programs made a solid; views in views/, exports in programs/."]
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if ok == len(recs) else 1)
PY
rm -f "$out/views.tsv"
echo "demo: wrote $out/ (programs/ with STEP and STL, views/, summary.md, results.jsonl)" >&2
exit $status
