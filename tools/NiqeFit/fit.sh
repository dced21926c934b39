#!/usr/bin/env bash
# Re-fits NIQE's pristine model in one command: fetches the photographs (fetch-photos.sh: apt-get download of the
# Debian packages in photos.txt, SHA-256 checked) and runs tools/NiqeFit, which writes
# src/CosQualityEstimate.LocalAnalysis/Perceptual/Models/niqe_pristine.txt.   Usage: tools/NiqeFit/fit.sh [PHOTO_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
photos=$(bash "$here/fetch-photos.sh" "${1:-}")
dotnet run --project "$here/NiqeFit.csproj" -c Release -- "$photos"
