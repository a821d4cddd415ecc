#!/usr/bin/env bash
# The ceiling of two workers on this machine. One capture is read whole by one process, and its
# two halves (by frame count, cut with editcap) are read at the same time by two processes that
# share nothing: no sharding, no merge, each its own JVM. No two-worker design can beat that
# pair, so its ratio to the whole is the most `-w 2` could gain here. The same pair as two
# pipelines on two threads of one JVM (SplitCeiling: one JIT, one start-up) and smbwatch's own
# `-w 2 --shard-by flow` are measured too. Rows with rules use et-smb.rules.
# Prints, per row, the median wall time over RUNS (rows alternate within each run) and its
# speed relative to the one-process row of the same rule setting.
# Usage: scripts/split-ceiling.sh [CAPTURE]   env: RUNS (5), RULES (../shared/rules/et-smb.rules)
# The halves are kept beside the capture as CAPTURE.half1 / .half2 (bench-data/ is gitignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-5}
cap=${1:-bench-data/smb-bench.pcap}
rules=${RULES:-../shared/rules/et-smb.rules}
[ -f "$cap" ] || { echo "no $cap (scripts/make-bench-capture.sh makes it)" >&2; exit 2; }
[ -f "$rules" ] || { echo "no $rules" >&2; exit 2; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v editcap >/dev/null || { echo "editcap (wireshark-common) is needed to cut the halves" >&2; exit 2; }

h1=$cap.half1 h2=$cap.half2
if [ ! -s "$h1" ] || [ ! -s "$h2" ] || [ "$cap" -nt "$h1" ]; then
  n=$(capinfos -M -c "$cap" | awk '/Number of packets/ {print $NF}')
  editcap -F pcap -r "$cap" "$h1" "1-$((n / 2))"
  editcap -F pcap -r "$cap" "$h2" "$((n / 2 + 1))-$n"
fi
mvn -q -B test-compile >/dev/null   # SplitCeiling is in test scope
./smbwatch read -q samples/smb-sample.pcap 2>/dev/null   # builds the jar and its class-data archive
cat "$cap" "$h1" "$h2" > /dev/null                        # page cache warm
# a file only partly in the page cache is read from the disk: the figures would measure the disk
if command -v fincore >/dev/null; then
  for f in "$cap" "$h1" "$h2"; do
    fincore -b -n -o RES,SIZE "$f" | awk -v f="$f" '$1 < $2 { printf "warning: %s: %d of %d bytes in the page cache; figures include disk reads\n", f, $1, $2 }' >&2
  done
fi

# the launcher's JVM options, for the one-JVM rows
jopts=$(sed -n 's/.*SMBWATCH_JAVA_OPTS:-\([^}]*\)}.*/\1/p' smbwatch)
ceiling=(java $jopts -cp target/classes:target/test-classes io.smbwatch.tools.SplitCeiling)
S=(-S "$rules")
rows=(whole 2w pair threads-whole threads-pair whole+et 2w+et pair+et)
# both CMD...: CMD on each half at the same time; fails if either does (a bare `wait` would not)
both() {
  "$@" "$h1" & local p=$!
  "$@" "$h2" || { wait "$p"; return 1; }
  wait "$p"
}
run_row() {
  case $1 in
    whole)        ./smbwatch read -q "$cap" ;;
    2w)           ./smbwatch read -q -w 2 --shard-by flow "$cap" ;;
    pair)         both ./smbwatch read -q ;;
    threads-whole) "${ceiling[@]}" "$cap" ;;
    threads-pair) "${ceiling[@]}" "$h1" "$h2" ;;
    whole+et)     ./smbwatch read -q "${S[@]}" "$cap" ;;
    2w+et)        ./smbwatch read -q -w 2 --shard-by flow "${S[@]}" "$cap" ;;
    pair+et)      both ./smbwatch read -q "${S[@]}" ;;
  esac
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "capture: $cap ($(stat -c %s "$cap") bytes), halves of $(stat -c %s "$h1") and $(stat -c %s "$h2") bytes; $RUNS runs"
for run in $(seq 1 "$RUNS"); do
  order=("${rows[@]}")
  if (( run % 2 == 0 )); then order=(); for (( i=${#rows[@]}-1; i>=0; i-- )); do order+=("${rows[i]}"); done; fi
  for r in "${order[@]}"; do
    s=$(date +%s%N)
    run_row "$r" > /dev/null 2> "$tmp/err" || { echo "run $run: $r failed:" >&2; grep -m 3 "smbwatch:\|Exception" "$tmp/err" >&2 || tail -n 3 "$tmp/err" >&2; exit 1; }
    e=$(date +%s%N)
    echo "$r $(( (e - s) / 1000000 ))" >> "$tmp/results"
    echo "run $run: $r $(( (e - s) / 1000000 )) ms" >&2
  done
done
awk -v order="${rows[*]}" '
  { t[$1] = t[$1] " " $2 }
  function median(list,   a, n, i, j, x) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { x = a[j]; a[j] = a[j-1]; a[j-1] = x }
    return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  END {
    n = split(order, names, " ")
    printf "%-14s %9s %10s   %s\n", "row", "median_s", "vs_whole", "all runs (ms)"
    for (k = 1; k <= n; k++) {
      r = names[k]; base = (r ~ /^threads/) ? "threads-whole" : (r ~ /\+et$/ ? "whole+et" : "whole")
      printf "%-14s %9.2f %10.2f  %s\n", r, median(t[r]) / 1000, median(t[base]) / median(t[r]), t[r]
    }
  }' "$tmp/results"
