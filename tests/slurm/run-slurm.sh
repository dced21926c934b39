#!/usr/bin/env bash
# Runs deploy/slurm/submit.sh for real on a one-node Slurm cluster on localhost (run by .ci/run):
# installs Debian's Slurm when missing, starts slurmctld and slurmd with a private configuration (auth/none,
# cred/none, so no munge), submits the recipe over a catalog, waits, checks one row per clip in <out>/results.csv and
# that <out>/report.html renders in headless Chromium, checks that a failed shard fails the merge, and stops every
# daemon it started by PID.
# Usage: run-slurm.sh <cosqe-binary> [catalog-dir]   (no catalog-dir: $COSQE_REAL_FOOTAGE if set, else lavfi clips)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cosqe=$(realpath "${1:?usage: run-slurm.sh <cosqe-binary> [catalog-dir]}")
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client >/dev/null
fi

work=$(mktemp -d /tmp/cosqe-slurm.XXXXXX)
pids=()
stop_daemons() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap 'stop_daemons; rm -rf "$work"' EXIT

# The catalog: the given folder, else the real-footage corpus, else small lavfi clips in nested folders.
if [ -n "${2:-}" ]; then
  catalog=$(realpath "$2")
elif [ -n "${COSQE_REAL_FOOTAGE:-}" ] && [ -d "$COSQE_REAL_FOOTAGE" ]; then
  catalog=$(realpath "$COSQE_REAL_FOOTAGE")
else
  catalog=$work/catalog
  mkdir -p "$catalog/season1" "$catalog/season2"
  for i in 1 2 3 4 5; do
    dir=$catalog/season$(( (i % 2) + 1 ))
    ffmpeg -hide_banner -loglevel error -f lavfi -i "testsrc2=size=320x180:rate=25:duration=2" \
      -f lavfi -i "sine=frequency=$((300 + i * 100)):duration=2" -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$dir/clip-$i.mp4"
  done
fi
clips=$(find "$catalog" -type f \( -iname '*.mp4' -o -iname '*.avi' -o -iname '*.mov' -o -iname '*.mkv' \) -not -path '*/.*' | wc -l)
echo "slurm run: catalog $catalog ($clips clip(s))"

# A one-node cluster on localhost, private ports and state, no munge.
node=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool" "$work/log"
cat >"$work/slurm.conf" <<CONF
ClusterName=cosqe-ci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
  sleep 0.2
done
if ! sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
  echo "slurm run: the one-node cluster did not come up" >&2
  sinfo >&2 || true; cat "$work"/log/* >&2 || true; exit 1
fi
sinfo

# Waits for a job to leave the queue and prints its final state.
job_state() { scontrol show job "$1" 2>/dev/null | grep -Eo 'JobState=[A-Z_]+' | head -n1 | cut -d= -f2; }
wait_job() {
  local id=$1 state=""
  for _ in $(seq 1 3000); do
    state=$(job_state "$id")
    case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE) echo "$state"; return 0 ;; esac
    sleep 0.2
  done
  echo "TIMEOUT-WAITING"
}

# 1. The recipe over the catalog, 3 shards.
out=$work/out
merge=$(COSQE="$cosqe" "$repo/deploy/slurm/submit.sh" "$catalog" "$out" 3)
echo "slurm run: submit.sh printed merge job $merge"
state=$(wait_job "$merge")
echo "slurm run: merge job $merge ended $state"
squeue -a || true
for f in "$out"/slurm-*.out; do echo "--- $(basename "$f")"; cat "$f"; done
[ "$state" = COMPLETED ] || { echo "slurm run: the merge job did not complete" >&2; cat "$work"/log/*.log >&2; exit 1; }
ls "$out"

rows=$(python3 - "$out/results.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
keys = [r["key"] for r in rows]
assert len(keys) == len(set(keys)), "a key twice in results.csv"
assert all(r["source"] == "local-analysis" for r in rows), "a row not from local analysis"
print(len(rows))
PY
)
echo "slurm run: results.csv has $rows row(s) for $clips clip(s)"
[ "$rows" -eq "$clips" ] || { echo "slurm run: expected one row per clip" >&2; cat "$out/results.csv" >&2; exit 1; }
for f in $(find "$catalog" -type f \( -iname '*.mp4' -o -iname '*.avi' -o -iname '*.mov' -o -iname '*.mkv' \) -not -path '*/.*'); do
  grep -qF "$(basename "$f")" "$out/results.csv" || { echo "slurm run: no row for $f" >&2; exit 1; }
done

profile=$(mktemp -d)
dom=$(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$profile" \
  --dump-dom "file://$out/report.html" 2>/dev/null)
rm -rf "$profile"
grep -q 'data-rendered="true"' <<<"$dom" || { echo "slurm run: report.html did not render" >&2; exit 1; }
videos=$(grep -o '<tr class="video">' <<<"$dom" | wc -l)
echo "slurm run: report.html rendered with $videos video row(s)"
[ "$videos" -eq "$clips" ] || { echo "slurm run: expected $clips video rows in the report" >&2; exit 1; }

# 2. A failed shard fails the merge: a catalog with one file that is not a video (its shard exits 1).
bad=$work/bad-catalog
mkdir -p "$bad"
cp "$(find "$catalog" -type f \( -iname '*.mp4' -o -iname '*.avi' \) | head -n1)" "$bad/good.mp4"
printf 'not a video\n' >"$bad/broken.mp4"
bad_out=$work/bad-out
merge=$(COSQE="$cosqe" "$repo/deploy/slurm/submit.sh" "$bad" "$bad_out" 2)
state=$(wait_job "$merge")
echo "slurm run: with a failing shard, merge job $merge ended $state"
[ "$state" = CANCELLED ] || { echo "slurm run: a failed shard must fail the merge" >&2; exit 1; }
[ ! -e "$bad_out/results.csv" ] || { echo "slurm run: results.csv written despite a failed shard" >&2; exit 1; }

stop_daemons
for pid in "${pids[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then echo "slurm run: daemon $pid still running" >&2; exit 1; fi
done
pids=()
echo "slurm run: passed (daemons stopped)"
