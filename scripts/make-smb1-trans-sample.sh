#!/usr/bin/env bash
# Makes src/test/resources/captures/smb1-trans-pipe.pcap: DCE/RPC over SMB1 named pipes
# (SMB_COM_TRANSACTION TransactNmPipe requests longer than 512 bytes) made by rpcclient forced
# to NT1 against a throwaway Samba on 127.0.0.1. Long, well-formed Transaction requests are the
# case where a detector that sees the message cut (as two workers once cut it) raises a false
# trans-name-overflow: every run, with any worker count, must stay silent on it.
#   - rpcclient at NT1 (LSARPC): lookupnames with 60 names (one request of ~3 KB)
#   - rpcclient at NT1 (SRVSVC): netshareenumall
# Needs root (Unix user smbtest, port 445, tcpdump on lo). Re-runnable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
pcap=$root/src/test/resources/captures/smb1-trans-pipe.pcap
addr=127.0.0.1

tmp=$(mktemp -d /tmp/smbw-trans.XXXXXX)
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
# rpcclient takes the IPC$ dialect from "client ipc max protocol", not "client max protocol"
sed -i "/client min protocol/a\\  client max protocol = NT1\n  client ipc min protocol = NT1\n  client ipc max protocol = NT1" "$tmp/client.conf"
smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for sh -c "ss -ltn 'sport = :445' | grep -q LISTEN"

mkdir -p "$(dirname "$pcap")"
tcpdump -i lo -s 0 -U --immediate-mode -w "$pcap" 'tcp port 445' 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for grep -q 'listening on' "$tmp/tcpdump.err"

rpc=(timeout 60 rpcclient -s "$tmp/client.conf" -U "$SMB_USER%$SMB_PASS" "$addr")
names=$(for i in $(seq 1 60); do printf 'a-rather-long-account-name-%02d ' "$i"; done)
"${rpc[@]}" -c "lookupnames $SMB_USER $names" >/dev/null || true
"${rpc[@]}" -c 'netshareenumall' >/dev/null

sleep 1   # the last FIN/ACKs
kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
echo "wrote $pcap ($(stat -c %s "$pcap") bytes)"
