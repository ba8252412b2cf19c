#!/usr/bin/env bash
# Regenerates the committed media fixtures in test/fixtures/ from synthetic sources only
# (testsrc2, mandelbrot and geq-drawn shapes: never a real person).
# Idempotent: every file is rewritten from scratch. Needs ffmpeg (Debian: apt-get install ffmpeg).
# Files over the vendors' size caps (5/10 MB) are deliberately NOT fixtures: tests build those in memory.
set -euo pipefail

cd "$(dirname "$0")/.."
out=test/fixtures
mkdir -p "$out"

# -bitexact and -fflags +bitexact keep the encoder version string out of the files, so reruns
# with the same ffmpeg give the same bytes; -y overwrites; -loglevel error keeps the output short.
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
bx=(-fflags +bitexact -flags:v +bitexact -map_metadata -1)

# Low-bitrate H.264: the content does not matter, only the container metadata does.
h264=(-c:v libx264 -preset veryfast -crf 45 -pix_fmt yuv420p -an)

ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=5" \
  "${h264[@]}" "${bx[@]}" -movflags +faststart "$out/video-720p-25fps-5s.mp4"

ff -f lavfi -i "testsrc2=size=640x360:rate=15:duration=5" \
  "${h264[@]}" "${bx[@]}" -movflags +faststart "$out/video-360p-15fps-5s.mp4"

ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=2" \
  "${h264[@]}" "${bx[@]}" -movflags +faststart "$out/video-720p-25fps-2s.mp4"

ff -f lavfi -i "mandelbrot=size=1280x720:rate=25" -frames:v 1 \
  "${h264[@]}" "${bx[@]}" -movflags +faststart "$out/video-one-frame.mp4"

# VP8 at a tiny bitrate; WebM is what browser MediaRecorder clients send. libvpx's realtime
# deadline adapts to the CPU time it gets, so its output changes from run to run: the "good"
# deadline on one thread gives the same bytes every time.
vp8=(-c:v libvpx -b:v 100k -crf 50 -deadline good -cpu-used 5 -threads 1 -pix_fmt yuv420p -an)
ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=5" \
  "${vp8[@]}" "${bx[@]}" "$out/video-720p-25fps-5s.webm"

# QuickTime container (iOS uploads): -f mov sets the 'qt  ' brand.
ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=5" \
  "${h264[@]}" "${bx[@]}" -f mov "$out/video-720p-25fps-5s.mov"

# No +faststart: ffmpeg writes the moov atom after mdat, as many phone encoders do.
ff -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=5" \
  "${h264[@]}" "${bx[@]}" "$out/video-720p-30fps-5s-moov-at-end.mp4"

# Fragmented MP4 with an empty moov, the shape Safari's MediaRecorder uploads: the frames are
# listed in moof boxes, not in the moov's sample tables.
ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=5" \
  "${h264[@]}" -g 25 "${bx[@]}" -movflags +frag_keyframe+empty_moov+default_base_moof \
  "$out/video-720p-25fps-5s-fragmented.mp4"

# WebM written live, like Chrome's MediaRecorder: no Duration, no Cues, Segment of unknown size.
ff -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=5" \
  "${vp8[@]}" "${bx[@]}" -live 1 "$out/video-720p-25fps-5s-live.webm"

# A face-like drawing: a skin-toned ellipse with two dark eyes and a mouth on a grey background.
# geq evaluates per pixel; X,Y are pixel coordinates, W,H the frame size.
face_expr() {
  local w=$1 h=$2
  # Normalised coordinates centred on the frame, u,v in [-1,1].
  local u="((X-$w/2)/($w/2))" v="((Y-$h/2)/($h/2))"
  local head="lte(pow($u/0.45,2)+pow($v/0.75,2),1)"
  local eyes="(lte(pow(($u+0.17)/0.07,2)+pow(($v+0.2)/0.06,2),1)+lte(pow(($u-0.17)/0.07,2)+pow(($v+0.2)/0.06,2),1))"
  local mouth="lte(pow($u/0.18,2)+pow(($v-0.35)/0.04,2),1)"
  # r,g,b expressions: eyes/mouth dark, head skin-toned, background grey.
  printf "r='if(%s+%s,40,if(%s,224,128))':g='if(%s+%s,30,if(%s,180,128))':b='if(%s+%s,30,if(%s,150,128))'" \
    "$eyes" "$mouth" "$head" "$eyes" "$mouth" "$head" "$eyes" "$mouth" "$head"
}
face() { # face WIDTH HEIGHT OUTFILE [extra encoder args...]
  local w=$1 h=$2 file=$3; shift 3
  ff -f lavfi -i "color=c=gray:size=${w}x${h},format=rgb24,geq=$(face_expr "$w" "$h")" \
    -frames:v 1 -update 1 "${bx[@]}" "$@" "$out/$file"
}
face 1024 768 face-1024x768.jpg -q:v 12
face 640 480 face-640x480.png -pix_fmt rgb24
face 1024 768 face-1024x768.png -pix_fmt rgb24
face 320 240 face-small-320x240.jpg -q:v 12

# GIF: a format both vendors refuse.
ff -f lavfi -i "testsrc2=size=160x120:rate=1" -frames:v 1 -update 1 "${bx[@]}" "$out/image.gif"

# Right JPEG magic and headers, but cut before the entropy-coded data ends (no EOI marker).
head -c 600 "$out/face-1024x768.jpg" > "$out/truncated.jpg"

cat > "$out/not-media.txt" <<'EOF'
This is not a video.
It is a few lines of plain text, uploaded where a video or an image is expected.
The simulator must refuse it as an invalid upload.
EOF

ls -l "$out"
