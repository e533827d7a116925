#!/usr/bin/env bash
# make bench: the statistics refresh (`commonthread stats refresh`) over 100,000 counted
# stories by 30,000 members spread over 100 local authorities and 10 years (4,000 area ×
# quarter rows), on SQLite and on PostgreSQL, without noise and with it (epsilon 1), and
# the release audit alone (`commonthread stats audit`). The refresh includes the audit of
# every row it publishes. The target is under 10 s for each.
# The seeder is server/examples/seed_stories.rs. PostgreSQL is a throwaway cluster
# (Debian's binaries; fsync off, as in the feed benchmark), or CT_TEST_POSTGRES_URL's
# server. Figures go to stdout and bench/results/stats.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${CT_TEST_SERVER_BIN:-target/release/commonthread}
seed=target/release/examples/seed_stories
for tool in "$bin" "$seed"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing: make bench builds it"; exit 1; }
done
stories=${BENCH_STORIES:-100000}
members=${BENCH_MEMBERS:-30000}
engines=${BENCH_ENGINES:-sqlite postgres}
runs=${BENCH_RUNS:-3}

. bench/lib.sh
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT

{
  echo "| engine | noise | refresh with audit (best of $runs) | slowest | audit alone (best of $runs) | figures published |"
  echo "|---|---|---|---|---|---|"
} >"$work/table.md"

for engine in $engines; do
  case $engine in
    sqlite) url="sqlite://$work/stats.db?mode=rwc" ;;
    postgres) url=${CT_TEST_POSTGRES_URL:-$(start_postgres)} ;;
  esac
  started=$(date +%s)
  SEED_AREAS=100 SEED_YEARS=10 SEED_MEMBERS="$members" "$seed" "$url" "$stories" >/dev/null 2>"$work/seed.log"
  echo "bench: $engine: $(cat "$work/seed.log") (seeding took $(( $(date +%s) - started )) s)"
  for epsilon in none 1.0; do
    noise=()
    [ "$epsilon" = none ] || noise=(CT_STATS_EPSILON="$epsilon")
    times=()
    for _ in $(seq 1 "$runs"); do
      t0=$(date +%s%N)
      line=$(env -u RUST_LOG CT_DATABASE_URL="$url" "${noise[@]}" RUST_LOG=warn "$bin" stats refresh)
      times+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    echo "bench: $engine, noise $epsilon: $line"
    audits=()
    for _ in $(seq 1 "$runs"); do
      t0=$(date +%s%N)
      said=$(env -u RUST_LOG CT_DATABASE_URL="$url" RUST_LOG=warn "$bin" stats audit) || {
        echo "bench: the audit failed on what the refresh published:"; echo "$said"; exit 1; }
      audits+=($(( ($(date +%s%N) - t0) / 1000000 )))
    done
    echo "bench: $engine, noise $epsilon: $(head -1 <<<"$said")"
    best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
    worst=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
    audit=$(printf '%s\n' "${audits[@]}" | sort -n | head -1)
    published=$(sed -E 's/^Published ([0-9]+) of ([0-9]+) figures from ([0-9]+) families \(([0-9]+) counted stories.*/\1 of \2 (\3 families, \4 stories)/' <<<"$line")
    secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
    echo "| $engine | $([ "$epsilon" = none ] && echo none || echo "epsilon $epsilon") | $(secs "$best") | $(secs "$worst") | $(secs "$audit") | $published |" | tee -a "$work/table.md"
  done
  stop_postgres
done

mkdir -p bench/results
{
  echo "\`commonthread stats refresh\` and \`stats audit\` (whole processes, wall clock) over $stories stories by $members members in 100 areas × 40 quarters; $(nproc) cores, $(date -u +%Y-%m-%d)."
  echo
  cat "$work/table.md"
} | tee bench/results/stats.md
