#!/usr/bin/env bash
# make demo: three demonstration forums that federate with one another, on this machine:
#
#   http://localhost:8081  Birmingham (E08000025)
#   http://localhost:8082  Leeds      (E08000035)
#   http://localhost:8083  Cornwall   (E06000052)
#
# Each has its own SQLite file in target/demo/ (made afresh on every run), the sample
# stories, an admin account, DEMO_STORIES (300) generated federated stories from its own
# area over 2024 and 2025 (some tags commoner than others, one story in five agreeing to be
# quoted), and published figures (`stats refresh`, k = 10). Through the
# admin API, 8081 asks to follow 8082 and 8083, and 8082 asks to follow 8083; each request
# is approved on the other side, which follows back, so that every pair is partnered both
# ways. The generated stories are published once the partnerships stand, and travel to
# the partners from then on. Ctrl-C stops all three. Uses the release binary, as
# `make run` does (make demo builds it).
#
# The forums are addressed as localhost, not 127.0.0.1: federation needs a domain name.
# Both federation.allow_* settings are on, which only a local demonstration should do.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/commonthread
seed=target/release/examples/seed_stories
for tool in "$bin" "$seed"; do
  [ -x "$tool" ] || { echo "demo: $tool is missing: make demo builds it"; exit 1; }
done
dir=${DEMO_DIR:-target/demo}
stories=${DEMO_STORIES:-300}
config=commonthread.example.toml

# port|GSS code|area name|admin passphrase
forums=(
  "8081|E08000025|Birmingham|copper kettle under the birmingham canal"
  "8082|E08000035|Leeds|seven herons above the leeds viaduct"
  "8083|E06000052|Cornwall|slate harbour lanterns near the cornish tide"
)
field() { cut -d'|' -f"$2" <<<"$1"; }
slug() { field "$1" 3 | tr '[:upper:]' '[:lower:]'; }

for forum in "${forums[@]}"; do
  port=$(field "$forum" 1)
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo: port $port is in use; stop what listens there (another make demo?) first"
    exit 1
  fi
done

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
trap 'echo; echo "demo: stopping the three forums"; exit 0' INT TERM

# Runs the commonthread binary as one forum, in place of the (sub)shell that calls it:
# `(forum_cmd FORUM ARGS...)`, or `forum_cmd FORUM serve &` so that $! is the server.
forum_cmd() {
  local forum=$1 port area name
  shift
  port=$(field "$forum" 1)
  area=$(field "$forum" 2)
  name=$(field "$forum" 3)
  exec env -u RUST_LOG \
    CT_SERVER_LISTEN="127.0.0.1:$port" \
    CT_SERVER_PUBLIC_URL="http://localhost:$port" \
    CT_DATABASE_URL="sqlite://$dir/$(slug "$forum").db?mode=rwc" \
    CT_FORUM_NAME="$name Parent Carer Forum (demonstration)" \
    CT_FORUM_DESCRIPTION="A demonstration forum for parent carers in $name, partnered with two others on this machine. Its stories are generated, not real." \
    CT_FORUM_AREA="$area" \
    CT_FORUM_SAMPLE_STORIES=true \
    CT_FEDERATION_ALLOW_HTTP=true \
    CT_FEDERATION_ALLOW_PRIVATE_ADDRESSES=true \
    CT_FEDERATION_RETRY_BASE_SECS=5 \
    CT_FEDERATION_RETRY_MAX_SECS=60 \
    RUST_LOG="${RUST_LOG:-info}" \
    "$bin" --config "$config" "$@"
}

start_forum() {
  local forum=$1
  forum_cmd "$forum" serve >>"$dir/$(slug "$forum").log" 2>&1 &
  pids+=($!)
}

wait_healthy() { # wait_healthy PORT PID
  local port=$1 pid=$2
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "demo: the forum on port $port did not start; see $dir/*.log"
  exit 1
}
start_all() {
  local i
  pids=()
  for forum in "${forums[@]}"; do start_forum "$forum"; done
  for i in 0 1 2; do wait_healthy "$(field "${forums[$i]}" 1)" "${pids[$i]}"; done
}

rm -rf "$dir"
mkdir -p "$dir"

# 1. A first start on the empty database: migrations, keys, and the sample stories
#    (which are only added to an empty forum, so before the generated ones).
echo "demo: creating three forums in $dir/"
start_all
stop_all

# 2. An admin for each.
for forum in "${forums[@]}"; do
  (RUST_LOG=warn forum_cmd "$forum" admin create --handle admin --passphrase-stdin) \
    <<<"$(field "$forum" 4)" >"$dir/$(slug "$forum").admin.txt" 2>>"$dir/$(slug "$forum").log"
done

# 3. Serve, and partner them through the admin API.
start_all

jar() { echo "$dir/cookies.$1"; }
api() { # api PORT METHOD PATH [JSON]
  local port=$1 method=$2 path=$3 body=${4:-}
  curl -sS -b "$(jar "$port")" -c "$(jar "$port")" -X "$method" \
    -H 'X-Requested-With: commonthread' -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "http://127.0.0.1:$port$path"
}
# The state of the partner at DOMAIN as forum PORT sees it (empty if none).
partner_state() {
  api "$1" GET /api/v1/admin/partners | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(next((p["state"] for p in d.get("partners", []) if p["domain"] == sys.argv[1]), ""))' "$2"
}
wait_state() { # wait_state PORT DOMAIN STATE
  for _ in $(seq 1 300); do
    [ "$(partner_state "$1" "$2")" = "$3" ] && return 0
    sleep 0.1
  done
  echo "demo: localhost:$1 never saw $2 as $3; see $dir/*.log"
  exit 1
}

