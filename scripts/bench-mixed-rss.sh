#!/usr/bin/env bash
# Memory of `schakel serve` under the mixed load of cmd/schakel-load (issue
# 17, docs/BENCHMARKS.md §10): builds schakel and schakel-load, starts
# `schakel serve --demo --migrate --trust-proxy` on DB once to build the demo
# world when DB is empty (and stops it: building the demo year is not
# serving), starts it again, waits until /readyz answers, then drives the
# mixed load for SECONDS seconds while reading VmRSS from /proc/<pid>/status
# every 100 ms. It prints the load's report, then the RSS before, the highest
# sample, VmHWM (the kernel's peak since the second start) and the RSS
# after, in MB (MiB), and stops the server.
#
# DB is an SQLite file or a postgres:// URL. The load logs in as demo users
# 1 and 2 (a professional and the coordinator of uwv, as on a database made
# by `serve --demo`; PROFESSIONAL and COORDINATOR override), so DB must hold
# them. --trust-proxy lets each citizen's brake come from its own address
# (X-Forwarded-For) instead of tripping the per-address limit.
#
# Usage: scripts/bench-mixed-rss.sh DB [SECONDS] [workdir]
#   CLIENTS (8), PORT (18417), MIX (schakel-load's default), SEED (1),
#   LEDGER_KEY_FILE (workdir/schakel-log.key; give the key of an existing DB)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: scripts/bench-mixed-rss.sh DB [SECONDS] [workdir]}
seconds=${2:-60}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
clients=${CLIENTS:-8}
port=${PORT:-18417}
base="http://127.0.0.1:$port"

go build -o "$work/schakel" ./cmd/schakel
go build -o "$work/schakel-load" ./cmd/schakel-load
case "$db" in
  postgres://* | postgresql://*) kind=postgres ;;
  *) kind=sqlite; db=$(realpath -m "$db") ;;
esac
echo "# $(date -u +%FT%TZ) $(uname -srm) $(nproc) cores, $(go version); $kind; $seconds s, $clients clients"

# The environment overrides flags: leave SCHAKEL_ variables out.
unset_env=()
while IFS= read -r name; do unset_env+=(-u "$name"); done < <(env | grep -o '^SCHAKEL_[A-Z0-9_]*' || true)
pid=
serve() {
  env "${unset_env[@]}" "$work/schakel" serve --demo --migrate --trust-proxy --db "$db" --addr "127.0.0.1:$port" \
    --ledger-key-file "${LEDGER_KEY_FILE:-$work/schakel-log.key}" --log-level warn >>"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$base/readyz" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "serve stopped; see $work/serve.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "serve was not ready within 5 minutes; see $work/serve.log" >&2
  exit 1
}
stop() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi
}
trap stop EXIT

serve # builds the demo world on an empty database
stop
serve

kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$pid/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
before=$(kb VmRSS)
(
  while kill -0 "$pid" 2>/dev/null; do
    awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status" 2>/dev/null || true
    sleep 0.1
  done
) >"$work/rss.samples" &
sampler=$!

status=0
"$work/schakel-load" --url "$base" --duration "${seconds}s" --clients "$clients" --seed "${SEED:-1}" \
  ${MIX:+--mix "$MIX"} --professional "${PROFESSIONAL:-1}" --coordinator "${COORDINATOR:-2}" || status=$?
sleep 0.3
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

peak=$(sort -n "$work/rss.samples" | tail -1)
echo "RSS before the load: $(mb "$before") MB"
echo "RSS peak during the load (sampled every 100 ms, $(wc -l <"$work/rss.samples") samples): $(mb "$peak") MB"
echo "VmHWM (peak RSS since serve started): $(mb "$(kb VmHWM)") MB"
echo "RSS after the load: $(mb "$(kb VmRSS)") MB"
echo "target: < 150 MB"
exit "$status"
