// Zero-pair scan: the one hot loop under the byte-stream framing layer. Every start
// code (0x000001, H.264 B.1 / H.265 B.2), emulation_prevention_three_byte
// (0x000003, H.264 7.4.1 / H.265 7.4.2.1) and forbidden 0x000000 / 0x000002 begins
// with two zero bytes, so the splitters only ever ask "where is the next 00 00?".
//
// Contract: reads only d[from .. n); no padding needed (tails use masked or scalar
// reads inside the buffer). The implementation is chosen once per process: AVX2
// or SSE2 on x86-64 (CPU checked at run time), SWAR (8 bytes per step) elsewhere.
//
// Example:
//   size_t i = mi::find_zero_pair(buf, 0, len);  // i == len: no 00 00 in buf
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi {

/// First i >= from with d[i] == 0 && d[i + 1] == 0 and i + 1 < n; n when there is none
/// (also when from >= n).
size_t find_zero_pair(const uint8_t* d, size_t from, size_t n);

/// First i >= from with d[i] != 0, or n.
size_t skip_zero_bytes(const uint8_t* d, size_t from, size_t n);

/// Name of the implementation find_zero_pair() uses: "avx2", "sse2" or "swar".
const char* start_code_impl();

// Tests and benchmarks run every implementation side by side; production code calls
// find_zero_pair().
enum class StartCodeImpl : uint8_t {
  kSwar = 0,  ///< portable, 8 bytes per step (exact zero-byte mask)
  kSse2,      ///< x86-64 baseline, 16 bytes per step
  kAvx2,      ///< x86-64 with AVX2 (checked at run time), 32 bytes per step
  kCount
};
using ZeroPairFn = size_t (*)(const uint8_t* d, size_t from, size_t n);

/// The implementation, or nullptr when this CPU or build lacks it.
ZeroPairFn zero_pair_fn(StartCodeImpl impl);
/// The implementation find_zero_pair() dispatches to.
ZeroPairFn best_zero_pair_fn();
const char* start_code_impl_name(StartCodeImpl impl);

}  // namespace mi
