#!/usr/bin/env bash
# Makes samples/rules-sample.pcap (< 1 MB): real Samba on 127.0.0.1 with SMB creates that ET
# rules look for, and its expected results:
#   samples/expected/rules-sample.tsv                 (tshark, via ../shared/tools/expected.sh)
#   samples/expected/rules-sample/eve.json, fast.log  (Suricata 7, et-smb.rules, run with
#       samples/expected/rules-sample-suricata.yaml: the default suricata.yaml with HOME_NET
#       holding 127.0.0.0/8, so that '-> $HOME_NET 445' rules apply to loopback traffic)
# Sessions (a throwaway smbd, see lib-samba.sh; user smbtest/password):
#   - smbclient -m SMB3: put x.dll, y.ps1, z.exe, a.txt
#   - smbclient -m NT1:  put x.dll, y.ps1, z.exe, a.txt
#   - a long SMB2 session: mkdir work; puts of 12 .dll and 8 .ps1 files and a 96 KB data file,
#     gets (reads) of them, a rewrite of the data file, a.txt again
# Needs root (Unix user, port 445, tcpdump). Re-runnable; cleans up smbd, tcpdump and the temp dir.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
shared=${SHARED:-$root/../shared}
[ -d "$shared/tools" ] || shared=/work/shared
out=$root/samples
pcap=$out/rules-sample.pcap
conf=$out/expected/rules-sample-suricata.yaml
addr=127.0.0.1

tmp=$(mktemp -d /tmp/smbw-rules.XXXXXX)
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

mkdir -p "$out/expected"
tcpdump -i lo -s 0 -U -w "$pcap" 'tcp port 445' 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for grep -q 'listening on' "$tmp/tcpdump.err"

cd "$tmp"
printf 'MZ\x90\x00 not a real DLL\n' > x.dll
printf 'Write-Output "not a real script"\n' > y.ps1
printf 'MZ\x90\x00 not a real EXE\n' > z.exe
echo "plain text" > a.txt
head -c 98304 /dev/urandom > data.bin
cmds="mkdir work; cd work; put data.bin"
for i in $(seq -w 1 12); do cp x.dll "lib$i.dll"; cmds="$cmds; put lib$i.dll"; done
for i in $(seq -w 1 8); do cp y.ps1 "run$i.ps1"; cmds="$cmds; put run$i.ps1"; done
cmds="$cmds; get data.bin data-back.bin; get lib01.dll l1.dll; get run1.ps1 r1.ps1; put data.bin; put a.txt; get data.bin d2.bin"

smb=(smbclient -s "$tmp/client.conf" "//$addr/data" -U "$SMB_USER%$SMB_PASS")
"${smb[@]}" -m SMB3 -c 'put x.dll; put y.ps1; put z.exe; put a.txt'
"${smb[@]}" -m NT1 -c 'put x.dll; put y.ps1; put z.exe; put a.txt'
"${smb[@]}" -m SMB3 -c "$cmds"

sleep 0.5
kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
cd "$root"

# tshark TSV (and Suricata with the default HOME_NET, which is then replaced below)
rm -rf "$out/expected/rules-sample"
"$shared/tools/expected.sh" "$pcap" "$out/expected/rules-sample.tsv" "$out/expected/rules-sample" \
  "$shared/rules/et-smb.rules"
# Suricata again with HOME_NET including 127.0.0.0/8 (Suricata appends to eve.json: start empty)
sed 's|^\(    HOME_NET: \)"\[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12\]"|\1"[127.0.0.0/8,192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]"|' \
  /etc/suricata/suricata.yaml > "$conf"
grep -q '127.0.0.0/8' "$conf" || { echo "could not set HOME_NET in $conf" >&2; exit 1; }
d=$out/expected/rules-sample
rm -rf "$d"; mkdir -p "$d"
suricata -c "$conf" -r "$pcap" -S "$shared/rules/et-smb.rules" -l "$d" -k none --runmode single \
  --set stream.midstream=true >/dev/null 2>"$d/suricata.err" || true
rm -rf "$d/stats.log" "$d/suricata.log"; [ -s "$d/suricata.err" ] || rm -f "$d/suricata.err"
grep -E '"event_type":"(alert|smb|fileinfo|flow|anomaly|dcerpc)"' "$d/eve.json" > "$d/eve.tmp" || true
mv "$d/eve.tmp" "$d/eve.json"
echo "wrote $pcap ($(stat -c %s "$pcap") bytes, $(capinfos -Mc "$pcap" | awk '/packets/{print $NF}') frames), $(wc -l < "$d/fast.log") Suricata alerts"
