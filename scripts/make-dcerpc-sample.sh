#!/usr/bin/env bash
# Makes samples/dcerpc-sample.pcap: DCE/RPC over SMB named pipes made by real clients against a
# throwaway Samba on 127.0.0.1, and its independent expected results (expected.sh: tshark TSV,
# Suricata eve.json with ../shared/rules/et-smb.rules).
#   - rpcclient (SAMR): enumdomusers, lookupnames smbtest, queryuser <its RID>
#   - rpcclient (SRVSVC): netshareenumall
#   - impacket (scripts/dcerpc-calls.py), the svcctl Bind and the Alter Contexts cut across SMB
#     writes of 40-48 bytes:
#       svcctl OpenSCManagerW + CreateServiceW with a binary path, the requests cut into DCERPC
#         fragments of 64 stub bytes (set_max_fragment_size); Samba has no CreateServiceW (fault)
#       atsvc NetrJobAdd and tsch SchRpcRegisterTask with a command line: Samba serves neither,
#         so they are offered by Alter Context on \svcctl, rejected, and the calls faulted
#         (nca_s_unk_if); the requests' arguments are on the wire all the same
#       srvsvc NetrShareEnum with max_recv_frag 1024 in the Bind (Samba acks 2048), so that the response of the
#         25 extra shares configured here comes back in several fragments
# Needs root (Unix user smbtest, port 445, tcpdump on lo). Re-runnable.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
shared=${SHARED:-$root/../shared}
[ -d "$shared/tools" ] || shared=/work/shared
out=$root/samples
pcap=$out/dcerpc-sample.pcap
addr=127.0.0.1

tmp=$(mktemp -d /tmp/smbw-dcerpc.XXXXXX)
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
# shares enough for a NetShareEnum response longer than one 1024-byte fragment
for i in $(seq -w 1 25); do
  printf '[share%s]\n  path = %s/share\n  comment = sample share number %s for a fragmented NetShareEnum response\n' \
    "$i" "$tmp" "$i" >> "$tmp/smb.conf"
done

smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for sh -c "ss -ltn 'sport = :445' | grep -q LISTEN"

mkdir -p "$out/expected"
# immediate mode: without it packets still in the kernel ring buffer at SIGINT are lost
tcpdump -i lo -s 0 -U --immediate-mode -w "$pcap" 'tcp port 445' 2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for grep -q 'listening on' "$tmp/tcpdump.err"

rpc=(timeout 60 rpcclient -s "$tmp/client.conf" -U "$SMB_USER%$SMB_PASS" "$addr")
sid=$("${rpc[@]}" -c "lookupnames $SMB_USER" | awk '{print $2}'); rid=${sid##*-}
"${rpc[@]}" -c "enumdomusers; lookupnames $SMB_USER; samlookupnames domain $SMB_USER nosuchuser; queryuser $rid"
"${rpc[@]}" -c 'netshareenumall'
timeout 120 /usr/bin/python3 "$root/scripts/dcerpc-calls.py" "$addr" "$SMB_USER" "$SMB_PASS"

sleep 1   # the last FIN/ACKs
kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
cd "$root"

rm -rf "$out/expected/dcerpc-sample"
"$shared/tools/expected.sh" "$pcap" "$out/expected/dcerpc-sample.tsv" "$out/expected/dcerpc-sample" \
  "$shared/rules/et-smb.rules"
echo "wrote $pcap ($(stat -c %s "$pcap") bytes, $(capinfos -Mc "$pcap" | awk '/packets/{print $NF}') frames)"
