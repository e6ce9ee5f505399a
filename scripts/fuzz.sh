#!/usr/bin/env bash
# Builds the libFuzzer target (clang, ASan + UBSan) and runs it for a fixed number of executions.
#   bash scripts/fuzz.sh [RUNS] [JOBS]     default 10000000 runs, 1 job
#   FUZZ_TARGET=fuzz_ts | fuzz_length_prefixed bash scripts/fuzz.sh   one input path only
#   (default fuzz_inspector: every path, picked by the first byte)
# Seeds: the shared conformance corpus (../shared/conformance) and test/fixtures, each prefixed
# with configuration bytes (see test/fuzz/fuzz_body.h; MPEG-TS files go through TsInspector). Crashes are written to fuzz-out/; copy
# each into test/fuzz/regressions/ once fixed (the native tests replay that folder).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10000000}
JOBS=${2:-1}
TARGET=${FUZZ_TARGET:-fuzz_inspector}
BUILD=build-fuzz
CC=clang CXX=clang++ cmake -S . -B $BUILD -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMI_FUZZ=ON >/dev/null
cmake --build $BUILD -j 2 --target $TARGET >/dev/null
SEEDS=$BUILD/seeds-$TARGET
rm -rf "$SEEDS" && mkdir -p "$SEEDS" fuzz-out
i=0
for f in ../shared/conformance/h264/* ../shared/conformance/hevc/* ../shared/conformance/corrupt/* ../shared/conformance/ts/* \
         test/fixtures/*.264 test/fixtures/*.265 test/fixtures/mpegts/*.ts; do
  [ -f "$f" ] || continue
  case "$f" in *.md5|*.out|*.LICENSE|*.sh|*.mp4) continue ;; esac
  modes="0 1 2"
  case "$f" in *.ts|*.m2ts) modes="128 129" ;; esac
  # Single-path targets: only the seeds of their path (length-prefixed seeds are converted below).
  case "$TARGET:$f" in fuzz_ts:*.ts|fuzz_ts:*.m2ts) ;; fuzz_ts:*) continue ;; fuzz_length_prefixed:*.ts|fuzz_length_prefixed:*.m2ts) continue ;; esac
  for mode in $modes; do
    # At most 4 KiB of each stream: keeps executions fast; the fuzzer mutates from there.
    { printf "\\x$(printf %02x $mode)\\x$(printf %02x $((i % 256)))"; head -c 4096 "$f"; } > "$SEEDS/seed_${i}_${mode}"
  done
  i=$((i + 1))
done
cp test/fuzz/regressions/* "$SEEDS/" 2>/dev/null || true
if [ "$TARGET" = fuzz_length_prefixed ]; then
  # Annex B seeds rewritten as 4-byte length-prefixed samples (mode byte 4 + codec).
  node scripts/annexb-to-length-prefixed-seeds.mjs "$SEEDS" test/fixtures/*.264 test/fixtures/*.265
fi
echo "fuzzing: $RUNS runs, $(ls "$SEEDS" | wc -l) seeds"
$BUILD/$TARGET -runs="$RUNS" -max_len=4098 -jobs="$JOBS" -workers="$JOBS" -artifact_prefix=fuzz-out/ \
  -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 "$SEEDS"
