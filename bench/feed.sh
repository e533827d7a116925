#!/usr/bin/env bash
# make bench: the feed (GET /api/v1/stories) with 100,000 published stories, on SQLite and
# on PostgreSQL: first page and a page deep in the cursor, with and without a tag filter,
# under 50 concurrent readers on loopback (wrk -t2 -c50 --latency), with the feed cache on
# (server.feed_cache_millis = 1000, the default) and off (0: every request queries the database). The seeder is
# server/examples/seed_stories.rs. PostgreSQL is a throwaway cluster (Debian's binaries),
# or CT_TEST_POSTGRES_URL's server. Figures go to stdout and bench/results/feed.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${CT_TEST_SERVER_BIN:-target/release/commonthread}
seed=target/release/examples/seed_stories
for tool in "$bin" "$seed"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing: make bench builds it"; exit 1; }
done
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk"; exit 1; }
stories=${BENCH_STORIES:-100000}
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-50}
engines=${BENCH_ENGINES:-sqlite postgres}

. bench/lib.sh
work=$(mktemp -d)
chmod 755 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

{
  echo "| engine | feed cache | request | p50 | p99 | requests/s |"
  echo "|---|---|---|---|---|---|"
} >"$work/table.md"

for engine in $engines; do
  case $engine in
    sqlite) url="sqlite://$work/feed.db?mode=rwc" ;;
    postgres) url=${CT_TEST_POSTGRES_URL:-$(start_postgres)} ;;
  esac
  started=$(date +%s)
  "$seed" "$url" "$stories" >"$work/cursors" 2>"$work/seed.log"
  echo "bench: $engine: $(cat "$work/seed.log") (seeding took $(( $(date +%s) - started )) s)"
  # shellcheck disable=SC1090
  . "$work/cursors"

  for cache in 1000 0; do
    port=$(free_port)
    base="http://127.0.0.1:$port"
    env -u RUST_LOG CT_SERVER_LISTEN="127.0.0.1:$port" CT_SERVER_PUBLIC_URL="$base" \
      CT_DATABASE_URL="$url" CT_DATABASE_MAX_CONNECTIONS=16 CT_SERVER_FEED_CACHE_MILLIS="$cache" CT_FORUM_AREA=E08000025 \
      RUST_LOG=warn "$bin" serve >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
      curl -fsS "$base/healthz" >/dev/null 2>&1 && break
      sleep 0.1
    done
    curl -fsS "$base/api/v1/stories?cursor=$deep_cursor" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["items"]) == 20, d'

    for request in "first page|/api/v1/stories" \
                   "deep page (story 50,000)|/api/v1/stories?cursor=$deep_cursor" \
                   "tag, first page|/api/v1/stories?tag=$tag" \
                   "tag, deep page|/api/v1/stories?tag=$tag&cursor=$tag_deep_cursor"; do
      name=${request%%|*}
      path=${request#*|}
      wrk -t2 -c"$connections" -d2s "$base$path" >/dev/null # warm up
      out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$base$path")
      if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
        echo "bench: wrk saw errors on $engine $name:"; echo "$out"; exit 1
      fi
      p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
      p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
      rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
      echo "| $engine | $([ "$cache" = 0 ] && echo off || echo "${cache} ms") | $name | $p50 | $p99 | $rps |" | tee -a "$work/table.md"
    done
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  done
done

mkdir -p bench/results
{
  echo "Feed with $stories published stories; wrk -t2 -c$connections -d${duration}s --latency; $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo
  cat "$work/table.md"
} | tee bench/results/feed.md
