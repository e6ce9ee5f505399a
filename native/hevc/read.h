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

// Ceil(Log2(x)) for x >= 1 (5.7).
inline unsigned ceil_log2(uint32_t x) {
  return x <= 1 ? 0u : 32u - static_cast<unsigned>(__builtin_clz(x - 1));
}

}  // namespace mi::hevc
