# Shared helpers for the capture scripts: a throwaway Samba with everything (config, passdb,
# locks, logs, share) under one temp dir, so the machine's own /etc/samba is never used.
# Source it; it defines functions only.

SMB_USER=${SMB_USER:-smbtest}
SMB_PASS=${SMB_PASS:-password}

# The passdb entry needs a Unix account of the same name; a system user without shell or home.
samba_ensure_unix_user() {
  id "$SMB_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SMB_USER"
}

# samba_write_conf DIR ADDR: writes DIR/smb.conf (server) and DIR/client.conf (client),
# share "data" at DIR/share, served only on ADDR:445.
samba_write_conf() {
  local dir=$1 addr=$2
  mkdir -p "$dir"/{private,lock,state,cache,pid,log,ncalrpc,share}
  # mktemp makes DIR 0700: the share's owner must be able to reach DIR/share
  chmod 755 "$dir"
  chown "$SMB_USER" "$dir/share"
  cat > "$dir/smb.conf" <<CONF
[global]
  netbios name = SMBWATCHSRV
  workgroup = SMBWATCH
  server role = standalone server
  interfaces = $addr
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  # SMB1 allowed so that both dialects can be captured
  server min protocol = NT1
  passdb backend = tdbsam:$dir/private/passdb.tdb
  private dir = $dir/private
  lock directory = $dir/lock
  state directory = $dir/state
  cache directory = $dir/cache
  pid directory = $dir/pid
  ncalrpc dir = $dir/ncalrpc
  log file = $dir/log/%m.log
  log level = 1
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  map to guest = never
  # cleartext SMB on the wire, so that monitors can see file names and contents
  server smb encrypt = off
[data]
  path = $dir/share
  read only = no
  valid users = $SMB_USER
CONF
  # the client must not read the machine's /etc/samba/smb.conf either
  cat > "$dir/client.conf" <<CONF
[global]
  client min protocol = NT1
  client smb encrypt = off
  lock directory = $dir/lock
  state directory = $dir/state
  cache directory = $dir/cache
  private dir = $dir/private
CONF
  printf '%s\n%s\n' "$SMB_PASS" "$SMB_PASS" |
    smbpasswd -c "$dir/smb.conf" -a -s "$SMB_USER" >/dev/null
}

# samba_stop PID CONF: stops smbd PID and the RPC helpers it started on demand (samba-dcerpcd,
# rpcd_*), which leave smbd's process group; they are found by the unique config path they
# were given, so only this run's processes are touched.
samba_stop() {
  local pid=$1 conf=$2 p
  # wait returns smbd's 143 (killed by SIGTERM): not an error here
  { kill "$pid"; wait "$pid"; } 2>/dev/null || true
  for p in $(pgrep -f -- "--configfile=$conf" || true); do kill "$p" 2>/dev/null || true; done
  return 0
}

# wait_for CMD...: retries CMD for up to 10 s (startup of smbd / tcpdump).
wait_for() {
  local i
  for i in $(seq 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timed out waiting for: $*" >&2; return 1
}
