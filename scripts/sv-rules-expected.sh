#!/usr/bin/env bash
# Suricata 7's alerts for the suricata-verify tests that have a test.rules, as the tests'
# expected results (src/test/resources/suricata-verify-rules/<test>.alerts, one alert a line:
# "sid pcap_cnt src_port dest_port"). Runs Suricata with the test's own rules and args
# (test.yaml `args`, plus checksums ignored and single runmode as expected.sh does).
# Usage: scripts/sv-rules-expected.sh [SHARED]   (needs suricata)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${1:-$here/../shared}"
root="$shared/pcaps/suricata-verify/tests"
out="$here/src/test/resources/suricata-verify-rules"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
suricata -V > "$out/VERSION" 2>&1 || true
find "$root" -name test.rules | sort | while read -r rules; do
  dir="$(dirname "$rules")"; rel="${dir#"$root"/}"
  pcap="$(python3 -c 'import sys,yaml; print((yaml.safe_load(open(sys.argv[1])) or {}).get("pcap") or "")' "$dir/test.yaml")"
  [ -n "$pcap" ] && pcap="$dir/$pcap" || pcap="$(ls "$dir"/*.pcap 2>/dev/null | head -1)"
  [ -n "$pcap" ] && [ -f "$pcap" ] || continue
  mapfile -t args < <(python3 -c 'import sys,yaml,shlex
for a in (yaml.safe_load(open(sys.argv[1])) or {}).get("args") or []:
    for w in shlex.split(str(a)): print(w)' "$dir/test.yaml")
  rm -rf "$tmp/o"; mkdir -p "$tmp/o"
  suricata -r "$pcap" -S "$rules" -l "$tmp/o" -k none --runmode single "${args[@]}" >/dev/null 2>"$tmp/o/err" || true
  mkdir -p "$out/$(dirname "$rel")"
  python3 - "$tmp/o/eve.json" > "$out/$rel.alerts" <<'PY'
import json, sys
try:
    lines = open(sys.argv[1]).read().splitlines()
except FileNotFoundError:
    lines = []
for l in lines:
    e = json.loads(l)
    if e.get("event_type") != "alert": continue
    print(e["alert"]["signature_id"], e.get("pcap_cnt", 0), e.get("src_port", 0), e.get("dest_port", 0))
PY
  echo "$rel: $(wc -l < "$out/$rel.alerts") alerts"
done
