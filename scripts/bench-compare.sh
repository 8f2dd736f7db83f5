#!/usr/bin/env bash
# Runs the raw INSERT reference and the create-request benchmark of
# docs/BENCHMARKS.md §2 on two commits in one run, alternating, so that a
# change is compared with what it replaced on the same machine at the same
# time (the disk and the neighbours of a virtual machine vary by the hour).
# Needs SCHAKEL_TEST_POSTGRES (a database the benchmarks may create schemas in).
# Usage: scripts/bench-compare.sh BASE-COMMIT [rounds] [output-file]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SCHAKEL_TEST_POSTGRES:?set SCHAKEL_TEST_POSTGRES to a postgres:// URL}"
base=${1:?usage: scripts/bench-compare.sh BASE-COMMIT [rounds] [output-file]}
rounds=${2:-3}
out=${3:-bench-compare-$(date +%F).txt}
head=$(git rev-parse --short HEAD)
# Both sides are checked out apart, so edits in this tree during the run
# change neither.
dir=$(mktemp -d)
headdir=$(mktemp -d)
trap 'git worktree remove --force "$dir" >/dev/null 2>&1 || true; git worktree remove --force "$headdir" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$dir" "$base" >/dev/null
git worktree add --detach "$headdir" "$head" >/dev/null
bench() { # label dir
  echo "## $1"
  (cd "$2" && go test -run='^$' -bench=RawInsert -benchtime=3000x -count=1 ./store/ &&
    go test -run='^$' -bench=CreateRequestHTTP -benchtime=3000x -count=1 ./server/)
}
{
  echo "# $(date -u +%FT%TZ) $(uname -srm) $(nproc) cores, $(go version); base $base, head $head, $rounds rounds"
  for i in $(seq 1 "$rounds"); do
    echo "# round $i"
    bench "base $base" "$dir"
    bench "head $head" "$headdir"
  done
} 2>&1 | tee "$out"
