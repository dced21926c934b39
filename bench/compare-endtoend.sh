#!/usr/bin/env bash
# Alternates BenchmarkDotNet's EndToEndSubmitBenchmarks between a baseline build and this worktree, and prints the rows.
#   bench/compare-endtoend.sh <baseline-worktree> [runs=3]
# The baseline is another checkout of the repository, already built (e.g. `git worktree add --detach /tmp/perf6-base main`
# and `dotnet build bench/CosQualityEstimate.Benchmarks -c Release` there); this worktree is built first. Each run prints
# the load average at its start and BenchmarkDotNet's table; full logs go to ${LOGDIR:-/tmp/compare-endtoend}.
set -euo pipefail
base=${1:?usage: bench/compare-endtoend.sh <baseline-worktree> [runs]}
runs=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
logs=${LOGDIR:-/tmp/compare-endtoend}
mkdir -p "$logs"
dotnet build "$here/bench/CosQualityEstimate.Benchmarks" -c Release -v q -nologo > "$logs/build.log"
one() { # <label> <worktree> <run>
  local log="$logs/$1-$3.log"
  echo "== run $3, $1 ($2), start $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$2" && dotnet run -c Release --no-build --project bench/CosQualityEstimate.Benchmarks -- --filter '*EndToEnd*' > "$log" 2>&1) || { echo "failed, see $log"; return 1; }
  grep -E '^\| (Method|RawHttpClientPost|JobsClientSubmit) ' "$log"
}
for run in $(seq 1 "$runs"); do
  one baseline "$base" "$run"
  one current "$here" "$run"
done
