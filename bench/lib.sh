# Shared by the benchmark scripts: a free loopback port, and a throwaway PostgreSQL
# cluster (Debian's binaries; as root, run as the postgres user). The caller sets $work
# (a temporary folder it removes) and calls stop_postgres on exit.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A throwaway PostgreSQL cluster; prints its URL.
start_postgres() {
  local pgbin data port owner=()
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  data="$work/pg"
  if [ "$(id -u)" = 0 ]; then
    owner=(runuser -u postgres --)
    mkdir -p "$data" && chown postgres:postgres "$data"
  fi
  "${owner[@]}" "$pgbin/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --locale=C --no-sync >/dev/null
  port=$(free_port)
  "${owner[@]}" "$pgbin/postgres" -D "$data" -p "$port" -k "$data" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c shared_buffers=256MB >"$work/postgres.log" 2>&1 &
  for _ in $(seq 1 300); do
    "$pgbin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
    sleep 0.1
  done
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# Stops the cluster start_postgres made, if any (runuser does not pass signals on, so
# pg_ctl asks the postmaster itself).
stop_postgres() {
  [ -f "$work/pg/postmaster.pid" ] || return 0
  local pgbin owner=()
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  [ "$(id -u)" = 0 ] && owner=(runuser -u postgres --)
  "${owner[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
}
