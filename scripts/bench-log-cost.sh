#!/usr/bin/env bash
# The cost the verifiable public record adds to creating a request
# (docs/BENCHMARKS.md section 3d). Since "Log store: …" every event is
# written with its log entry and queued in the log outbox, so "without the
# log" is the commit before it. This script checks out that commit and the
# new revision in temporary git worktrees, builds BenchmarkCreateRequestHTTP
# in each, runs them back to back, interleaved base/new COUNT times, and
# prints every run and the medians per store and client count.
#
# The new revision's benchmark also has …/log variants that run the log job
# (LogJob.Run every 2 s, as serve does) beside the clients.
#
# Needs SCHAKEL_TEST_POSTGRES (a database the benchmarks may create schemas in).
# Usage: scripts/bench-log-cost.sh [output-file]
# Environment: BASE_REV (default: the parent of the "Log store:" commit),
#   NEW_REV (default HEAD, run with the working tree's server/bench_test.go;
#   "." means the working tree as it is, uncommitted changes included), COUNT (default 3), BENCHTIME (default 3000x),
#   BENCH (default CreateRequestHTTP).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
: "${SCHAKEL_TEST_POSTGRES:?set SCHAKEL_TEST_POSTGRES to a postgres:// URL}"
out=${1:-bench-log-cost-$(date +%F).txt}
count=${COUNT:-3}
benchtime=${BENCHTIME:-3000x}
bench=${BENCH:-CreateRequestHTTP}
if [[ -z "${BASE_REV:-}" ]]; then
  logstore=$(git log -n1 --format=%H --grep='^Log store:')
  [[ -n "$logstore" ]] || { echo "no \"Log store:\" commit found; set BASE_REV" >&2; exit 1; }
  BASE_REV="$logstore^"
fi
NEW_REV=${NEW_REV:-HEAD}

tmp=$(mktemp -d)
cleanup() {
  for w in "$tmp"/base "$tmp"/new; do
    [[ -d "$w" ]] && git -C "$root" worktree remove --force "$w" >/dev/null 2>&1 || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

base_sha=$(git rev-parse --short "$BASE_REV")
git worktree add --detach --quiet "$tmp/base" "$BASE_REV"
if [[ "$NEW_REV" == "." ]]; then
  new_dir=$root
  new_sha="$(git rev-parse --short HEAD)+working tree"
else
  git worktree add --detach --quiet "$tmp/new" "$NEW_REV"
  new_dir=$tmp/new
  new_sha=$(git rev-parse --short "$NEW_REV")
  # The benchmark itself as it is in the working tree (its …/log variants
  # may not be committed yet); the code it measures is NEW_REV's.
  if ! cmp -s server/bench_test.go "$new_dir/server/bench_test.go"; then
    cp server/bench_test.go "$new_dir/server/bench_test.go"
    new_sha="$new_sha with the working tree's server/bench_test.go"
  fi
fi
(cd "$tmp/base" && go test -c -o "$tmp/base.test" ./server/)
(cd "$new_dir" && go test -c -o "$tmp/new.test" ./server/)

run() { # side dir
  (cd "$2/server" && "$tmp/$1.test" -test.run='^$' -test.bench="$bench" -test.benchtime="$benchtime" -test.count=1) |
    sed -n "s/^Benchmark/$1 Benchmark/p"
}

{
  echo "# $(date -u +%FT%TZ) $(uname -srm) $(nproc) cores, $(go version)"
  echo "# base = $base_sha (before the log store), new = $new_sha; $count rounds base/new, -benchtime=$benchtime"
  for i in $(seq "$count"); do
    echo "# round $i"
    run base "$tmp/base"
    run new "$new_dir"
  done
} 2>&1 | tee "$out.raw"

# Medians of req/s per side and benchmark, and the cost (1 - new/base).
awk '
  $1 == "base" || $1 == "new" {
    name = $2; sub(/-[0-9]+$/, "", name); sub(/^BenchmarkCreateRequestHTTP\//, "", name)
    for (i = 3; i < NF; i++) if ($(i+1) == "req/s") v = $i
    key = $1 SUBSEP name; n[key]++; val[key, n[key]] = v
    if (!(name in seen)) { seen[name] = 1; order[++names] = name }
  }
  function median(key,   m, i, j, t, a) {
    m = n[key]; if (m == 0) return 0
    for (i = 1; i <= m; i++) a[i] = val[key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function runs(key,   i, s) { s = ""; for (i = 1; i <= n[key]; i++) s = s (i > 1 ? " · " : "") sprintf("%.0f", val[key, i]); return s }
  END {
    print ""
    print "| benchmark | base req/s (runs) | base median | new req/s (runs) | new median | cost |"
    print "|---|---|---|---|---|---|"
    for (k = 1; k <= names; k++) {
      name = order[k]; b = name; sub(/\/log$/, "", b)
      mb = median("base" SUBSEP b); mn = median("new" SUBSEP name)
      cost = mb > 0 ? sprintf("%+.0f%%", 100 * (1 - mn / mb)) : "–"
      printf "| %s | %s | %.0f | %s | %.0f | %s |\n", name, runs("base" SUBSEP b), mb, runs("new" SUBSEP name), mn, cost
    }
  }' "$out.raw" | tee "$out"
cat "$out.raw" "$out" > "$out.tmp" && mv "$out.tmp" "$out" && rm "$out.raw"
