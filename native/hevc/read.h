// Checked reads into struct fields, named by the spec element (syntax.h underneath):
//   HU(s, sps_video_parameter_set_id, 4) reads u(4) into s.sps_video_parameter_set_id and
//   names the element "sps_video_parameter_set_id" in a ParseError. Used inside syntax
//   functions returning bool with `BitReader& r` and `ParseError& err` in scope.
#pragma once
#include "bitstream/syntax.h"

#define HU(o, f, n) do { if (!::mi::read_u(r, err, #f, (o).f, n)) return false; } while (0)
#define HUR(o, f, n, lo, hi) do { if (!::mi::read_u_range(r, err, #f, (o).f, n, lo, hi)) return false; } while (0)
#define HFLAG(o, f) do { if (!::mi::read_u(r, err, #f, (o).f, 1)) return false; } while (0)
#define HUE(o, f, lo, hi) do { if (!::mi::read_ue(r, err, #f, (o).f, lo, hi)) return false; } while (0)
#define HSE(o, f, lo, hi) do { if (!::mi::read_se(r, err, #f, (o).f, lo, hi)) return false; } while (0)

namespace mi::hevc {

// u(n) for 32 < n <= 64 (the reserved / constraint bit runs of profile_tier_level()).
inline bool read_u64(BitReader& r, ParseError& err, const char* name, uint64_t& dst, unsigned n) {
  const uint64_t hi = r.u(n - 32);
  const uint64_t lo = r.u(32);
  if (r.overread()) { err.set(ParseStatus::kTruncated, name); return false; }
  dst = (hi << 32) | lo;
  return true;
}

// Ceil(Log2(x)) for x >= 1 (5.7).
inline unsigned ceil_log2(uint32_t x) {
  return x <= 1 ? 0u : 32u - static_cast<unsigned>(__builtin_clz(x - 1));
}

}  // namespace mi::hevc
