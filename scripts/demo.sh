#!/usr/bin/env bash
# demo.sh ZEROCAD OUTDIR: the main job on its embedded default. For now: every program in
# examples/ runs through the CAD environment; its STEP and STL and a summary land in OUTDIR.
set -uo pipefail
zerocad=${1:-build/zerocad}
out=${2:-demo-out}
mkdir -p "$out"
summary_json="$out/summary.jsonl"
summary_md="$out/summary.md"
: > "$summary_json.tmp"
{
  echo "# zerocad demo: examples/ through \`zerocad run\`"
  echo
  echo "| program | ok | volume | faces | valid | seconds | error |"
  echo "|---|---|---|---|---|---|---|"
} > "$summary_md.tmp"

ok=0; total=0
for prog in examples/*.py; do
  name=$(basename "$prog" .py)
  total=$((total + 1))
  echo "demo: [$total] $prog" >&2
  line=$("$zerocad" run --json --timeout 120 -o "$out/$name.step" -o "$out/$name.stl" "$prog" 2>"$out/$name.log")
  rc=$?
  [ -n "$line" ] || line="{\"ok\": false, \"error\": \"zerocad run exited $rc without a report\"}"
  printf '{"program": "%s", "report": %s}\n' "$prog" "$line" >> "$summary_json.tmp"
  /usr/bin/python3 - "$prog" "$line" >> "$summary_md.tmp" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
print("| {} | {} | {} | {} | {} | {} | {} |".format(
    sys.argv[1], "yes" if r.get("ok") else "no", "%.6g" % r.get("volume", 0.0), r.get("faces", ""),
    r.get("valid", ""), "%.3f" % r.get("seconds", 0.0), (r.get("error") or "").replace("|", "/")))
PY
  [ $rc -eq 0 ] && ok=$((ok + 1))
done
echo >> "$summary_md.tmp"
echo "$ok of $total programs made a valid solid." >> "$summary_md.tmp"
mv "$summary_json.tmp" "$summary_json"
mv "$summary_md.tmp" "$summary_md"
cat "$summary_md"
echo "demo: wrote $out/ (STEP, STL, summary.md, summary.jsonl)" >&2
[ "$ok" -eq "$total" ]
