# Shared by up.sh and test.sh: Debian prerequisites and a private PostgreSQL cluster.
# Source it; it defines functions and changes nothing by itself.

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

# need_packages PKG... : installs missing Debian packages when root, else says exactly what to run.
need_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages. Run:  sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

# need_chromium : the browser the Playwright tests drive (Debian's build; Playwright cannot download its own here),
# and a Chinese font so that zh-CN pages in the screenshots are readable. STORESALES_CHROMIUM may name another
# Chromium binary instead.
need_chromium() {
  if [ -x "${STORESALES_CHROMIUM:-/usr/bin/chromium}" ]; then
    need_packages fonts-wqy-microhei || echo "(zh-CN screenshots will show boxes instead of Chinese text)" >&2
    return 0
  fi
  need_packages chromium fonts-wqy-microhei
}

need_postgres() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    need_packages postgresql || return 1
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
}

# as_pg_owner CMD... : initdb refuses root, so as root the cluster belongs to the 'postgres' system user.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DIR PORT [fast] : creates the cluster in DIR on first use, starts it on 127.0.0.1:PORT.
# 'fast' turns off fsync (tests only: a durable ack measured without fsync is not durable).
pg_start() {
  local dir="$1" port="$2" mode="${3:-}"
  need_postgres || return 1
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
  if [ "$mode" = "fast" ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  if as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "PostgreSQL already running in $dir"
    return 0
  fi
  # The port can be held for up to a minute by a closed client connection (TIME-WAIT) that the kernel gave this very
  # number as its ephemeral local port (ours lie inside Linux's 32768-60999 range): wait it out rather than fail.
  local attempt
  for attempt in $(seq 1 15); do
    if as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$opts" start >/dev/null; then
      return 0
    fi
    tail -n 8 "$dir/postgres.log" | grep -q "Address already in use" || break
    echo "Port $port is still held by a closed connection (TIME-WAIT); retrying in 5 s" >&2
    sleep 5
  done
  tail -n 20 "$dir/postgres.log" >&2
  return 1
}

pg_stop() {
  local dir="$1"
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
