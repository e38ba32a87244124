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
    # Two of these scripts started at once (test.sh runs the demo beside the fault suite) must not fail on each other's
    # apt lock: ours queue on a lock file of their own, and apt waits for any other holder of its locks.
    (
      flock 9
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
    ) 9>/var/lock/storesales-apt.lock
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

# as_pg_owner CMD... : initdb refuses root, so as root the cluster belongs to the 'postgres' system user. It runs from /
# because the caller's directory may be one that user cannot enter (PostgreSQL's tools then warn "could not change
# directory").
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where a cluster goes when the 'postgres' user cannot reach the folder asked for: a checkout cloned as root into a
# home only root can enter (mode 700, as /root is) is out of its reach, and PostgreSQL cannot run as root. Rather than
# open root's home to another user, such a cluster lives under that user's own home (Debian's /var/lib/postgresql, where
# PostgreSQL data belongs) and the folder asked for becomes a symbolic link to it, so `ls -l .data` shows where it is.
# Removing the link (rm -rf .data, git clean -xdf, a new clone in the same place) removes the data as it would have
# without the link: the next pg_start deletes every stopped cluster here whose link is gone (see pg_collect_orphans).
# STORESALES_PG_ELSEWHERE names another folder for them (one the 'postgres' user can reach).
pg_elsewhere() {
  echo "${STORESALES_PG_ELSEWHERE:-$(getent passwd postgres | cut -d: -f6)/storesales}"
}

# pg_reachable DIR : prints the folder the cluster in DIR really lives in, moving it under PG_ELSEWHERE (and leaving a
# symbolic link in DIR) when the 'postgres' user cannot reach DIR. Only root needs this: otherwise the cluster belongs
# to the caller, who can reach what they asked for.
pg_reachable() {
  local dir="$1"
  mkdir -p "$(dirname "$dir")"
  dir="$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")"
  if [ "$(id -u)" -ne 0 ]; then mkdir -p "$dir"; echo "$dir"; return 0; fi
  if [ -L "$dir" ] && [ ! -e "$dir" ]; then rm "$dir"; fi # its cluster was removed by hand: start afresh
  if [ -L "$dir" ]; then (cd -P "$dir" && pwd); return; fi
  if as_pg_owner test -x "$(dirname "$dir")"; then
    mkdir -p "$dir"; chown postgres "$dir"; echo "$dir"; return 0
  fi
  pg_collect_orphans
  local name elsewhere
  name="$(basename "$dir").$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
  elsewhere="$(pg_elsewhere)/$name"
  if [ -e "$elsewhere" ]; then
    echo "$elsewhere is the cluster of $dir, whose link is gone, but it still runs: stop it (runuser -u postgres -- $PG_BIN/pg_ctl -D $elsewhere/data stop) and start again" >&2
    return 1
  fi
  local cannot="the 'postgres' user cannot create $elsewhere (set STORESALES_PG_ELSEWHERE to a folder it can reach)"
  as_pg_owner mkdir -p "$(pg_elsewhere)" || { echo "$cannot" >&2; return 1; }
  if [ -d "$dir" ]; then
    # A cluster made before the checkout moved here (or an initdb that failed here): it moves with its data.
    mv "$dir" "$elsewhere" && chown -R postgres "$elsewhere" || return 1
  else
    as_pg_owner mkdir -m 700 "$elsewhere" || { echo "$cannot" >&2; return 1; }
  fi
  ln -s "$elsewhere" "$dir" || return 1
  # Written last: a folder without it is one still being set up, which pg_collect_orphans leaves alone.
  printf '%s\n' "$dir" >"$elsewhere/link" && chown postgres "$elsewhere/link"
  echo "PostgreSQL runs as the 'postgres' user, who cannot enter $(dirname "$dir"): the cluster is in $elsewhere, linked from $dir" >&2
  echo "$elsewhere"
}

# pg_collect_orphans : deletes each stopped cluster under PG_ELSEWHERE whose link no longer points at it.
pg_collect_orphans() {
  [ "$(id -u)" -eq 0 ] && [ -d "$(pg_elsewhere)" ] || return 0
  local cluster link
  for cluster in "$(pg_elsewhere)"/*/; do
    cluster="${cluster%/}"
    [ -f "$cluster/link" ] || continue
    link="$(cat "$cluster/link")"
    [ "$(readlink "$link" 2>/dev/null)" = "$cluster" ] && continue
    if [ -f "$cluster/data/PG_VERSION" ] && as_pg_owner "$PG_BIN/pg_ctl" -D "$cluster/data" status >/dev/null 2>&1; then continue; fi
    rm -rf "$cluster"
  done
}

# pg_start DIR PORT [fast] : creates the cluster in DIR on first use, starts it on 127.0.0.1:PORT.
# 'fast' turns off fsync (tests only: a durable ack measured without fsync is not durable).
pg_start() {
  local dir="$1" port="$2" mode="${3:-}"
  need_postgres || return 1
  dir="$(pg_reachable "$dir")" || return 1
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400"
  if [ "$mode" = "fast" ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  else
    # Each backend asks the kernel to write what it dirtied after every 256 kB, so the page cache never holds hundreds of
    # megabytes that the kernel then flushes at once, stalling the ledger's commits behind it (PostgreSQL's default on
    # Linux is off). Measured with benchmark.sh: p99 sale -> board at half load 172-220 ms with it, 265-509 ms without,
    # alternate runs (docs/benchmarks.md, 2026-12-07); recommended for the ledger's server in production too.
    opts="$opts -c backend_flush_after=256kB"
  fi
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
  dir="$(cd -P "$dir" && pwd)" # the cluster's own folder, not a link in a folder its owner cannot enter
  as_pg_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
