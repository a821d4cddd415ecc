#!/usr/bin/env bash
# Fuzzes every Jazzer target of src/test/java/io/smbwatch/fuzz/DecoderFuzzTest for about MINUTES
# minutes each (default 1): each round is one 30-second Jazzer run that starts from the corpus the
# earlier rounds grew (.cifuzz-corpus/). A crash stops the run and leaves its input under
# src/test/resources/io/smbwatch/fuzz/DecoderFuzzTestInputs/<target>/, where the normal test run
# replays it from then on (turn it into a fix and keep it as a regression test).
# Prints, per target, the executions and the final coverage. Usage: scripts/fuzz.sh [MINUTES] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-1}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(captureReaders smbStream smbMessage nbssFraming ntlmssp dcerpcStream ruleParser displayFilter)
rounds=$(( minutes * 2 ))
mvn -q -B test-compile
for t in "${targets[@]}"; do
  total=0
  for r in $(seq 1 "$rounds"); do
    log=$(mktemp)
    if ! JAZZER_FUZZ=1 mvn -q -B test -Dtest="DecoderFuzzTest#$t" >"$log" 2>&1; then
      echo "$t: FINDING in round $r"; grep -E "==|Exception|expected" "$log" | head -20; rm -f "$log"; exit 1
    fi
    runs=$(grep -oE "Done [0-9]+ runs" "$log" | awk '{print $2}' | tail -1)
    cov=$(grep -oE "DONE +cov: [0-9]+ ft: [0-9]+" "$log" | tail -1)
    total=$(( total + ${runs:-0} ))
    rm -f "$log"
  done
  printf '%-14s %12d executions, no finding; last round: %s\n' "$t" "$total" "${cov:-?}"
done
