#!/usr/bin/env bash
# Fetches the real-footage corpus of the local-analysis tests from Debian's opencv-doc package (its sample videos:
# camera and film footage, see README.md beside this script) into one folder, and prints that folder.
# Usage: fetch-corpus.sh [DIR]   (default: $COSQE_REAL_FOOTAGE, else ~/.cache/cosqe-real-footage)
# The tests read the folder named by COSQE_REAL_FOOTAGE, else the default above; they skip, saying why, without it.
set -euo pipefail
dir=${1:-${COSQE_REAL_FOOTAGE:-$HOME/.cache/cosqe-real-footage}}
mkdir -p "$dir"
wanted=(Megamind.avi Megamind_bugy.avi vtest.avi tree.avi box.mp4 cup.mp4)
missing=0
for f in "${wanted[@]}"; do [ -s "$dir/$f" ] || missing=1; done
if [ "$missing" -eq 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # apt-get download writes to the current directory; _apt must be able to write there.
  chmod 777 "$work"
  (cd "$work" && apt-get download -qq opencv-doc >/dev/null 2>&1) \
    || { apt-get update -qq >/dev/null && (cd "$work" && apt-get download -qq opencv-doc >/dev/null 2>&1); }
  deb=$(ls "$work"/opencv-doc_*.deb)
  dpkg-deb -x "$deb" "$work/x"
  doc="$work/x/usr/share/doc/opencv-doc"
  for f in Megamind.avi Megamind_bugy.avi vtest.avi tree.avi; do cp "$doc/examples/data/$f" "$dir/$f"; done
  for f in box.mp4 cup.mp4; do gunzip -c "$doc/opencv4/html/$f.gz" >"$dir/$f"; done
  basename "$deb" >"$dir/SOURCE"
fi
echo "$dir"
