#!/usr/bin/env bash
# Makes the small attack captures the built-in detectors are tested on, with real software
# against a throwaway Samba on 127.0.0.3 (loopback only):
#   samples/nullsession-sample.pcap  rpcclient with an anonymous (null) session: SAMR and LSARPC
#                                    enumeration (enumdomusers, enumdomains, lookupnames)
#   samples/ms08067-sample.pcap      impacket (Debian's python3-impacket) calling SRVSVC
#                                    NetprPathCanonicalize with the traversing path MS08-067 exploits
#                                    send, and once with an ordinary path
# and their tshark/Suricata expectations (../shared/tools/expected.sh).
# Needs root (binds 127.0.0.3:445). Re-runnable; smbd and tcpdump stop on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
shared=${SHARED:-$root/../shared}
addr=127.0.0.3
tmp=$(mktemp -d /tmp/smbw-attack.XXXXXX)
smbd_pid= tcpdump_pid=
cleanup() {
  trap - EXIT
  [ -n "$tcpdump_pid" ] && { kill -INT "$tcpdump_pid"; wait "$tcpdump_pid"; } 2>/dev/null || true
  [ -n "$smbd_pid" ] && samba_stop "$smbd_pid" "$tmp/smb.conf"
  [ -n "${added:-}" ] && ip addr del "$addr/32" dev lo 2>/dev/null
  rm -rf "$tmp"
  return 0
}
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

# Samba binds only to an address an interface holds: give lo this one for the run
added=
if ! ip -o addr show dev lo | grep -q " $addr/"; then ip addr add "$addr/32" dev lo; added=1; fi
samba_ensure_unix_user
samba_write_conf "$tmp" "$addr"
smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for sh -c "ss -ltn 'src $addr and sport = :445' | grep -q LISTEN"

capture() {   # capture NAME: start tcpdump into samples/NAME.pcap
  tcpdump -i lo -s 0 -U -w "$root/samples/$1.pcap" "host $addr and tcp port 445" 2>"$tmp/tcpdump.err" &
  tcpdump_pid=$!
  wait_for grep -q 'listening on' "$tmp/tcpdump.err"
}
finish() {    # finish NAME: stop tcpdump, make the expectations
  sleep 0.5
  kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
  rm -rf "$root/samples/expected/$1"
  "$shared/tools/expected.sh" "$root/samples/$1.pcap" "$root/samples/expected/$1.tsv" "$root/samples/expected/$1" \
    "$shared/rules/et-smb.rules"
  echo "wrote samples/$1.pcap ($(stat -c %s "$root/samples/$1.pcap") bytes)"
}

capture nullsession-sample
timeout 30 rpcclient -s "$tmp/client.conf" -U% -N -c 'enumdomusers; enumdomains; lookupnames smbtest' "$addr" || true
finish nullsession-sample

capture ms08067-sample
PATH=/usr/bin:/bin timeout 60 /usr/bin/python3 - "$addr" "$SMB_USER" "$SMB_PASS" <<'PY' || true
import sys
from impacket.dcerpc.v5 import transport, srvs
addr, user, password = sys.argv[1:4]
t = transport.DCERPCTransportFactory(r'ncacn_np:%s[\pipe\srvsvc]' % addr)
t.set_credentials(user, password)
dce = t.get_dce_rpc()
dce.connect()
dce.bind(srvs.MSRPC_UUID_SRVS)
for path in ('\\share\\docs\\report.txt\x00', '\\a\\..\\..\\..\\..\\windows\\system32\\x\x00'):
    try:
        srvs.hNetprPathCanonicalize(dce, path, '\\\x00', outbufLen=100)
    except Exception as e:
        print('server answered:', e)
dce.disconnect()
PY
finish ms08067-sample
