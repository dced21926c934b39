#!/usr/bin/env bash
# Usage: deploy/slurm/submit.sh <catalog-dir> <out-dir> <shards>
# Submits an sbatch array of <shards> cosqe analyze tasks over <catalog-dir> (part-K.db in <out-dir>) and a merge job
# that runs after all of them succeeded (afterok) and writes <out-dir>/results.csv and <out-dir>/report.html.
# Prints the merge job's id. A failed shard fails the merge: it is cancelled (its dependency can never be met).
# COSQE names the cosqe binary the jobs run (default: cosqe on PATH); it must be reachable from every node.
set -euo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: submit.sh <catalog-dir> <out-dir> <shards>" >&2
  exit 2
fi
case "$3" in ''|*[!0-9]*|0*) echo "submit.sh: <shards> must be a whole number >= 1, not \"$3\"" >&2; exit 2 ;; esac
[ -d "$1" ] || { echo "submit.sh: no catalog directory \"$1\"" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
catalog=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
shards=$3
export COSQE="${COSQE:-cosqe}"

array=$(sbatch --parsable --export=ALL --chdir="$out" --array="0-$((shards - 1))" \
  "$here/analyze-shard.sbatch" "$catalog")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --chdir="$out" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  "$here/merge.sbatch" "$shards")
echo "${merge%%;*}"
