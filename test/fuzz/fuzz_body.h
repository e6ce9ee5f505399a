// One fuzz iteration over the inspector's push API, shared by the libFuzzer target and the
// regression test that replays every saved input (test/fuzz/regressions/).
//
// Input layout: byte 0 picks the configuration (bit 7: MPEG-TS through TsInspector; else codec
// auto/H.264/HEVC, Annex B or length-prefixed with a 1/2/4-byte length), byte 1 seeds the
// chunking; the rest is the stream, pushed in pseudo-random chunks (1 byte to 64 KiB, with
// end_sample() between some of them).
#pragma once
#include <cstddef>
#include <cstdint>
#include "inspect/inspector.h"
#include "inspect/records.h"
#include "mpegts/ts_inspector.h"

namespace mifuzz {

// MPEG-TS: the transport layer and the video inspector behind it.
inline uint64_t run_ts(const uint8_t* data, size_t size) {
  mi::ts::TsConfig cfg;
  cfg.keep_video_es = (data[1] & 1) != 0;
  cfg.max_issues_per_code = data[1] & 2 ? 4 : 0;
  mi::ts::TsInspector ts(cfg);
  uint32_t seed = 0x85EBCA6Bu * (data[1] + 1u);
  uint64_t checksum = 0;
  auto drain = [&] {
    for (uint32_t w : ts.issues()) checksum += w;
    for (uint32_t w : ts.pes()) checksum += w;
    for (uint32_t w : ts.frames()) checksum += w;
    for (uint32_t w : ts.nals()) checksum += w;
    for (uint32_t w : ts.video_issues()) checksum += w;
    for (uint8_t b : ts.video_es()) checksum += b;
    ts.clear_output();
  };
  for (size_t pos = 2; pos < size;) {
    seed = seed * 1664525u + 1013904223u;
    size_t n = (seed >> 28) < 6 ? 1 + (seed >> 8) % 200 : 1 + (seed >> 8) % 4096;
    if (n > size - pos) n = size - pos;
    ts.push(data + pos, n);
    pos += n;
    drain();
  }
  ts.flush();
  drain();
  return checksum;
}

inline uint64_t run_one(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t mode = data[0];
  if (mode & 0x80) return run_ts(data, size);
  mi::InspectorConfig cfg;
  cfg.codec = static_cast<mi::Codec>(mode % 3);
  cfg.length_prefixed = (mode >> 2) & 1;
  static const unsigned kLengths[3] = {1, 2, 4};
  cfg.length_size = kLengths[(mode >> 3) % 3];
  mi::Inspector insp(cfg);
  uint32_t seed = 0x9E3779B9u * (data[1] + 1u);
  uint64_t checksum = 0;
  size_t pos = 2;
  auto drain = [&] {
    // Read every record word: a wrong length or an uninitialised word shows up under the sanitizers.
    for (uint32_t w : insp.frames()) checksum += w;
    for (uint32_t w : insp.nals()) checksum += w;
    for (size_t i = 0; i < insp.issues().size(); i += mi::rec::kIssueStride) {
      checksum += insp.issues()[i];
      checksum += insp.element_name(insp.issues()[i + mi::rec::kIssueElement])[0];
    }
    insp.clear_output();
  };
  while (pos < size) {
    seed = seed * 1664525u + 1013904223u;
    const unsigned shape = seed >> 28;
    size_t n = shape < 4 ? 1 + (seed >> 8) % 8 : (shape < 12 ? 1 + (seed >> 8) % 1500 : 1 + (seed >> 8) % 65536);
    if (n > size - pos) n = size - pos;
    const int64_t pts = (seed & 1) ? static_cast<int64_t>(pos) * 3600 : -1;
    insp.push(data + pos, n, pts, pts);
    if (cfg.length_prefixed && (seed & 0x30) == 0x30) insp.end_sample();
    pos += n;
    drain();
  }
  insp.flush();
  drain();
  mi::StreamSummary s;
  insp.summary(s);
  checksum += s.width + s.height + insp.counters().issues;
  return checksum;
}

}  // namespace mifuzz
