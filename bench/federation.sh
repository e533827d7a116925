#!/usr/bin/env bash
# make bench: federation delivery. One forum with 50 partners (simulated inboxes on
# loopback, bench/fed_sink.py) delivers 1,000 federated stories: 50,000 signed
# deliveries. Two more partners are bad: one accepts connections and never answers, one
# refuses them; they must not hold up the others, and their deliveries must still be
# queued (not lost) at the end. The target: all 50,000 in under a minute on 2 cores, with
# memory flat. The timed span starts when the server process is launched (so it includes
# start-up, and the sweep that turns the stories into 52,000 queued deliveries) and ends
# when the sink has every story activity on every good partner. Resident memory (VmRSS)
# is sampled twice a second. Figures go to stdout and bench/results/federation.md.
#
# BENCH_FED_STORIES (1000), BENCH_FED_PARTNERS (50), BENCH_FED_TIMEOUT (300 s) change it;
# BENCH_FED_BAD=0 leaves out the two bad partners.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${CT_TEST_SERVER_BIN:-target/release/commonthread}
seed=target/release/examples/seed_stories
for tool in "$bin" "$seed"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing: make bench builds it"; exit 1; }
done
stories=${BENCH_FED_STORIES:-1000}
partners=${BENCH_FED_PARTNERS:-50}
timeout=${BENCH_FED_TIMEOUT:-300}
bad=${BENCH_FED_BAD:-1}

. bench/lib.sh
work=$(mktemp -d)
server_pid=""
sink_pid=""
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  [ -n "$sink_pid" ] && { kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; }
  if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

db="$work/federation.db"
url="sqlite://$db?mode=rwc"
started=$(date +%s)
SEED_FEDERATED=1 "$seed" "$url" "$stories" >/dev/null 2>"$work/seed.log"
echo "bench: federation: $(cat "$work/seed.log") (federated; seeding took $(( $(date +%s) - started )) s)"

python3 bench/fed_sink.py --partners "$partners" --ready "$work/ready.json" \
  --key-file "$work/key.pem" >"$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 100); do [ -f "$work/ready.json" ] && break; sleep 0.1; done
[ -f "$work/ready.json" ] || { echo "bench: the sink did not start:"; cat "$work/sink.log"; exit 1; }

# The partners: every one follows this forum and is followed by it, as after approval.
python3 - "$db" "$work/ready.json" "$bad" <<'PY'
import datetime, json, sqlite3, sys
db, ready, bad = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3] == "1"
ports = list(ready["good"]) + ([ready["dead"], ready["refused"]] if bad else [])
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="microseconds")
with sqlite3.connect(db) as c:
    c.executemany(
        "INSERT INTO fed_partner (domain, actor, inbox, shared_inbox, public_key_pem, name,"
        " following, followed_by, their_follow, unreachable_since, fetched_at, created_at)"
        " VALUES (?, ?, ?, ?, 'x', ?, 'accepted', 'accepted', NULL, NULL, ?, ?)",
        [(f"localhost:{p}", f"http://localhost:{p}/actor", f"http://localhost:{p}/inbox",
          f"http://localhost:{p}/inbox", f"Simulated forum {p}", now, now) for p in ports])
PY

port=$(free_port)
base="http://localhost:$port"
t0=$(date +%s%N)
env -u RUST_LOG CT_SERVER_LISTEN="127.0.0.1:$port" CT_SERVER_PUBLIC_URL="$base" \
  CT_DATABASE_URL="$url" CT_FORUM_AREA=E08000025 \
  CT_FEDERATION_ALLOW_HTTP=true CT_FEDERATION_ALLOW_PRIVATE_ADDRESSES=true \
  RUST_LOG=${BENCH_RUST_LOG:-info} "$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!

# Waits for every good partner to have every story; samples memory and progress.
python3 - "$server_pid" "$base" "$work" "$t0" "$stories" "$partners" "$timeout" <<'PY' | tee "$work/monitor.json" >/dev/null
import json, os, sys, time, urllib.request
pid, base, work, t0, stories, partners, timeout = sys.argv[1:8]
t0, stories, partners, timeout = int(t0) / 1e9, int(stories), int(partners), float(timeout)
control = json.load(open(f"{work}/ready.json"))["control"]
target = stories * partners

