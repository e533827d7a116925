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
  CT_LIMITS_SCREENINGS_PER_MINUTE=100000000 \
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

# Screening: memory must not grow with the number of requests. A 20,000-character
# story (the corpus, markup removed) posted again and again.
python3 - "$dir/story.json" <<'PY'
import json, pathlib, re, sys
texts = [re.sub(r"\{\{[a-z]+\|([^}]*)\}\}", r"\1", p.read_text()) for p in sorted(pathlib.Path("server/data/screening-corpus").glob("*.txt"))]
story = "\n\n".join(texts * 3)[:20000]
pathlib.Path(sys.argv[1]).write_text(json.dumps({"text": story}))
PY
cat > "$dir/screen.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Requested-With"] = "commonthread"
local f = io.open("$dir/story.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
wrk -t"$threads" -c4 -d3s -s "$dir/screen.lua" "$base/api/v1/screening" >/dev/null
screen_first=$(rss_kib)
screen_out=$(wrk -t"$threads" -c4 -d"${duration}s" -s "$dir/screen.lua" "$base/api/v1/screening")
screen_after=$(rss_kib)
screen_rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$screen_out")
screen_total=$(awk '/requests in/ { print $1 }' <<<"$screen_out")
errors="$errors$(grep -E 'Non-2xx|Socket errors' <<<"$screen_out" || true)"

mkdir -p bench/results
{
  echo "| measure | value |"
  echo "|---|---|"
  echo "| idle resident memory | $((idle / 1024)) MiB ($idle KiB) |"
  echo "| GET /api/v1/instance | $rps requests/s (wrk -t$threads -c$connections -d${duration}s) |"
  echo "| latency p50 / p99 | $p50 / $p99 |"
  echo "| resident memory after load | $((loaded / 1024)) MiB |"
  echo "| POST /api/v1/screening, 20,000-character story | $screen_rps requests/s (wrk -c4 -d${duration}s) |"
  echo "| resident memory, screening: after 3 s / after $screen_total more requests | $((screen_first / 1024)) MiB / $((screen_after / 1024)) MiB |"
  echo "| machine | $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d) |"
} | tee bench/results/latest.md
[ -z "$errors" ] || { echo "bench: wrk saw errors: $errors"; exit 1; }
