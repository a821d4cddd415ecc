#!/usr/bin/env bash
# Throughput benchmark: smbwatch against Suricata 7 (and tshark) on one big SMB2/SMB3 capture.
# Makes bench-data/smb-bench.pcap with scripts/make-bench-capture.sh if absent, then runs each
# tool RUNS times (default 3), in an order that alternates every round so that neither gets
# the warmer caches, and prints: median wall seconds, MB/s (10^6 bytes of capture file per
# second), packets/s, peak RSS (MiB), smbwatch MB/s / Suricata MB/s for the same rules, and
# for the two-worker rows their MB/s / the one-worker MB/s.
# Rows whose command is missing or exits non-zero show n/a.
# Usage: scripts/bench.sh [CAPTURE]    env: RUNS (3), RULES (../shared/rules/et-smb.rules)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
cap=${1:-bench-data/smb-bench.pcap}
# rules as the developers have them (../shared beside the repo); else the machine's copy
rules=${RULES:-../shared/rules/et-smb.rules}
[ -f "$rules" ] || rules=/work/shared/rules/et-smb.rules
[ -f "$rules" ] || { echo "no et-smb.rules found: rule rows will show n/a" >&2; rules=/nonexistent; }

[ -f "$cap" ] || scripts/make-bench-capture.sh
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

bytes=$(stat -c %s "$cap")
packets=$(capinfos -M -c "$cap" | awk '/Number of packets/ {print $NF}')
tmp=$(mktemp -d /tmp/smbw-bench-run.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# tshark: with -q and nothing else to do, tshark reads the frames without dissecting them, so
# that row is the cost of reading the file; tshark+smb2 (a display filter) dissects everything.
# smbwatch-2w: two workers, flows sharded by connection (--shard-by flow: the capture has one
# pair of hosts, which the default sharding by host pair would give to one worker)
tools=(smbwatch smbwatch-2w suricata smbwatch+et smbwatch+et-2w suricata+et tshark tshark+smb2)
# set_cmd TOOL OUTDIR: the command line of TOOL in array cmd (empty if the tool is missing)
set_cmd() {
  local t=$1 o=$2
  cmd=()
  case $t in
    smbwatch)    [ -x ./smbwatch ] && cmd=(./smbwatch read -q "$cap") ;;
    smbwatch+et) [ -x ./smbwatch ] && [ -f "$rules" ] && cmd=(./smbwatch read -q -S "$rules" "$cap") ;;
    smbwatch-2w) [ -x ./smbwatch ] && cmd=(./smbwatch read -q -w 2 --shard-by flow "$cap") ;;
    smbwatch+et-2w) [ -x ./smbwatch ] && [ -f "$rules" ] && cmd=(./smbwatch read -q -w 2 --shard-by flow -S "$rules" "$cap") ;;
    suricata)    command -v suricata >/dev/null &&
                   cmd=(suricata -r "$cap" --runmode single -k none -S /dev/null -l "$o") ;;
    suricata+et) command -v suricata >/dev/null && [ -f "$rules" ] &&
                   cmd=(suricata -r "$cap" --runmode single -k none -S "$rules" -l "$o") ;;
    tshark)      command -v tshark >/dev/null && cmd=(tshark -r "$cap" -q) ;;
    tshark+smb2) command -v tshark >/dev/null && cmd=(tshark -n -r "$cap" -q -Y smb2) ;;
  esac
  return 0
}

# read the file once so that the first tool of round 1 does not pay for the disk
cat "$cap" > /dev/null

echo "capture: $cap, $bytes bytes, $packets packets; rules: $rules; $RUNS runs"
results=$tmp/results   # lines: tool seconds rss_kib   (seconds 'n/a' for a failed run)
: > "$results"
for run in $(seq 1 "$RUNS"); do
  # again every round: this VM's page cache has been seen to lose part of a file between runs
  # (with memory free), and a run that reads from the disk measures the disk
  cat "$cap" > /dev/null
  order=("${tools[@]}")
  if (( run % 2 == 0 )); then   # reverse order on even rounds
    order=(); for (( i=${#tools[@]}-1; i>=0; i-- )); do order+=("${tools[i]}"); done
  fi
  for t in "${order[@]}"; do
    out=$tmp/out-$run-${t//+/-}; mkdir -p "$out"
    set_cmd "$t" "$out"
    if (( ${#cmd[@]} == 0 )); then echo "$t n/a n/a" >> "$results"; continue; fi
    rc=0
    /usr/bin/time -f '%e %M' -o "$tmp/time" "${cmd[@]}" > "$out/stdout" 2> "$out/stderr" || rc=$?
    if (( rc == 0 )); then
      read -r secs rss < "$tmp/time"
      echo "$t $secs $rss" >> "$results"
      echo "run $run: $t ${secs}s, ${rss} KiB" >&2
    else
      echo "$t n/a n/a" >> "$results"
      echo "run $run: $t failed (exit $rc); its last stderr lines:" >&2
      tail -n 3 "$out/stderr" | sed 's/^/    /' >&2
    fi
    # Suricata's eve.json for a 1 GB capture is large; keep the disk clear between runs
    rm -rf "$out"
  done
done

# the table: medians over the runs; a tool with any failed run is n/a
awk -v bytes="$bytes" -v packets="$packets" -v order="${tools[*]}" '
  { secs[$1] = secs[$1] " " $2; rss[$1] = rss[$1] " " $3 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) if (a[i] == "n/a") return "n/a"
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  END {
    n = split(order, names, " ")
    printf "%-14s %9s %9s %11s %9s %11s %10s\n", "tool", "median_s", "MB/s", "packets/s", "rss_MiB", "vs_suricata", "vs_1worker"
    for (k = 1; k <= n; k++) {
      t = names[k]; s = median(secs[t]); m = median(rss[t])
      mbs[t] = (s == "n/a" || s == 0) ? "n/a" : bytes / 1e6 / s
    }
    for (k = 1; k <= n; k++) {
      t = names[k]; s = median(secs[t]); m = median(rss[t])
      ratio = "-"; speedup = "-"
      if (t ~ /^smbwatch/) {
        peer = t; sub(/^smbwatch/, "suricata", peer); sub(/-2w$/, "", peer)
        ratio = (mbs[t] == "n/a" || mbs[peer] == "n/a") ? "n/a" : sprintf("%.2f", mbs[t] / mbs[peer])
      }
      if (t ~ /-2w$/) {
        one = t; sub(/-2w$/, "", one)
        speedup = (mbs[t] == "n/a" || mbs[one] == "n/a") ? "n/a" : sprintf("%.2f", mbs[t] / mbs[one])
      }
      if (s == "n/a") printf "%-14s %9s %9s %11s %9s %11s %10s\n", t, "n/a", "n/a", "n/a", "n/a", ratio, speedup
      else printf "%-14s %9.2f %9.1f %11.0f %9.0f %11s %10s\n", t, s, mbs[t], packets / s, m / 1024, ratio, speedup
    }
  }' "$results"
