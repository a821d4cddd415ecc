#!/usr/bin/env bash
# Profiles one smbwatch run with Java Flight Recorder (method samples every millisecond) and
# prints where the time goes: the hottest methods by own samples (top of stack) and by
# samples anywhere on the stack (inclusive). The recording stays in $OUT (default /tmp/smbwatch.jfr).
# Usage: scripts/profile.sh [smbwatch arguments...]   e.g. scripts/profile.sh read -q bench-data/smb-bench.pcap
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/smbwatch.jfr}
jfc=$(mktemp --suffix=.jfc)
trap 'rm -f "$jfc"' EXIT
# the JDK's "profile" settings with a 1 ms sampling period instead of 10/20 ms
sed -E '/name="jdk.ExecutionSample"/,/<\/event>/ s#<setting name="period"[^>]*>[^<]*</setting>#<setting name="period">1 ms</setting>#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$jfc"
[ -f target/smbwatch.jar ] || mvn -q -B package -DskipTests
java -XX:+UseSerialGC -XX:StartFlightRecording=filename="$out",settings="$jfc" -jar target/smbwatch.jar "$@" > /dev/null
jfr print --events jdk.ExecutionSample "$out" > "$out.txt"
echo "== own samples (top frame) =="
awk '/stackTrace = \[/ {getline; sub(/line:.*/, ""); print}' "$out.txt" | sort | uniq -c | sort -rn | head -${TOP:-25}
echo "== inclusive samples (anywhere on the stack) =="
awk '/stackTrace = \[/ {inside=1; delete seen; next} inside && /^[[:space:]]*\]/ {inside=0; next}
     inside { line=$0; sub(/line:.*/, "", line); if (!(line in seen)) { seen[line]=1; print line } }' "$out.txt" \
  | sort | uniq -c | sort -rn | head -${TOP:-40}
echo "samples: $(grep -c 'stackTrace = \[' "$out.txt")"
