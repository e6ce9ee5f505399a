// Checked syntax-element reads: each read names its element and carries the
// [min, max] of its semantics clause; the first failure is kept in ParseError.
// Used by every syntax function as:   UE(s.log2_max_frame_num_minus4, 0, 12);
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"

namespace mi {

template <class T>
inline bool read_u(BitReader& r, ParseError& e, const char* name, T& dst, unsigned n) {
  uint32_t v = r.u(n);
  if (r.overread()) { e.set(ParseStatus::kTruncated, name); return false; }
  dst = static_cast<T>(v);
  return true;
}

template <class T>
inline bool read_u_range(BitReader& r, ParseError& e, const char* name, T& dst, unsigned n,
                         int64_t lo, int64_t hi) {
  uint32_t v = r.u(n);
  if (r.overread()) { e.set(ParseStatus::kTruncated, name); return false; }
  if (static_cast<int64_t>(v) < lo || static_cast<int64_t>(v) > hi) {
    e.set(ParseStatus::kOutOfRange, name, v, lo, hi);
    return false;
  }
  dst = static_cast<T>(v);
  return true;
}

// How a value outside [lo, hi] is handled: kHard ends the syntax structure; kSoft keeps the
// value and goes on (the element does not change the syntax structure), the violation still
// recorded in `e`.
enum class Range : uint8_t { kHard, kSoft };

// ue(v) / se(v) with the element's range; a codeword with no valid value (9.1) is out of range.
template <bool kSigned, Range kRange, class T>
inline bool read_golomb(BitReader& r, ParseError& e, const char* name, T& dst, int64_t lo, int64_t hi) {
  const int64_t v = kSigned ? static_cast<int64_t>(r.se()) : static_cast<int64_t>(r.ue());
  if (r.overread()) { e.set(ParseStatus::kTruncated, name); return false; }
  if (r.invalid_code()) { e.set(ParseStatus::kOutOfRange, name, kSigned ? INT64_MIN : INT64_MAX, lo, hi); return false; }
  if (v < lo || v > hi) {
    e.set(ParseStatus::kOutOfRange, name, v, lo, hi);
    if (kRange == Range::kHard) return false;
  }
  dst = static_cast<T>(v);
  return true;
}

template <class T>
inline bool read_ue(BitReader& r, ParseError& e, const char* name, T& dst, int64_t lo, int64_t hi) {
  return read_golomb<false, Range::kHard>(r, e, name, dst, lo, hi);
}
template <class T>
inline bool read_se(BitReader& r, ParseError& e, const char* name, T& dst, int64_t lo, int64_t hi) {
  return read_golomb<true, Range::kHard>(r, e, name, dst, lo, hi);
}
template <class T>
inline bool read_ue_soft(BitReader& r, ParseError& e, const char* name, T& dst, int64_t lo, int64_t hi) {
  return read_golomb<false, Range::kSoft>(r, e, name, dst, lo, hi);
}
template <class T>
inline bool read_se_soft(BitReader& r, ParseError& e, const char* name, T& dst, int64_t lo, int64_t hi) {
  return read_golomb<true, Range::kSoft>(r, e, name, dst, lo, hi);
}

}  // namespace mi

// Shorthands for syntax functions with `BitReader& r` and `ParseError& err` in scope.
#define MI_U(dst, n) do { if (!::mi::read_u(r, err, #dst, dst, n)) return false; } while (0)
#define MI_UR(dst, n, lo, hi) do { if (!::mi::read_u_range(r, err, #dst, dst, n, lo, hi)) return false; } while (0)
#define MI_FLAG(dst) do { if (!::mi::read_u(r, err, #dst, dst, 1)) return false; } while (0)
#define MI_UE(dst, lo, hi) do { if (!::mi::read_ue(r, err, #dst, dst, lo, hi)) return false; } while (0)
#define MI_SE(dst, lo, hi) do { if (!::mi::read_se(r, err, #dst, dst, lo, hi)) return false; } while (0)
#define MI_UE_SOFT(dst, lo, hi) do { if (!::mi::read_ue_soft(r, err, #dst, dst, lo, hi)) return false; } while (0)
#define MI_SE_SOFT(dst, lo, hi) do { if (!::mi::read_se_soft(r, err, #dst, dst, lo, hi)) return false; } while (0)
#define MI_SKIP(n, name) do { r.skip(n); if (r.overread()) { err.set(::mi::ParseStatus::kTruncated, name); return false; } } while (0)
