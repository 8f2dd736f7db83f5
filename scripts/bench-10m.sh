#!/usr/bin/env bash
# bench-10m.sh — build a PostgreSQL database of many events (10,000,000 by
# default) and measure it: write and log-append rates, disk size per table and
# per event, page and API latencies of `schakel serve` on it with its memory,
# the escalation sweep, and `schakel verify` (over HTTP and from the database)
# with its time and memory. docs/scaling.md explains what the figures are for.
#
# Usage:
#   SCHAKEL_TEST_POSTGRES='postgres://schakel:schakel@127.0.0.1:5432/schakel_ci?sslmode=disable' \
#     scripts/bench-10m.sh [OUTPUT-FILE]
#
# Environment (all optional but SCHAKEL_TEST_POSTGRES, or SCALE_BASE_URL):
#   EVENTS    events to build, a multiple of 8 (default 10000000; 20000 for a dry run)
#   SCHEMA    PostgreSQL schema holding the database (default scale_<EVENTS>); it is
#             created if missing and kept afterwards, so a second run reuses the build
#   DIR       directory for the binary, the log's key files and the build marker
#             (default /tmp/schakel-<SCHEMA>)
#   CALLS     calls per page or API URL (default 200)
#   OVERDUE   overdue requests the sweep escalates (default 10000)
#   WORKERS   writers while building (default 8)
#   PORT      port of `schakel serve` (default 18480)
#   DROP=1    drop the schema and DIR at the end (for a dry run)
#
# The machine has to have psql, curl and GNU time (/usr/bin/time). Nothing here
# touches any other schema. Building 10M events through the engine takes hours
# on a 2-core machine (the dry run in docs/scaling.md gives the rate); run it
# when nothing else runs, e.g. under nohup, and keep the output file.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${1:-/dev/null}
BASE=${SCALE_BASE_URL:-${SCHAKEL_TEST_POSTGRES:-}}
if [[ -z "$BASE" ]]; then
	echo "set SCHAKEL_TEST_POSTGRES (or SCALE_BASE_URL) to a PostgreSQL URL" >&2
	exit 2
fi
EVENTS=${EVENTS:-10000000}
SCHEMA=${SCHEMA:-scale_${EVENTS}}
DIR=${DIR:-/tmp/schakel-${SCHEMA}}
CALLS=${CALLS:-200}
OVERDUE=${OVERDUE:-10000}
WORKERS=${WORKERS:-8}
PORT=${PORT:-18480}
if ! [[ "$SCHEMA" =~ ^[a-z_][a-z0-9_]*$ ]]; then
	echo "SCHEMA must be a plain lower-case identifier, not $SCHEMA" >&2
	exit 2
fi
if (( EVENTS % 8 != 0 )); then
	echo "EVENTS must be a multiple of 8" >&2
	exit 2
fi
mkdir -p "$DIR"
if [[ "$OUT" != /dev/null ]]; then
	exec > >(tee "$OUT") 2>&1
fi

# The schema's URL: the base URL with search_path set.
if [[ "$BASE" == *\?* ]]; then DSN="$BASE&search_path=$SCHEMA"; else DSN="$BASE?search_path=$SCHEMA"; fi
export SCHAKEL_SCALE_DB="$DSN" SCHAKEL_SCALE_DIR="$DIR" SCHAKEL_SCALE_EVENTS="$EVENTS" \
	SCHAKEL_SCALE_OVERDUE="$OVERDUE" SCHAKEL_SCALE_WORKERS="$WORKERS"

section() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
sql() { PGOPTIONS="-c search_path=$SCHEMA -c client_min_messages=warning" psql "$BASE" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

section "machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
echo "kernel: $(uname -sr); cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g')"
echo "memory: $(free -g | awk '/Mem:/{print $2 " GiB"}'); disk: $(df -h "$DIR" | awk 'NR==2{print $2 " total, " $4 " free"}')"
echo "go: $(go version | cut -d' ' -f3); $(psql "$BASE" -X -At -c 'SELECT version()' | cut -d, -f1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "events: $EVENTS; schema: $SCHEMA; dir: $DIR; calls per URL: $CALLS; overdue for the sweep: $OVERDUE"

section "build the binary"
go build -o "$DIR/schakel" ./cmd/schakel
echo "built $DIR/schakel"

section "build the database (BenchmarkScaleBuild; skipped when $DIR/scale.events exists)"
psql "$BASE" -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA IF NOT EXISTS $SCHEMA"
go test -run '^$' -bench '^BenchmarkScaleBuild$' -benchtime 1x -timeout 0 ./cmd/schakel/
# As autovacuum would after the inserts: the planner needs the statistics.
# Only this schema's tables: the database may hold other schemas.
TABLES=$(sql "SELECT string_agg(quote_ident(c.relname), ', ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$SCHEMA' AND c.relkind = 'r'")
sql "VACUUM (ANALYZE) $TABLES"
echo "vacuumed and analysed the tables of $SCHEMA"

sizes() {
	local entries events requests total
	entries=$(sql "SELECT COUNT(*) FROM log_entries")
	events=$(sql "SELECT COUNT(*) FROM request_events")
	requests=$(sql "SELECT COUNT(*) FROM requests")
	total=$(sql "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$SCHEMA' AND c.relkind = 'r'")
	echo "requests: $requests; event rows: $events; log entries: $entries"
	echo "schema size (tables with their indexes and TOAST): $((total / 1048576)) MiB; $((total / entries)) bytes per log entry"
	echo "largest tables (MiB total = table + indexes + TOAST; bytes per log entry):"
	sql "SELECT c.relname, pg_total_relation_size(c.oid) / 1048576, pg_relation_size(c.oid) / 1048576, pg_indexes_size(c.oid) / 1048576, pg_total_relation_size(c.oid) / $entries
	     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	     WHERE n.nspname = '$SCHEMA' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8" |
		awk -F'|' 'BEGIN{printf "  %-22s %10s %10s %10s %10s\n", "table", "total MiB", "heap MiB", "index MiB", "B/entry"} {printf "  %-22s %10s %10s %10s %10s\n", $1, $2, $3, $4, $5}'
}

section "disk"
sizes

section "serve: page and API latencies, memory"
LOG="$DIR/serve.log"
(cd "$DIR" && exec ./schakel serve --db "$DSN" --addr "127.0.0.1:$PORT" --base-url "http://127.0.0.1:$PORT" \
	--ledger-key-file "$DIR/schakel-log.key" --log-level warn) >"$LOG" 2>&1 &
SERVE=$!
stop_serve() { kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null || true; }
trap stop_serve EXIT
for _ in $(seq 1 300); do
	curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz" && break
	kill -0 "$SERVE" 2>/dev/null || { echo "serve exited:"; cat "$LOG"; exit 1; }
	sleep 0.2
done
rss() { awk -v k="$1:" '$1 == k {print int($2 / 1024) " MB"}' "/proc/$SERVE/status"; }
echo "serve pid $SERVE; RSS after start: $(rss VmRSS)"
echo 5 >"/proc/$SERVE/clear_refs" 2>/dev/null || true # reset VmHWM (Linux ≥ 4.0), if allowed

MINID=$(sql "SELECT MIN(id) FROM requests")
MAXID=$(sql "SELECT MAX(request_id) FROM request_events WHERE seq = 8")
Y=$(sql "SELECT EXTRACT(YEAR FROM MIN(created_at))::int FROM requests")
[[ "$Y" =~ ^[0-9]+$ ]] || Y=2026
# Percentiles of the times (seconds, one a line) on stdin, printed in ms.
pct() {
	sort -n | awk '{a[NR] = $1}
	function at(q,  i) { i = int(NR * q); if (i < 1) i = 1; if (i > NR) i = NR; return a[i] * 1000 }
	END {
		if (NR == 0) { print "no calls"; exit }
		printf "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)", at(0.50), at(0.95), at(0.99), a[NR] * 1000, NR
	}'
}
measure_url() {
	local name=$1 path=$2 raw p codes
	raw=$(mktemp)
	for _ in $(seq 1 "$CALLS"); do
		p=${path//\{id\}/$((MINID + (RANDOM * 32768 + RANDOM) % (MAXID - MINID + 1)))}
		p=${p//\{seq\}/$((RANDOM % 8 + 1))}
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT$p" || echo "000 0"
	done >"$raw"
	codes=$(cut -d' ' -f1 "$raw" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')
	printf '  %-30s %s | HTTP %s\n' "$name" "$(cut -d' ' -f2 "$raw" | pct)" "$codes"
	rm -f "$raw"
}
# {id} is a random request id of the database, {seq} a random event number.
measure_url "healthz (baseline)" "/healthz"
measure_url "page /parlement (year)" "/parlement?vanaf=$Y-01-01&tot=$Y-12-31"
measure_url "API /api/v1/parlement (year)" "/api/v1/parlement?vanaf=$Y-01-01&tot=$Y-12-31"
measure_url "page /logboek" "/logboek"
measure_url "API /api/v1/logboek" "/api/v1/logboek"
measure_url "API event + proof" "/api/v1/logboek/gebeurtenissen/{id}/{seq}"
measure_url "page /noodremmen" "/noodremmen"
measure_url "/log/checkpoint" "/log/checkpoint"
measure_url "/log/tile/0/000" "/log/tile/0/000"
measure_url "/log/tile/entries/000" "/log/tile/entries/000"
echo "serve RSS now: $(rss VmRSS); peak since the reset (VmHWM): $(rss VmHWM)"

section "verify --url (what an outsider runs: tree, checkpoint, 100 events)"
/usr/bin/time -f 'elapsed %e s, max RSS %M KB' "$DIR/schakel" verify --url "http://127.0.0.1:$PORT" \
	--key-file "$DIR/scale.vkey" --state "$DIR/verify-url.state.$$" --events 100 >"$DIR/verify.out" 2>&1 ||
	echo "verify --url failed"
tail -n 6 "$DIR/verify.out"
rm -f "$DIR/verify-url.state.$$"
stop_serve
trap - EXIT

section "sweep (BenchmarkScaleSweep: $OVERDUE overdue requests escalated on a durable handle)"
go test -run '^$' -bench '^BenchmarkScaleSweep$' -benchtime 1x -timeout 0 ./cmd/schakel/

section "verify --db (offline: tree, checkpoint, every event row compared with its entry)"
/usr/bin/time -f 'elapsed %e s, max RSS %M KB' "$DIR/schakel" verify --db "$DSN" \
	--key-file "$DIR/scale.vkey" --state "$DIR/verify-db.state.$$" --events 100 >"$DIR/verify.out" 2>&1 ||
	echo "verify --db failed"
tail -n 6 "$DIR/verify.out"
rm -f "$DIR/verify-db.state.$$"

section "disk after the sweep"
sizes

if [[ "${DROP:-}" == 1 ]]; then
	section "drop"
	sql "DROP SCHEMA $SCHEMA CASCADE"
	rm -rf "$DIR"
	echo "dropped schema $SCHEMA and $DIR"
fi
section "done"
