#!/usr/bin/env bash
# fuzz-campaign.sh: runs libFuzzer targets from build-fuzz/ until each has used a given amount of
# CPU time (not wall time: on a shared machine a target may get well under one core), one target
# at a time, and prints one summary line per target (runs, coverage, corpus, findings).
#
#   scripts/fuzz-campaign.sh [-c CPU_SECONDS] [-b BUILD_DIR] [TARGET...]
#
# Default: 1800 CPU-seconds for every target under fuzz/. New inputs go to BUILD_DIR/corpus-NAME,
# logs to BUILD_DIR/campaign-NAME.log; a crash stops that target (exit 1 at the end) and leaves
# libFuzzer's crash-*/leak-*/timeout-* file in the current folder.
# Resumable: the CPU seconds a target has used are kept in BUILD_DIR/campaign-NAME.cpu (updated
# every few seconds), so a campaign cut off (machine shut down) continues where it stopped, on the
# corpus it had grown; a target whose budget is spent is reported and skipped.
set -uo pipefail

cpu=1800
build=build-fuzz
while getopts "c:b:h" opt; do
  case "$opt" in
    c) cpu=$OPTARG ;;
    b) build=$OPTARG ;;
    *) sed -n 2,10p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in fuzz/*/; do targets+=("$(basename "$d")"); done
fi

tick=$(getconf CLK_TCK)

# CPU seconds (user + system) used so far by process $1, or empty when it is gone.
cpu_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  set -- $stat
  echo $(( (${12} + ${13}) / tick ))
}

failed=0
for n in "${targets[@]}"; do
  bin=$build/fuzz/$n/fuzz_$n
  if [ ! -x "$bin" ]; then
    echo "fuzz-campaign: $bin: not built (make fuzz FUZZ_SECONDS=1 builds every target)" >&2
    failed=1; continue
  fi
  mkdir -p "$build/corpus-$n"
  log=$build/campaign-$n.log
  state=$build/campaign-$n.cpu
  seeds=$(find "fuzz/$n/corpus" -type f | wc -l)
  prior=$(cat "$state" 2>/dev/null || echo 0)
  [[ "$prior" =~ ^[0-9]+$ ]] || prior=0
  rc=0
  used=$prior
  start=$(date +%s)
  if [ "$prior" -lt "$cpu" ]; then
    echo "=== campaign segment from $(date -u +%FT%TZ), $prior CPU-s used before" >>"$log"
    "$bin" -rss_limit_mb=4096 -print_final_stats=1 "$build/corpus-$n" "fuzz/$n/corpus" >>"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      now=$(cpu_of "$pid") || break
      used=$(( prior + now ))
      echo "$used" >"$state.tmp" && mv "$state.tmp" "$state"
      [ "$used" -ge "$cpu" ] && { kill -INT "$pid"; break; }
      sleep 5
    done
    wait "$pid"; rc=$?
  fi
  wall=$(( $(date +%s) - start ))
  # executed inputs, summed over segments (the last "#N" progress line of each segment)
  runs=$(awk '/^=== campaign segment/ { t += last; last = 0 } /^#[0-9]+/ { last = substr($1, 2) + 0 }
              END { printf "%d", t + last }' "$log")
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
  files=$(find "$build/corpus-$n" -type f | wc -l)
  bytes=$(du -sb "$build/corpus-$n" | cut -f1)
  finding=none
  if grep -q -E '^==[0-9]+==ERROR|deadly signal|Test unit written to' "$log"; then
    finding="see $log"; failed=1
  elif [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ] && [ "$rc" -ne 72 ]; then
    finding="exit $rc, see $log"; failed=1
  fi
  echo "| \`$n\` | ${used} | ${wall} | ${runs:-?} | ${cov:-?} | $seeds | $files / $bytes | $finding |"
done
exit $failed
