#!/usr/bin/env bash
# Makes bench-data/smb-bench.pcap: a >= 1 GB capture of SMB2/SMB3 file transfers, for
# scripts/bench.sh. bench-data/ is gitignored: the capture is made, never committed.
# How: two network namespaces (smbw-srv 10.199.0.1/30, smbw-cli 10.199.0.2/30) joined by a
# veth pair, MTU 1500, offloads off (so the capture holds wire-size frames as a real NIC would
# show, not 64 KB super-segments). A throwaway smbd (temp dir config, user smbtest/password)
# listens on 10.199.0.1:445 in smbw-srv; tcpdump -s 0 captures in smbw-cli. For each dialect
# in DIALECTS (default "SMB2 SMB3": SMB 2.1 then SMB 3.1.1), smbclient puts and gets a
# BIG_MB and a MID_MB random file; then 500 small files (.txt, some .dll/.ps1/.exe) are put
# with mput, and one logon fails (wrong password). Nothing leaves the two namespaces.
# Env: OUT (bench-data/smb-bench.pcap) BIG_MB (200) MID_MB (100) SMALL_FILES (500) DIALECTS ("SMB2 SMB3") SEED (1, small file
# names and sizes) FORCE=1 to remake.
# Needs root. Does nothing if the capture exists (unless FORCE=1); cleans up on any exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-samba.sh"
BIG_MB=${BIG_MB:-200} MID_MB=${MID_MB:-100} SMALL_FILES=${SMALL_FILES:-500}
DIALECTS=${DIALECTS:-SMB2 SMB3}
out=$(realpath -m "${OUT:-$root/bench-data/smb-bench.pcap}")   # absolute: the script changes directory
srv_ns=smbw-srv cli_ns=smbw-cli srv_if=smbw-s cli_if=smbw-c
srv_ip=10.199.0.1 cli_ip=10.199.0.2

if [ -s "$out" ] && [ "${FORCE:-0}" != 1 ]; then
  echo "$out exists; FORCE=1 to make it again"; exit 0
fi
command -v ethtool >/dev/null || { apt-get update -qq && apt-get install -y -qq ethtool >/dev/null; }

tmp=$(mktemp -d /tmp/smbw-bench.XXXXXX)
smbd_pid= tcpdump_pid=
cleanup() {
  trap - EXIT
  [ -n "$tcpdump_pid" ] && { kill -INT "$tcpdump_pid"; wait "$tcpdump_pid"; } 2>/dev/null || true
  [ -n "$smbd_pid" ] && samba_stop "$smbd_pid" "$tmp/smb.conf"
  # deleting a namespace deletes its end of the veth pair, and so the pair
  ip netns del "$srv_ns" 2>/dev/null || true
  ip netns del "$cli_ns" 2>/dev/null || true
  rm -rf "$tmp" "$out.part"
  return 0
}
# on a signal, exit (which runs cleanup once) instead of carrying on after the handler
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

# --- network: a leftover from an interrupted run is removed first
ip netns del "$srv_ns" 2>/dev/null || true
ip netns del "$cli_ns" 2>/dev/null || true
ip netns add "$srv_ns"; ip netns add "$cli_ns"
ip link add "$srv_if" netns "$srv_ns" type veth peer name "$cli_if" netns "$cli_ns"
for side in "$srv_ns $srv_if $srv_ip" "$cli_ns $cli_if $cli_ip"; do
  set -- $side
  ip -n "$1" link set lo up
  ip -n "$1" addr add "$3/30" dev "$2"
  ip -n "$1" link set "$2" mtu 1500 up
  # segmentation/receive offloads off: frames of at most MTU size, as on a wire; checksum
  # offload off too, so that the captured checksums are right
  ip netns exec "$1" ethtool -K "$2" tso off gso off gro off lro off tx off rx off >/dev/null 2>&1 ||
    ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null
done

# --- server
samba_ensure_unix_user
samba_write_conf "$tmp" "$srv_ip"
ip netns exec "$srv_ns" smbd --foreground --configfile="$tmp/smb.conf" >"$tmp/log/smbd.out" 2>&1 &
smbd_pid=$!
wait_for ip netns exec "$srv_ns" sh -c "ss -ltn 'sport = :445' | grep -q LISTEN"

# --- files to send: random, so that nothing along the way can compress them
data=$tmp/files; mkdir -p "$data/small"
head -c "${BIG_MB}M" /dev/urandom > "$data/big.bin"
head -c "${MID_MB}M" /dev/urandom > "$data/mid.bin"
exts=(txt txt txt txt dll ps1 exe)   # mostly harmless names, some that rules look for
RANDOM=${SEED:-1}   # same names and sizes each time, so the alert count is the same too
for i in $(seq -w 1 "$SMALL_FILES"); do
  head -c $(( (RANDOM % 16 + 1) * 512 )) /dev/urandom > "$data/small/file-$i.${exts[RANDOM % ${#exts[@]}]}"
done

# --- capture; a big kernel buffer (-B, KiB) so that tcpdump keeps up with the transfer
mkdir -p "$(dirname "$out")"
ip netns exec "$cli_ns" tcpdump -i "$cli_if" -s 0 -B 262144 -w "$out.part" 'tcp port 445' \
  2>"$tmp/tcpdump.err" &
tcpdump_pid=$!
wait_for grep -q 'listening on' "$tmp/tcpdump.err"

smb=(ip netns exec "$cli_ns" smbclient -s "$tmp/client.conf" "//$srv_ip/data")
cd "$data"
for d in $DIALECTS; do
  "${smb[@]}" -m "$d" -U "$SMB_USER%$SMB_PASS" \
    -c "put big.bin big-$d.bin; put mid.bin mid-$d.bin; get big-$d.bin back.bin; get mid-$d.bin back.bin; ls"
  rm -f back.bin
done
# smbclient prints a line per file: keep it out of sight unless something fails
"${smb[@]}" -m SMB3 -U "$SMB_USER%$SMB_PASS" -c 'mkdir small; cd small; lcd small; prompt off; mput *' \
  >"$tmp/mput.log" 2>&1 || { cat "$tmp/mput.log" >&2; exit 1; }
"${smb[@]}" -m SMB3 -U "$SMB_USER%wrongpassword" -c ls || true   # meant to fail

sleep 1   # last ACKs and FINs
kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true; tcpdump_pid=
grep -E 'captured|dropped' "$tmp/tcpdump.err" >&2
if grep -Eq '^[1-9][0-9]* packets dropped by kernel' "$tmp/tcpdump.err"; then
  echo "warning: tcpdump dropped packets; the capture has gaps" >&2
fi
mv "$out.part" "$out"
capinfos -csdu "$out"
