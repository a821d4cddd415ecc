#!/usr/bin/env bash
# Makes samples/smb-sample.pcap: a small (< 200 KB) capture of a real SMB session on 127.0.0.1,
# and its independent expected results from /work/shared/tools/expected.sh:
#   samples/expected/smb-sample.tsv            (tshark, one row per SMB/SMB2/DCERPC frame)
#   samples/expected/smb-sample/eve.json, fast.log  (Suricata 7 with ../shared/rules/et-smb.rules)
# How: a throwaway smbd (config, passdb, share in a temp dir; user smbtest/password; SMB1 allowed)
# listens on 127.0.0.1:445, tcpdump captures 'tcp port 445' on lo with -s 0, and a scripted
#   - SMB2/3 smbclient session: ls, put hello.txt, put evil.dll, get hello.txt, mkdir reports
#   - failed logon (wrong password)
#   - SMB1 (NT1) smbclient session: ls, put smb1.txt, get smb1.txt
#   - rpcclient over SMB: enumdomusers, netshareenum (skipped if it does not answer quickly)
# fast.log stays empty: the ET rules match '-> $HOME_NET 445', and Suricata's default HOME_NET
# (10/8, 172.16/12, 192.168/16) does not hold 127.0.0.1; shared/pcaps/local/ is the same.
# Needs root (creates the Unix user smbtest if missing, binds port 445). Re-runnable: every run
# overwrites the outputs; smbd and tcpdump are stopped and the temp dir removed on exit.
# Usage: scripts/make-sample.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
shared=${SHARED:-$root/../shared}
[ -d "$shared/tools" ] || shared=/work/shared
out=$root/samples
pcap=$out/smb-sample.pcap
addr=127.0.0.1

tmp=$(mktemp -d /tmp/smbw-sample.XXXXXX)
smbd_pid= tcpdump_pid=
cleanup() {
  trap - EXIT
  # tcpdump first, with SIGINT so that it flushes the capture
  [ -n "$tcpdump_pid" ] && { kill -INT "$tcpdump_pid"; wait "$tcpdump_pid"; } 2>/dev/null || true
  [ -n "$smbd_pid" ] && samba_stop "$smbd_pid" "$tmp/smb.conf"
  rm -rf "$tmp"
  return 0
}
# on a signal, exit (which runs cleanup once) instead of carrying on after the handler
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

if ss -ltn "sport = :445" | grep -q LISTEN; then
  echo "port 445 is already in use; stop that server first" >&2; exit 1
fi
samba_ensure_unix_user
samba_write_conf "$tmp" "$addr"

# --foreground keeps smbd a child of this script; it still makes its own process group
smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for sh -c "ss -ltn 'sport = :445' | grep -q LISTEN"

mkdir -p "$out/expected"
tcpdump -i lo -s 0 -U -w "$pcap" 'tcp port 445' 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for grep -q 'listening on' "$tmp/tcpdump.err"

# small local files to send
cd "$tmp"
echo "smbwatch sample: quarterly figures, nothing secret" > hello.txt
printf 'MZ\x90\x00 not a real DLL, just a name that rules look for\n' > evil.dll
echo "sent over SMB1" > smb1.txt

smb=(smbclient -s "$tmp/client.conf" "//$addr/data")

# SMB2/3 session
"${smb[@]}" -m SMB3 -U "$SMB_USER%$SMB_PASS" \
  -c 'ls; put hello.txt; put evil.dll; get hello.txt hello-back.txt; mkdir reports; ls'
# failed logon: expected to fail, so its exit status is ignored
"${smb[@]}" -m SMB3 -U "$SMB_USER%wrongpassword" -c 'ls' || true
# SMB1 session (client min protocol NT1 is in client.conf)
"${smb[@]}" -m NT1 -U "$SMB_USER%$SMB_PASS" -c 'ls; put smb1.txt; get smb1.txt smb1-back.txt'
# DCE/RPC over SMB named pipes (samr, srvsvc); optional, it needs samba-dcerpcd
timeout 30 rpcclient -s "$tmp/client.conf" -U "$SMB_USER%$SMB_PASS" -c 'enumdomusers; netshareenum' "$addr" ||
  echo "rpcclient did not complete; capture has no DCE/RPC part" >&2

sleep 0.5   # let the last FIN/ACKs reach tcpdump
kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
cd "$root"

# Suricata appends to an existing eve.json: start from an empty directory
rm -rf "$out/expected/smb-sample"
"$shared/tools/expected.sh" "$pcap" "$out/expected/smb-sample.tsv" "$out/expected/smb-sample" \
  "$shared/rules/et-smb.rules"
echo "wrote $pcap ($(stat -c %s "$pcap") bytes, $(capinfos -Mc "$pcap" | awk '/packets/{print $NF}') frames)"
