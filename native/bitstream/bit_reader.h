// RBSP bit reader: reads a NAL unit's bits with emulation_prevention_three_byte
// removed on the fly (H.264 7.3.1 / H.265 7.3.1.1), so no RBSP copy is made.
//
// Contract: every read is bounds-checked. Reading past the end yields zero bits
// and makes overread() true; callers check it after a syntax structure (or at
// each element through the read_* helpers in syntax.h). ue() values with more
// than 31 leading zeros (beyond 2^32 - 2, the largest value 9.1 allows) set
// invalid_code().
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi {

class BitReader {
 public:
  BitReader(const uint8_t* data, size_t size) : p_(data), begin_(data), end_(data + size) {}

  // u(n), 0 <= n <= 32.
  uint32_t u(unsigned n) {
    if (n == 0) return 0;
    if (bits_ < n) refill();
    uint32_t v = static_cast<uint32_t>(cache_ >> (64 - n));
    cache_ = n == 64 ? 0 : cache_ << n;
    bits_ -= n;
    return v;
  }
  bool flag() { return u(1) != 0; }
  void skip(uint64_t n) {
    while (n > 32) { u(32); n -= 32; }
    u(static_cast<unsigned>(n));
  }
  uint32_t peek(unsigned n) {
    if (bits_ < n) refill();
    return n == 0 ? 0 : static_cast<uint32_t>(cache_ >> (64 - n));
  }

  // ue(v), 9.1 (H.264) / 9.2 (H.265).
  uint32_t ue() {
    if (bits_ < 32) refill();
    uint32_t top = static_cast<uint32_t>(cache_ >> 32);
    if (top == 0) {  // 32 or more leading zeros: no valid codeword
      invalid_ = true;
      u(32);
      return 0;
    }
    unsigned lz = static_cast<unsigned>(__builtin_clz(top));
    u(lz);
    uint64_t v = static_cast<uint64_t>(u(lz + 1)) - 1;
    return static_cast<uint32_t>(v);
  }
  // se(v), 9.1.1 Table 9-3.
  int32_t se() {
    uint32_t k = ue();
    int64_t v = (k & 1) ? (static_cast<int64_t>(k) + 1) / 2 : -(static_cast<int64_t>(k) / 2);
    return static_cast<int32_t>(v);
  }

  bool byte_aligned() const { return (bits_read() & 7) == 0; }
  uint64_t bits_read() const { return loaded_bits_ - bits_; }
  bool overread() const { return bits_ < pad_bits_; }
  bool invalid_code() const { return invalid_; }
  bool failed() const { return overread() || invalid_; }
  uint32_t epb_count() const { return epb_; }

  // Bits of RBSP before the rbsp_stop_one_bit (7.2 more_rbsp_data()); -1 when
  // the RBSP has no nonzero byte at all. Computed once per reader, lazily.
  int64_t stop_bit_position() {
    if (!stop_known_) { stop_pos_ = compute_stop_bit(); stop_known_ = true; }
    return stop_pos_;
  }
  // 7.2 more_rbsp_data(): true while data remains before rbsp_trailing_bits().
  bool more_rbsp_data() {
    int64_t s = stop_bit_position();
    return s >= 0 && static_cast<int64_t>(bits_read()) < s;
  }
  // 7.3.2.11 rbsp_trailing_bits() check: the stop bit is exactly at the current position.
  bool at_rbsp_trailing_bits() { return static_cast<int64_t>(bits_read()) == stop_bit_position(); }

 private:
  void refill() {
    while (bits_ <= 56) {
      uint64_t b = 0;
      if (p_ < end_) {
        uint8_t byte = *p_++;
        if (zeros_ >= 2 && byte == 0x03) {  // emulation_prevention_three_byte
          zeros_ = 0;
          ++epb_;
          continue;
        }
        zeros_ = byte == 0 ? zeros_ + 1 : 0;
        b = byte;
      } else {
        pad_bits_ += 8;
      }
      cache_ |= b << (56 - bits_);
      bits_ += 8;
      loaded_bits_ += 8;
    }
  }
  int64_t compute_stop_bit() const {
    int64_t rbsp_bytes = 0, last_nonzero = -1;
    uint8_t last_byte = 0;
    unsigned zeros = 0;
    for (const uint8_t* q = begin_; q < end_; ++q) {
      if (zeros >= 2 && *q == 0x03) { zeros = 0; continue; }
      zeros = *q == 0 ? zeros + 1 : 0;
      if (*q != 0) { last_nonzero = rbsp_bytes; last_byte = *q; }
      ++rbsp_bytes;
    }
    if (last_nonzero < 0) return -1;
    return last_nonzero * 8 + (7 - __builtin_ctz(last_byte));
  }

  const uint8_t* p_;
  const uint8_t* begin_;
  const uint8_t* end_;
  uint64_t cache_ = 0;
  unsigned bits_ = 0;        // valid bits at the top of cache_
  uint64_t loaded_bits_ = 0; // bits moved into the cache, padding included
  uint64_t pad_bits_ = 0;    // zero bits appended past the end
  unsigned zeros_ = 0;
  uint32_t epb_ = 0;
  bool invalid_ = false;
  bool stop_known_ = false;
  int64_t stop_pos_ = -1;
};

}  // namespace mi
