#!/usr/bin/env bash
# Makes the file-extraction captures, with a throwaway Samba on 127.0.0.1 (scripts/lib-samba.sh)
# and tcpdump on lo:
#   samples/files-sample.pcap (committed, < 500 KB): smbclient puts and gets a 1-byte and a
#     64 KiB file over SMB3 (unencrypted) and over SMB1 (-m NT1); its expected results from
#     /work/shared/tools/expected.sh (samples/expected/files-sample.tsv, files-sample/eve.json);
#   samples/large/files-10m.pcap (NOT committed, ~40 MB): the same with a 10 MiB file;
#   samples/files-sample.sha256: the SHA-256 of the three files (sha256sum format). Their
#     contents are made from a fixed seed, so the hashes are the same on every run.
# FilesSampleTest checks that smbwatch's extraction gives those hashes for every upload and
# download (the 10 MiB one only when samples/large/files-10m.pcap is present).
# Needs root (Unix user smbtest, port 445). Usage: scripts/make-files-sample.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
shared=${SHARED:-$root/../shared}
[ -d "$shared/tools" ] || shared=/work/shared
out=$root/samples
addr=127.0.0.1

tmp=$(mktemp -d /tmp/smbw-files.XXXXXX)
smbd_pid= tcpdump_pid=
cleanup() {
  trap - EXIT
  [ -n "$tcpdump_pid" ] && { kill -INT "$tcpdump_pid"; wait "$tcpdump_pid"; } 2>/dev/null || true
  [ -n "$smbd_pid" ] && samba_stop "$smbd_pid" "$tmp/smb.conf"
  rm -rf "$tmp"
  return 0
}
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

if ss -ltn "sport = :445" | grep -q LISTEN; then
  echo "port 445 is already in use; stop that server first" >&2; exit 1
fi
samba_ensure_unix_user
samba_write_conf "$tmp" "$addr"
smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for sh -c "ss -ltn 'sport = :445' | grep -q LISTEN"

# the files: fixed pseudo-random contents (seeded), so their hashes never change
cd "$tmp"
python3 - <<'PY'
import random
r = random.Random(8)
open("one.bin", "wb").write(b"A")
open("file64k.bin", "wb").write(r.randbytes(64 * 1024))
open("file10m.bin", "wb").write(r.randbytes(10 * 1024 * 1024))
PY
sha256sum one.bin file64k.bin file10m.bin > "$out/files-sample.sha256"

smb=(smbclient -s "$tmp/client.conf" "//$addr/data" -U "$SMB_USER%$SMB_PASS")
# capture PCAP: runs the put/get sessions for FILES over SMB3 then SMB1
capture() {
  local pcap=$1; shift
  # a large kernel buffer (-B, KiB): loopback bursts of 64 KiB frames overrun the default one
  tcpdump -i lo -s 0 -B 262144 -U -w "$pcap" 'tcp port 445' 2>"$tmp/tcpdump.err" &
  tcpdump_pid=$!
  wait_for grep -q 'listening on' "$tmp/tcpdump.err"
  local f cmds3= cmds1=
  for f in "$@"; do
    cmds3+="put $f smb3-$f; get smb3-$f back3-$f; "
    cmds1+="put $f smb1-$f; get smb1-$f back1-$f; "
  done
  "${smb[@]}" -m SMB3 -c "$cmds3"
  "${smb[@]}" -m NT1 -c "$cmds1"
  for f in "$@"; do cmp "$f" "back3-$f" && cmp "$f" "back1-$f"; done
  sleep 0.5
  kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
}
capture "$out/files-sample.pcap" one.bin file64k.bin
mkdir -p "$out/large"
capture "$out/large/files-10m.pcap" file10m.bin
cd "$root"

rm -rf "$out/expected/files-sample"
"$shared/tools/expected.sh" "$out/files-sample.pcap" "$out/expected/files-sample.tsv" "$out/expected/files-sample" \
  "$shared/rules/et-smb.rules"
echo "wrote $out/files-sample.pcap ($(stat -c %s "$out/files-sample.pcap") bytes) and $out/large/files-10m.pcap ($(stat -c %s "$out/large/files-10m.pcap") bytes)"
