#!/usr/bin/env bash
# Installs the `cosqe` tool from this repository: packs src/CosQualityEstimate.Cli (a .NET tool package, PackAsTool,
# command `cosqe`) into a temporary folder and installs it from there (docs/cli.md "Install").
#
#   bash scripts/install-cosqe.sh                      # as a global tool (~/.dotnet/tools, on PATH after the SDK's setup)
#   bash scripts/install-cosqe.sh --tool-path DIR      # into DIR (run DIR/cosqe)
#
# Rerunning it replaces an installed cosqe with the current checkout. Only the .NET 10 SDK is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

where=(--global)
case "${1:-}" in
  "") ;;
  --global) ;;
  --tool-path)
    if [ -z "${2:-}" ]; then echo "install-cosqe.sh: --tool-path needs a directory." >&2; exit 2; fi
    mkdir -p "$2"
    where=(--tool-path "$(cd "$2" && pwd)")
    ;;
  *) echo "install-cosqe.sh: unknown argument '$1' (use --global or --tool-path DIR)." >&2; exit 2 ;;
esac

packages=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$packages" "$cache"' EXIT

dotnet pack src/CosQualityEstimate.Cli -c Release -o "$packages" --nologo -v quiet
# A fresh package cache: a package of the same version installed earlier is never reused instead of this build.
dotnet tool uninstall "${where[@]}" CosQualityEstimate.Cli >/dev/null 2>&1 || true
NUGET_PACKAGES="$cache" dotnet tool install "${where[@]}" --add-source "$packages" --ignore-failed-sources CosQualityEstimate.Cli