for forum in "${forums[@]}"; do
  port=$(field "$forum" 1)
  api "$port" POST /api/v1/session "{\"handle\":\"admin\",\"passphrase\":\"$(field "$forum" 4)\"}" | grep -q '"admin"' \
    || { echo "demo: could not sign in to localhost:$port as admin"; exit 1; }
done
for pair in "8081 8082" "8081 8083" "8082 8083"; do
  read -r from to <<<"$pair"
  api "$from" POST /api/v1/admin/partners "{\"address\":\"forum@localhost:$to\"}" >/dev/null
  wait_state "$to" "localhost:$from" requested
  api "$to" POST "/api/v1/admin/partners/localhost:$from/approve" >/dev/null
  wait_state "$from" "localhost:$to" partner
  wait_state "$to" "localhost:$from" partner
  echo "demo: localhost:$from and localhost:$to are partners"
done

# Both directions, as the databases say (the API calls a forum a partner once either
# direction is accepted).
for _ in $(seq 1 300); do
  both=$(python3 - "$dir" <<'PY'
import glob, sqlite3, sys
n = 0
for db in glob.glob(f"{sys.argv[1]}/*.db"):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    n += c.execute("SELECT count(*) FROM fed_partner WHERE following = 'accepted'"
                   " AND followed_by = 'accepted'").fetchone()[0]
print(n)
PY
)
  [ "$both" = 6 ] && break
  sleep 0.1
done
[ "$both" = 6 ] || echo "demo: warning: only $both of 6 follows are accepted both ways yet"

# 4. The generated stories and the figures, now that the partnerships stand: the
#    federation sweep sends them to the partners.
for forum in "${forums[@]}"; do
  area=$(field "$forum" 2)
  name=$(field "$forum" 3)
  db="$dir/$(slug "$forum").db"
  # Written as changed now, so the running forum's federation sweep sends them; skewed,
  # so that some tags are common enough to show, at rates that differ between areas.
  SEED_FEDERATED=1 SEED_SKEWED=1 SEED_AREA="$area" SEED_YEARS=2 \
    "$seed" "sqlite://$db?mode=rwc" "$stories" >/dev/null 2>"$dir/seed.log"
  figures=$(RUST_LOG=warn forum_cmd "$forum" stats refresh 2>>"$dir/$(slug "$forum").log" | grep '^Published' || true)
  echo "demo: $name: $stories generated federated stories. $figures"
done

echo
echo "  Three federated demonstration forums are running:"
for forum in "${forums[@]}"; do
  port=$(field "$forum" 1)
  printf '    http://localhost:%s  %-10s (%s)  admin: handle "admin", passphrase "%s"\n' \
    "$port" "$(field "$forum" 3)" "$(field "$forum" 2)" "$(field "$forum" 4)"
done
echo
echo "  Partners' stories: Stories, then \"From partner forums\" (GET /api/v1/stories?source=partners)."
echo "  Figures: Patterns, then \"The last 4 years\"; Compare areas for all three (/compare)."
echo "  Partners: /admin/federation, signed in as admin."
echo "  Browsers share cookies between the ports of one host: sign in to one forum per"
echo "  browser window (a private window for the second, another browser for the third)."
echo "  Logs, databases and recovery codes are in $dir/. Stop all three with Ctrl-C."
echo

# Stories go on arriving for a few minutes; say how far each forum has got, until every
# forum has all of its partners' stories, or nothing more comes for a minute.
started=$(date +%s)
(
  last=""
  still=0
  while sleep 10; do
    summary=$(for forum in "${forums[@]}"; do
      python3 - "$(field "$forum" 1)" "$stories" 2>/dev/null <<'PY'
import collections, json, sys, urllib.request
port, want = sys.argv[1], int(sys.argv[2])
by, cursor = collections.Counter(), None
try:
    while True:
        url = f"http://127.0.0.1:{port}/api/v1/stories?source=partners&limit=50" + (f"&cursor={cursor}" if cursor else "")
        page = json.load(urllib.request.urlopen(url, timeout=10))
        by.update(s.get("area_name") or s["area"] for s in page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
except OSError:
    pass
done = len(by) == 2 and all(n >= want for n in by.values())
print(("ok " if done else "wait ") + f"localhost:{port} has " + (", ".join(f"{n} from {a}" for a, n in sorted(by.items())) or "none yet"))
PY
    done)
    line=$(sed -E 's/^(ok|wait) //' <<<"$summary" | paste -sd';' | sed 's/;/; /g')
    if ! grep -q '^wait' <<<"$summary"; then
      echo "demo: after $(( $(date +%s) - started )) s every forum has all its partners' stories: $line"
      exit 0
    fi
    if [ "$line" != "$last" ]; then
      echo "demo: after $(( $(date +%s) - started )) s: $line"
      last=$line
      still=0
    elif [ $(( still += 1 )) = 6 ]; then
      echo "demo: nothing more has arrived for a minute: some stories of the $stories each forum sent are missing (see $dir/*.log)"
      exit 0
    fi
  done
) &
pids+=($!)

wait "${pids[0]}" "${pids[1]}" "${pids[2]}" || true
