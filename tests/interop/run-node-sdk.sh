#!/usr/bin/env bash
# Interoperability check, run by .ci/run: starts the emulator on a free loopback port (INTEROP_PORT to pick one) and drives it with Tencent's official
# Node.js COS SDK (npm cos-nodejs-sdk-v5, unchanged, its own signer): the jobs API (interop.js) and the object API
# (interop-objects.js: putObject, sliceUploadFile with resume, headObject, getBucket paging, deleteObject, 403) and the
# batch processing jobs (interop-batch.js: cos.request create/describe/list/cancel on /inventorytriggerjob, the batch's jobs)
# and GetSnapshot (interop-snapshot.js: cos.request ?ci-process=snapshot, the picture decoded): the hermetic placeholder
# here, and the real frame of samples/QuickStart's clip from a second emulator started with --analysis (needs ffmpeg).
# Needs node and npm; installs the SDK into node-sdk/node_modules. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
port="${INTEROP_PORT:-0}"
log=$(mktemp)
dotnet run -c Release --project "$root/src/CosQualityEstimate.Emulator" -- --port "$port" --queue-delay-ms 60000 >"$log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
  grep -q "Listening on" "$log" && break
  kill -0 $emulator 2>/dev/null || { cat "$log" >&2; echo "The emulator did not start." >&2; exit 1; }
  sleep 1
done
grep -q "Listening on" "$log" || { cat "$log" >&2; echo "The emulator did not start within 120 s." >&2; exit 1; }
address=$(grep -Eo '127\.0\.0\.1:[0-9]+' "$log" | head -n1)
cd "$here/node-sdk"
npm install --no-audit --no-fund --no-package-lock >/dev/null
EMULATOR_HOST="$address" node interop.js
EMULATOR_HOST="$address" node interop-objects.js
EMULATOR_HOST="$address" node interop-batch.js
EMULATOR_HOST="$address" node interop-snapshot.js

# GetSnapshot's real frames: an emulator that analyses objects with ffmpeg (stopped by its PID).
log2=$(mktemp)
dotnet run -c Release --project "$root/src/CosQualityEstimate.Emulator" -- --port 0 --analysis >"$log2" 2>&1 &
analysing=$!
trap 'kill $emulator $analysing 2>/dev/null || true; rm -f "$log" "$log2"' EXIT
for _ in $(seq 1 120); do
  grep -q "Listening on" "$log2" && break
  kill -0 $analysing 2>/dev/null || { cat "$log2" >&2; echo "The analysing emulator did not start." >&2; exit 1; }
  sleep 1
done
grep -q "Listening on" "$log2" || { cat "$log2" >&2; echo "The analysing emulator did not start within 120 s." >&2; exit 1; }
address2=$(grep -Eo '127\.0\.0\.1:[0-9]+' "$log2" | head -n1)
EMULATOR_HOST="$address2" SNAPSHOT_VIDEO="$root/samples/QuickStart/media/street-camera.mp4" node interop-snapshot.js
echo "Node SDK interop passed."
