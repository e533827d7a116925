#!/usr/bin/env bash
# make bench: idle resident memory of a running forum, and requests per second for
# GET /api/v1/instance from wrk on loopback. Uses the release binary and a fresh SQLite file.
# Needs wrk (apt-get install wrk). Figures go to stdout and bench/results/latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${CT_TEST_SERVER_BIN:-target/release/commonthread}
[ -x "$bin" ] || { echo "bench: $bin is missing: cargo build --release -p commonthread"; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk"; exit 1; }
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
env -u RUST_LOG CT_SERVER_LISTEN="127.0.0.1:$port" CT_SERVER_PUBLIC_URL="$base" \
  CT_DATABASE_URL="sqlite://$dir/bench.db?mode=rwc" CT_FORUM_AREA=E08000025 \
  RUST_LOG=warn "$bin" serve >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

for _ in $(seq 1 300); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { cat "$dir/server.log"; exit 1; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
sleep 1 # let start-up allocations settle before reading idle memory
idle=$(rss_kib)
wrk_out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$base/api/v1/instance")
loaded=$(rss_kib)
rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$wrk_out")
p50=$(awk '$1 == "50%" { print $2 }' <<<"$wrk_out")
p99=$(awk '$1 == "99%" { print $2 }' <<<"$wrk_out")
errors=$(grep -E 'Non-2xx|Socket errors' <<<"$wrk_out" || true)

mkdir -p bench/results
{
  echo "| measure | value |"
  echo "|---|---|"
  echo "| idle resident memory | $((idle / 1024)) MiB ($idle KiB) |"
  echo "| GET /api/v1/instance | $rps requests/s (wrk -t$threads -c$connections -d${duration}s) |"
  echo "| latency p50 / p99 | $p50 / $p99 |"
  echo "| resident memory after load | $((loaded / 1024)) MiB |"
  echo "| machine | $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d) |"
} | tee bench/results/latest.md
[ -z "$errors" ] || { echo "bench: wrk saw errors: $errors"; exit 1; }
