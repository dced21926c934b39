#!/usr/bin/env bash
# Refits the local score's model in one command (docs/local-analysis.md, "Score"): fetches the photographs
# (tools/NiqeFit/fetch-photos.sh) and opencv-doc's videos (fetch-corpus.sh), builds and labels the ladders
# (make-ladders.sh, cached in $COSQE_LADDERS, default /tmp/cosqe-ladders), analyses every rung with the library and
# writes src/CosQualityEstimate.LocalAnalysis/Scoring/ScoreModelCoefficients.cs and tools/ScoreFit/validation.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ladders=${COSQE_LADDERS:-/tmp/cosqe-ladders}
photos=$(bash "$root/tools/NiqeFit/fetch-photos.sh" "${COSQE_PHOTOS:-$HOME/.cache/cosqe-photos}")
footage=$(bash "$root/tests/CosQualityEstimate.LocalAnalysis.Tests/RealFootage/fetch-corpus.sh")
bash "$root/tools/ScoreFit/make-ladders.sh" "$ladders" "$photos" "$footage" >/dev/null
dotnet build "$root/tools/ScoreFit" -c Release -v q
rf=$root/tests/CosQualityEstimate.LocalAnalysis.Tests/RealFootage
dotnet "$root/tools/ScoreFit/bin/Release/net10.0/ScoreFit.dll" "$ladders" \
  "$root/src/CosQualityEstimate.LocalAnalysis/Scoring/ScoreModelCoefficients.cs" "$root/tools/ScoreFit/validation.md" \
  "$footage"/{Megamind.avi,Megamind_bugy.avi,box.mp4,cup.mp4,vtest.avi,tree.avi} "$rf"/pan-{storm,twowings,dune,wood}.mp4
# The validation tables of docs/local-analysis.md are this report, spliced between its markers (headings one level down).
docs=$root/docs/local-analysis.md
awk -v report="$root/tools/ScoreFit/validation.md" '
  /<!-- score-validation:begin -->/ { print; while ((getline line < report) > 0) { sub(/^### /, "#### ", line); print line }; skip = 1; next }
  /<!-- score-validation:end -->/ { skip = 0 }
  !skip' "$docs" >"$docs.tmp" && mv "$docs.tmp" "$docs"
