#!/usr/bin/env bash
# Memory of `schakel serve` while it serves the parliament view (issue 14,
# docs/BENCHMARKS.md §9): writes the benchmark's year of 100,000 requests
# with about 1,000,000 events into a new SQLite file
# (BenchmarkParliamentPrepare in figures/), builds the real binary, starts
# `schakel serve` over that file, waits until it answers, then asks for
# /parlement (the year 2026) REQUESTS times with CONCURRENCY clients at a
# time, sampling VmRSS from /proc/<pid>/status every 50 ms meanwhile. It
# prints the RSS before, the highest sample, VmHWM (the kernel's peak) after
# and the RSS after, in MB (MiB), and stops the server.
#
# Usage: scripts/bench-parliament-rss.sh [workdir]
#   REQUESTS (200), CONCURRENCY (4), PORT (18414), SCHAKEL_BENCH_REQUESTS
#   (100000), KEEP_DB=1 reuses workdir/schakel.db when it exists.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
requests=${REQUESTS:-200}
concurrency=${CONCURRENCY:-4}
port=${PORT:-18414}
db="$work/schakel.db"

if [[ ! -f "$db" || "${KEEP_DB:-}" != 1 ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  echo "# writing $db"
  SCHAKEL_BENCH_PARLIAMENT_DB="$db" go test -run '^$' -bench ParliamentPrepare -benchtime 1x -timeout 30m ./figures/ | grep -E 'wrote|ok|FAIL'
fi
go build -o "$work/schakel" ./cmd/schakel
echo "# $(date -u +%FT%TZ) $(uname -srm) $(nproc) cores, $(go version); db $(du -m "$db" | cut -f1) MB"

"$work/schakel" serve --db "$db" --addr "127.0.0.1:$port" --log-level warn >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/parlement?vanaf=2026-01-01&tot=2026-12-31"
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
before=$(kb VmRSS)

peak=0
(
  while kill -0 "$pid" 2>/dev/null; do
    awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status" 2>/dev/null || true
    sleep 0.05
  done
) >"$work/rss.samples" &
sampler=$!

start=$(date +%s.%N)
seq 1 "$requests" | xargs -P "$concurrency" -I{} curl -fsS -o /dev/null -w '%{http_code} %{time_total}\n' "$url" >"$work/times.txt"
end=$(date +%s.%N)
sleep 0.2
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

peak=$(sort -n "$work/rss.samples" | tail -1)
hwm=$(kb VmHWM)
after=$(kb VmRSS)
ok=$(grep -c '^200 ' "$work/times.txt" || true)
p95=$(awk '{ print $2 }' "$work/times.txt" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int(NR * 0.95)] * 1000 }')
echo "requests: $requests ($ok answered 200), $concurrency at a time, in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s; p95 ${p95} ms as curl saw it"
echo "RSS before: $(mb "$before") MB"
echo "RSS peak (sampled every 50 ms): $(mb "$peak") MB"
echo "VmHWM (peak RSS since start): $(mb "$hwm") MB"
echo "RSS after: $(mb "$after") MB"
echo "target: < 150 MB"
