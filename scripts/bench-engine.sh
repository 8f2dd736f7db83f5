#!/usr/bin/env bash
# Runs the benchmarks of docs/BENCHMARKS.md sections 1–3 in one go, so every
# figure is compared with the raw INSERT reference of the same run.
# Needs SCHAKEL_TEST_POSTGRES (a database the benchmarks may create schemas in).
# Usage: scripts/bench-engine.sh [output-file]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SCHAKEL_TEST_POSTGRES:?set SCHAKEL_TEST_POSTGRES to a postgres:// URL}"
out=${1:-bench-$(date +%F).txt}
{
  echo "# $(date -u +%FT%TZ) $(uname -srm) $(nproc) cores, $(go version)"
  go test -run='^$' -bench=RawInsert -benchtime=3000x -count=3 ./store/
  go test -run='^$' -bench=CreateRequestHTTP -benchtime=3000x -count=3 ./server/
  go test -run='^$' -bench=Sweep -benchtime=1x -count=3 -timeout=1h ./jobs/
} 2>&1 | tee "$out"
