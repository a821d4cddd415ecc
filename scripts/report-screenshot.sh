#!/usr/bin/env bash
# Remakes docs/report.png: the HTML report (smbwatch report --html) of the repository's samples,
# plus the brute-force and EternalBlue captures of ../shared when present, in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
captures=(samples/scan-sample.pcap samples/nullsession-sample.pcap samples/ms08067-sample.pcap samples/smb-sample.pcap)
for c in ../shared/pcaps/local/smb-bruteforce.pcap \
         ../shared/pcaps/zeek-EternalSafety/tests/traces/shadowbrokers/eternalblue-success-unpatched-win7.pcap; do
  [ -f "$c" ] && captures+=("$c")
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./smbwatch report --html "$tmp/report.html" "${captures[@]}"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" \
  --screenshot="$PWD/docs/report.png" --window-size=1280,2000 "file://$tmp/report.html" 2>/dev/null
echo "docs/report.png from: ${captures[*]}"