def rss(field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0

def sink():
    with urllib.request.urlopen(f"http://127.0.0.1:{control}/stats", timeout=5) as r:
        return json.load(r)

samples, key, result, s = [], False, {}, {}
while True:
    time.sleep(0.5)
    if not os.path.exists(f"/proc/{pid}"):
        result["error"] = "the server stopped"
        break
    if not key:
        try:
            req = urllib.request.Request(f"{base}/actor", headers={"Accept": "application/activity+json"})
            with urllib.request.urlopen(req, timeout=2) as r:
                pem = json.load(r)["publicKey"]["publicKeyPem"]
            with open(f"{work}/key.pem.tmp", "w") as f:
                f.write(pem)
            os.replace(f"{work}/key.pem.tmp", f"{work}/key.pem")
            key = True
            result["ready_secs"] = time.time() - t0
        except Exception:
            pass
    s = sink()
    now = time.time() - t0
    samples.append((now, rss(), s["stories"]))
    if s["stories"] and "first_delivery_secs" not in result:
        result["first_delivery_secs"] = now
    if s["min_stories_per_port"] >= stories:
        result["done_secs"] = now
        break
    if now > timeout:
        result["error"] = f"timed out after {timeout:.0f} s with {s['stories']} of {target}"
        break
result["final_rss_kib"] = rss()
result["hwm_kib"] = rss("VmHWM")
result["peak_rss_kib"] = max((r for _, r, _ in samples), default=0)
result["samples"] = samples
for pct in (10, 50, 90):
    hit = next(((t, r) for t, r, d in samples if d >= target * pct / 100), None)
    result[f"rss_at_{pct}"] = hit
result["sink"] = s
print(json.dumps(result))
PY

# Reports (and anything else queued after the stories) still on their way to good
# partners: give them a few seconds, then read the queue.
for _ in $(seq 1 20); do
  left=$(python3 - "$db" "$work/ready.json" <<'PY'
import json, sqlite3, sys
domains = [f"localhost:{p}" for p in json.load(open(sys.argv[2]))["good"]]
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
marks = ",".join("?" * len(domains))
print(c.execute(f"SELECT count(*) FROM fed_delivery WHERE domain IN ({marks})", domains).fetchone()[0])
PY
)
  [ "$left" = 0 ] && break
  sleep 0.5
done
final_sink=$(curl -fsS "http://127.0.0.1:$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["control"])' "$work/ready.json")/stats")
queue=$(python3 - "$db" "$work/ready.json" <<'PY'
import json, sqlite3, sys
r = json.load(open(sys.argv[2]))
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
def pending(port):
    n, attempts, err = c.execute(
        "SELECT count(*), coalesce(max(attempts), 0), max(last_error) FROM fed_delivery WHERE domain = ?",
        (f"localhost:{port}",)).fetchone()
    return {"pending": n, "attempts": attempts, "last_error": (err or "")[:160]}
good = sum(pending(p)["pending"] for p in r["good"])
print(json.dumps({"good_pending": good, "dead": pending(r["dead"]), "refused": pending(r["refused"]),
                  "total": c.execute("SELECT count(*) FROM fed_delivery").fetchone()[0]}))
PY
)
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

status=0
python3 - "$work/monitor.json" "$final_sink" "$queue" "$stories" "$partners" "$bad" "$(nproc)" >"$work/summary" <<'PY' || status=$?
import json, sys
m = json.load(open(sys.argv[1])); sink = json.loads(sys.argv[2]); q = json.loads(sys.argv[3])
stories, partners, bad, cores = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "1", sys.argv[7]
target = stories * partners
mib = lambda k: f"{k / 1024:.0f} MiB"
ok = "error" not in m
done = m.get("done_secs")
at = lambda p: mib(m[f"rss_at_{p}"][1]) if m.get(f"rss_at_{p}") else "n/a"
problems = []
for name in ("missing_signature", "missing_digest", "bad_digest", "not_inbox"):
    if sink[name]:
        problems.append(f"{sink[name]} {name.replace('_', ' ')}")
if sink["bad_signatures"]:
    problems.append(f"bad signatures: {sink['bad_signatures']}")
if sink["distinct"] != sink["stories"] + sink["reports"] + sink["other"]:
    problems.append(f"{sink['stories'] + sink['reports'] + sink['other'] - sink['distinct']} repeated deliveries")
if q["good_pending"]:
    problems.append(f"{q['good_pending']} deliveries to good partners still queued")
if bad and (q["dead"]["pending"] < stories or q["refused"]["pending"] < stories):
    problems.append("the bad partners' deliveries were not all kept in the queue")
lines = []
if ok:
    lines.append(f"bench: federation: {sink['stories']:,} story deliveries to {partners} partners in {done:.1f} s "
                 f"from launch ({sink['stories'] / done:,.0f}/s; first delivery at {m['first_delivery_secs']:.1f} s, "
                 f"then {sink['stories'] / (done - m['first_delivery_secs']):,.0f}/s); "
                 f"RSS peak {mib(m['peak_rss_kib'])} (high-water {mib(m['hwm_kib'])}), final {mib(m['final_rss_kib'])}, "
                 f"at 10/50/90%: {at(10)}/{at(50)}/{at(90)}; "
                 f"{sink['signatures_verified']} signatures verified; "
                 + (f"dead/refused partners: {q['dead']['pending']}/{q['refused']['pending']} deliveries still queued"
                    if bad else "no bad partners"))
else:
    lines.append(f"bench: federation: FAILED: {m['error']}")
if problems:
    lines.append("bench: federation: problems: " + "; ".join(problems))
print("\n".join(lines))
table = [
    "| measure | value |", "|---|---|",
    f"| story deliveries (signed POSTs to {partners} inboxes) | {sink['stories']:,} of {target:,}"
    + (f", plus {sink['reports']:,} pattern reports" if sink["reports"] else "") + " |",
]
if ok:
    table += [
        f"| time from launching the server to the last one | **{done:.1f} s** ({sink['stories'] / done:,.0f} deliveries/s) |",
        f"| first delivery after launch | {m['first_delivery_secs']:.1f} s (start-up, then the sweep that queues every delivery) |",
        f"| resident memory at 10% / 50% / 90% of deliveries | {at(10)} / {at(50)} / {at(90)} |",
        f"| resident memory: peak sampled / high-water / at the end | {mib(m['peak_rss_kib'])} / {mib(m['hwm_kib'])} / {mib(m['final_rss_kib'])} |",
    ]
table += [
    f"| signatures verified by the sink (1 in 25, and each inbox's first) | {sink['signatures_verified']}, none bad |" if not sink["bad_signatures"] else f"| bad signatures | {sink['bad_signatures']} |",
]
if bad:
    table += [
        f"| partner that never answers: deliveries still queued, attempts, last error | {q['dead']['pending']:,}, {q['dead']['attempts']}, `{q['dead']['last_error'][:80]}` |",
        f"| partner that refuses connections: the same | {q['refused']['pending']:,}, {q['refused']['attempts']}, `{q['refused']['last_error'][:80]}` |",
    ]
table.append(f"| machine | {cores} cores, release build, SQLite |")
open(sys.argv[1] + ".table", "w").write("\n".join(table) + "\n")
sys.exit(0 if ok and not problems else 1)
PY
cat "$work/summary"
mkdir -p bench/results
{
  echo "Federation: $stories federated stories to $partners partners on loopback$([ "$bad" = 1 ] && echo ", plus one that never answers and one that refuses connections"); $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo
  cat "$work/monitor.json.table"
} | tee bench/results/federation.md
if [ "$status" != 0 ]; then
  echo "bench: federation: the last lines of the server's log:"
  tail -20 "$work/server.log"
  exit 1
fi
