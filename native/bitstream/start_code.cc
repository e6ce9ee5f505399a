// Zero-pair scan: SWAR, SSE2 and AVX2 implementations and their run-time dispatch.
#include "bitstream/start_code.h"

#include <cstring>

#if (defined(__x86_64__) || defined(_M_X64)) && (defined(__GNUC__) || defined(__clang__))
#define MI_START_CODE_X86 1
#include <immintrin.h>
#endif

namespace mi {
namespace {

size_t zero_pair_scalar(const uint8_t* d, size_t i, size_t n) {
  for (; i + 1 < n; ++i) {
    if (d[i] == 0 && d[i + 1] == 0) return i;
  }
  return n;
}

// 8 bytes, byte k of memory in bits 8k..8k+7 whatever the host byte order, so the
// lowest set bit of a byte mask is always the first byte in memory.
inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

// 0x80 in every byte of x that is 0x00 and 0 elsewhere, exactly: adding 0x7F to the
// low 7 bits carries into bit 7 iff they are non-zero, so no borrow crosses bytes
// (the classic (x - 0x01..) & ~x & 0x80.. form flags a 0x01 above a 0x00 falsely).
inline uint64_t zero_byte_mask(uint64_t x) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// d[i] == 0 && d[i + 1] == 0  <=>  (d[i] | d[i + 1]) == 0, so OR-ing the word at i
// with the word at i + 1 turns "zero pair at i" into "zero byte at i": one mask per
// 8 positions. Reads d[i .. i + 9).
size_t zero_pair_swar(const uint8_t* d, size_t i, size_t n) {
  if (i >= n) return n;  // also keeps i + 9 from wrapping
  while (i + 9 <= n) {
    uint64_t m = zero_byte_mask(load_le64(d + i) | load_le64(d + i + 1));
    if (m != 0) return i + (static_cast<unsigned>(__builtin_ctzll(m)) >> 3);
    i += 8;
  }
  return zero_pair_scalar(d, i, n);
}

#ifdef MI_START_CODE_X86

// Same OR trick, 16 positions per step. The last (< 16) positions are covered by one
// load ending at d[n - 1], with the positions before i masked off, so no read goes
// past the buffer and no scalar tail runs on buffers of 17 bytes or more.
size_t zero_pair_sse2(const uint8_t* d, size_t i, size_t n) {
  if (i >= n) return n;
  const __m128i zero = _mm_setzero_si128();
  auto mask_at = [&](size_t p) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p + 1));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(a, b), zero)));
  };
  while (i + 17 <= n) {
    unsigned m = mask_at(i);
    if (m != 0) return i + static_cast<unsigned>(__builtin_ctz(m));
    i += 16;
  }
  if (i + 1 >= n) return n;
  if (n < 17) return zero_pair_scalar(d, i, n);
  size_t p = n - 17;  // positions p .. n - 2; i - p is in [1, 15] here
  unsigned m = mask_at(p) & (~0u << (i - p));
  return m != 0 ? p + static_cast<unsigned>(__builtin_ctz(m)) : n;
}

// 64 positions per iteration (two independent 32-byte halves, one branch), then
// 32 per step, then one masked overlapping load for the tail.
__attribute__((target("avx2"))) inline __m256i pairs32(const uint8_t* d) {
  __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d));
  __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + 1));
  return _mm256_cmpeq_epi8(_mm256_or_si256(a, b), _mm256_setzero_si256());
}

__attribute__((target("avx2"))) size_t zero_pair_avx2(const uint8_t* d, size_t i, size_t n) {
  if (i >= n) return n;
  while (i + 65 <= n) {
    __m256i c0 = pairs32(d + i);
    __m256i c1 = pairs32(d + i + 32);
    __m256i any = _mm256_or_si256(c0, c1);
    if (!_mm256_testz_si256(any, any)) {
      uint32_t m0 = static_cast<uint32_t>(_mm256_movemask_epi8(c0));
      if (m0 != 0) return i + static_cast<unsigned>(__builtin_ctz(m0));
      uint32_t m1 = static_cast<uint32_t>(_mm256_movemask_epi8(c1));
      return i + 32 + static_cast<unsigned>(__builtin_ctz(m1));
    }
    i += 64;
  }
  while (i + 33 <= n) {
    uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(pairs32(d + i)));
    if (m != 0) return i + static_cast<unsigned>(__builtin_ctz(m));
    i += 32;
  }
  if (i + 1 >= n) return n;
  if (n < 33) return zero_pair_sse2(d, i, n);
  size_t p = n - 33;  // positions p .. n - 2; i - p is in [1, 31] here
  uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(pairs32(d + p))) & (~0u << (i - p));
  return m != 0 ? p + static_cast<unsigned>(__builtin_ctz(m)) : n;
}

#endif  // MI_START_CODE_X86

#ifdef MI_START_CODE_X86
// Checked once: a function-local static is initialised thread-safely (the addon runs in
// worker_threads). __builtin_cpu_init() makes the check valid even when it runs from
// another static initialiser, before libgcc's constructor.
bool cpu_has_avx2() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return has;
}
#endif

ZeroPairFn choose_zero_pair_fn() {
#ifdef MI_START_CODE_X86
  return cpu_has_avx2() ? zero_pair_avx2 : zero_pair_sse2;  // SSE2 is in the x86-64 baseline
#else
  return zero_pair_swar;
#endif
}

}  // namespace

ZeroPairFn zero_pair_fn(StartCodeImpl impl) {
  switch (impl) {
    case StartCodeImpl::kSwar: return zero_pair_swar;
#ifdef MI_START_CODE_X86
    case StartCodeImpl::kSse2: return zero_pair_sse2;
    case StartCodeImpl::kAvx2: return cpu_has_avx2() ? zero_pair_avx2 : nullptr;
#endif
    default: return nullptr;
  }
}

ZeroPairFn best_zero_pair_fn() {
  static const ZeroPairFn fn = choose_zero_pair_fn();  // once, thread-safe
  return fn;
}

const char* start_code_impl_name(StartCodeImpl impl) {
  switch (impl) {
    case StartCodeImpl::kSwar: return "swar";
    case StartCodeImpl::kSse2: return "sse2";
    case StartCodeImpl::kAvx2: return "avx2";
    default: return "?";
  }
}

const char* start_code_impl() {
  static const char* const name = [] {
    ZeroPairFn fn = best_zero_pair_fn();
    for (unsigned k = 0; k < static_cast<unsigned>(StartCodeImpl::kCount); ++k) {
      auto impl = static_cast<StartCodeImpl>(k);
      if (zero_pair_fn(impl) == fn) return start_code_impl_name(impl);
    }
    return "?";
  }();
  return name;
}

size_t find_zero_pair(const uint8_t* d, size_t from, size_t n) {
  return best_zero_pair_fn()(d, from, n);
}

size_t skip_zero_bytes(const uint8_t* d, size_t i, size_t n) {
  if (i >= n) return n;
  while (i + 8 <= n) {
    uint64_t w = load_le64(d + i);
    if (w != 0) return i + (static_cast<unsigned>(__builtin_ctzll(w)) >> 3);
    i += 8;
  }
  while (i < n && d[i] == 0) ++i;
  return i;
}

}  // namespace mi
