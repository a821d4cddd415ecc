#!/usr/bin/env bash
# Records what `read` writes on every shared capture and repository sample, or compares a new
# recording with an old one: the behaviour check of refactorings (issue 16).
#
#   scripts/golden.sh record DIR       # DIR/<capture>/{text,json,stderr,eve.json,fast.log,*.log}
#   scripts/golden.sh compare OLD NEW  # lists every file that differs (exit 1 when any does)
#
# Per capture two runs: `read CAP -S et-smb.rules -l OUT` (text lines, EVE with every type, Zeek
# logs, fast.log) and `read CAP --json`. Zeek's #open/#close wall-clock lines are masked. stderr
# (statistics) is recorded but compared apart: a change there is listed, not counted as a failure
# unless STRICT_STDERR=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED:-$here/../shared}"
jar="$here/target/smbwatch.jar"
rules="$shared/rules/et-smb.rules"

captures() {
  { find "$shared/pcaps" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.pcap.gz' \) 2>/dev/null
    find "$here/samples" -maxdepth 1 -name '*.pcap'; } | sort
}

one() {   # one capture into its directory
  local cap="$1" dir="$2"
  local java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$jar")
  mkdir -p "$dir/l"
  "${java[@]}" read "$cap" -S "$rules" -l "$dir/l" --no-progress >"$dir/text" 2>"$dir/stderr" || echo "exit $?" >>"$dir/stderr"
  "${java[@]}" read "$cap" --json --no-progress >"$dir/json" 2>/dev/null || echo "exit $?" >>"$dir/json"
  for f in "$dir"/l/*; do
    sed -E 's/^#(open|close)\t.*/#\1\tMASKED/' "$f" >"$dir/$(basename "$f")"
  done
  rm -rf "$dir/l"
}
export -f one
export jar rules

case "${1:-}" in
  record)
    out="${2:?usage: golden.sh record DIR}"
    [ -f "$jar" ] || (cd "$here" && mvn -q -B package -DskipTests)
    rm -rf "$out"; mkdir -p "$out"
    captures | while read -r cap; do
      rel="${cap#"$shared"/pcaps/}"; rel="${rel#"$here"/}"
      printf '%s\0%s\0' "$cap" "$out/${rel//\//__}"
    done | xargs -0 -n2 -P "${JOBS:-2}" bash -c 'one "$0" "$1"'
    echo "recorded $(ls "$out" | wc -l) captures in $out"
    ;;
  compare)
    old="${2:?usage: golden.sh compare OLD NEW}"; new="${3:?usage: golden.sh compare OLD NEW}"
    bad=0
    while read -r f; do
      if [ "$(basename "$f")" = stderr ]; then
        cmp -s "$old/$f" "$new/$f" || { echo "stderr differs: $f"; [ "${STRICT_STDERR:-0}" = 1 ] && bad=1; }
      elif ! cmp -s "$old/$f" "$new/$f"; then
        echo "DIFFERS: $f"; bad=1
      fi
    done < <( (cd "$old" && find . -type f; cd "$new" && find . -type f) | sort -u | sed 's|^\./||')
    [ "$bad" = 0 ] && echo "identical (outputs of $(ls "$old" | wc -l) captures)"
    exit "$bad"
    ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
