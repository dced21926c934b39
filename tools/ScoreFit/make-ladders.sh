#!/usr/bin/env bash
# Builds the degradation ladders the score is fitted and validated on, and labels every rung with full-reference
# metrics against its own source (ffmpeg ssim and psnr, luma). Cached: a rung that exists is not rebuilt.
# Usage: make-ladders.sh OUT_DIR PHOTO_DIR FOOTAGE_DIR
#   PHOTO_DIR   photographs from Debian packages (tools/ScoreFit/sources.txt names package, version, path, SHA-256)
#   FOOTAGE_DIR opencv-doc's sample videos (tests/.../RealFootage/fetch-corpus.sh)
# Writes OUT_DIR/<source>/<rung>.mp4 and OUT_DIR/labels.tsv: set source rung axis level ssim_y psnr_y kbps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1 photos=$2 footage=$3
mkdir -p "$out"
seconds=4
ff() { ffmpeg -hide_banner -nostdin -loglevel error -y "$@"; }
x264() { echo -fps_mode passthrough -c:v libx264 -preset veryfast -g 50 -pix_fmt yuv420p -an; }

# Source: a lossless 4 s clip (x264 qp 0). A photo becomes a slow 1280x720 pan; a video is cut (its own size).
make_source() {
  local name=$1 kind=$2 file=$3 start=$4 dst=$out/$name/source.mkv
  mkdir -p "$out/$name"
  [ -s "$dst" ] && return
  if [ "$kind" = photo ]; then
    ff -loop 1 -framerate 25 -i "$file" -t $seconds \
      -vf "scale=1920:-2,crop=w=1280:h=720:x='t*50':y='(ih-720)/2+t*10',format=yuv420p" \
      -c:v libx264 -preset veryfast -qp 0 "$dst"
  else
    ff -ss "$start" -i "$file" -t $seconds -vf "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p" \
      -fps_mode passthrough -c:v libx264 -preset veryfast -qp 0 -an "$dst"
  fi
}

# rung NAME AXIS LEVEL FILTER CRF [native]: FILTER applied to the source, then x264 at CRF; "native" keeps the
# filtered (smaller) size, otherwise the picture is scaled back to the source's size before encoding.
rung() {
  local src=$1 name=$2 axis=$3 level=$4 filter=$5 crf=$6 dst=$out/$1/$2.mp4
  if [ ! -s "$dst" ]; then ff -i "$out/$src/source.mkv" -vf "$filter" $(x264) -crf "$crf" "$dst"; fi
  local w h
  read -r w h < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$out/$src/source.mkv" | tr x ' ')
  local stats
  # Frame-aligned by index: both streams get the same time base and pts = frame number. (setpts=N/(25*TB) on the
  # streams' own time bases rounded differently — 1/10240 against 1/1000 — and the metrics' frame sync paired frame
  # n of one with frame n-1 of the other on 4 frames of 5: the pristine rung of a video scored ~25 dB.)
  local align="settb=1/25,setpts=N"
  stats=$(ffmpeg -hide_banner -nostdin -i "$dst" -i "$out/$src/source.mkv" -lavfi \
    "[0:v]$align,scale=$w:$h:flags=bicubic,format=yuv420p,split[a][b];[1:v]$align,format=yuv420p,split[c][d];[a][c]ssim=shortest=1;[b][d]psnr=shortest=1" -f null - 2>&1)
  local ssim psnr kbps
  ssim=$(grep -o 'SSIM Y:[0-9.]*' <<<"$stats" | tail -1 | cut -d: -f2)
  psnr=$(grep -o 'PSNR y:[0-9.inf]*' <<<"$stats" | tail -1 | cut -d: -f2)
  kbps=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$dst")
  if [ "$name" = crf18 ] && awk -v p="$psnr" 'BEGIN { exit !(p < 40) }'; then
    echo "make-ladders.sh: $src/crf18 is ${psnr} dB PSNR against its source (< 40): the labels are misaligned" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$src" "$name" "$axis" "$level" "$ssim" "$psnr" "$((kbps / 1000))" >>"$out/labels.tmp"
}

ladder() {
  local s=$1
  rung "$s" crf18 crf 18 null 18
  rung "$s" crf30 crf 30 null 30
  rung "$s" crf38 crf 38 null 38
  rung "$s" crf45 crf 45 null 45
  rung "$s" crf51 crf 51 null 51
  for d in 2 4 8; do rung "$s" scale$d scale $d "scale=iw/$d:-2:flags=bicubic,scale=iw*$d:ih*$d:flags=bicubic" 18; done
  for b in 1.5 3 6; do rung "$s" blur$b blur "$b" "gblur=sigma=$b" 18; done
  for n in 8 16 32; do rung "$s" noise$n noise "$n" "noise=c0s=$n:c0f=t" 18; done
  rung "$s" half-crf38 pair "half+crf38" "scale=iw/2:-2:flags=bicubic" 38 native
  rung "$s" blur1.5-crf38 pair "blur1.5+crf38" "gblur=sigma=1.5" 38
  rung "$s" noise8-crf30 pair "noise8+crf30" "noise=c0s=8:c0f=t" 30
}

rm -f "$out/labels.tmp"
while read -r set name kind file start; do
  case "$kind" in photo) path=$photos/$file ;; *) path=$footage/$file ;; esac
  make_source "$name" "$kind" "$path" "$start"
  ladder "$name"
done < <(grep -v '^#' "$here/sources.txt" | awk 'NF>=4 {print $1, $2, $3, $4, ($5 == "" ? 0 : $5)}')
{ printf 'set\tsource\trung\taxis\tlevel\tssim_y\tpsnr_y\tkbps\n'; cat "$out/labels.tmp"; } >"$out/labels.tsv"
rm -f "$out/labels.tmp"
echo "$out/labels.tsv"
