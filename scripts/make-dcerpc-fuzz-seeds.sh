#!/usr/bin/env bash
# Seeds for the dcerpcStream fuzz target: the TCP payloads of the DCERPC-over-TCP captures of
# suricata-verify (../shared), in capture order, each as records of [control byte][bytes] where
# the control byte's top bit is the direction (1: to the client) and its low 7 bits n say the
# record holds 1 + 12n bytes (longer payloads become several records). Needs tshark.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/io/smbwatch/fuzz/DecoderFuzzTestInputs/dcerpcStream
mkdir -p "$out"
for t in dcerpc-dce-iface-02 zerologon; do
  pcap=$(ls ../shared/pcaps/suricata-verify/tests/dcerpc/$t/*.pcap | head -1)
  tshark -r "$pcap" -Y "tcp.len > 0" -T fields -e tcp.srcport -e tcp.dstport -e tcp.payload 2>/dev/null | python3 -c '
import sys
out = bytearray()
for line in sys.stdin:
    sp, dp, hexs = (line.rstrip("\n").split("\t") + ["", "", ""])[:3]
    if not hexs:
        continue
    b = bytes.fromhex(hexs.replace(":", ""))
    to_client = int(sp) < int(dp)       # the server has the lower port (135 or a high RPC port vs an ephemeral one)
    while b:
        n = min(127, (len(b) - 1) // 12)
        if 1 + 12 * n > len(b):
            n = 0
        chunk, b = b[:1 + 12 * n], b[1 + 12 * n:]
        out.append((0x80 if to_client else 0) | n)
        out += chunk
sys.stdout.buffer.write(bytes(out))
' > "$out/seed-$t"
  echo "$out/seed-$t: $(stat -c %s "$out/seed-$t") bytes"
done
