#!/usr/bin/env bash
# Makes samples/scan-sample.pcap: one host (127.0.0.1) opening TCP 445 on 40 loopback addresses
# (127.0.0.2 .. 127.0.0.41) where nothing listens, so every attempt is refused with a RST, the
# way a worm's scan of random addresses looks at the source. Only loopback addresses are used.
# Needs root (tcpdump on lo). Re-runnable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/samples/scan-sample.pcap"
tcpdump -i lo -s 0 -U -w "$out" 'tcp port 445 and not (src host 127.0.0.1 and dst host 127.0.0.1)' >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
sleep 1
for i in $(seq 2 41); do
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.$i/445" 2>/dev/null || true
done
sleep 1
kill -INT "$pid"; wait "$pid" || true
trap - EXIT
# expected results by the independent tools (Suricata appends to an existing eve.json: start empty)
rm -rf "$root/samples/expected/scan-sample"
"$root/../shared/tools/expected.sh" "$out" "$root/samples/expected/scan-sample.tsv" "$root/samples/expected/scan-sample" \
  "$root/../shared/rules/et-smb.rules"
echo "wrote $out ($(stat -c %s "$out") bytes)"
