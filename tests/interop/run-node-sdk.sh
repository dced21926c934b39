#!/usr/bin/env bash
# Optional interoperability check (not part of CI: it installs an npm package):
# starts the emulator on 127.0.0.1:10997 and drives it with Tencent's official Node.js COS SDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
log=$(mktemp)
dotnet run --project "$root/src/CosQualityEstimate.Emulator" -- --port 10997 --queue-delay-ms 60000 >"$log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q "Listening on" "$log" && break; sleep 1; done
cd "$here/node-sdk"
npm install --no-audit --no-fund --no-package-lock >/dev/null
EMULATOR_HOST=127.0.0.1:10997 node interop.js
