// Test helper: writes RBSP bits (u(n), ue(v), se(v)) and wraps them into an HEVC NAL unit
// with emulation_prevention_three_byte inserted (7.4.2), so fixtures are written as syntax.
#pragma once
#include <cstdint>
#include <vector>

namespace hevctest {

class BitWriter {
 public:
  BitWriter& u(unsigned n, uint64_t v) {
    for (unsigned i = n; i-- > 0;) bit((v >> i) & 1);
    return *this;
  }
  BitWriter& flag(bool b) { return u(1, b); }
  BitWriter& ue(uint32_t v) {  // 9.2
    const uint64_t x = uint64_t{v} + 1;
    unsigned len = 0;
    while ((x >> len) > 1) ++len;
    u(len, 0);
    return u(len + 1, x);
  }
  BitWriter& se(int32_t v) { return ue(v > 0 ? 2u * static_cast<uint32_t>(v) - 1 : 2u * static_cast<uint32_t>(-static_cast<int64_t>(v))); }
  BitWriter& trailing() {  // rbsp_trailing_bits()
    bit(1);
    while (n_ % 8) bit(0);
    return *this;
  }
  BitWriter& align_one() {  // byte_alignment(): a one then zeros
    return trailing();
  }
  BitWriter& bytes(const std::vector<uint8_t>& b) {
    for (uint8_t x : b) u(8, x);
    return *this;
  }
  size_t bit_count() const { return n_; }
  // NAL unit: 2-byte header then the RBSP with emulation prevention.
  std::vector<uint8_t> nal(uint8_t type, uint8_t layer = 0, uint8_t tid_plus1 = 1) const {
    std::vector<uint8_t> out = {static_cast<uint8_t>((type << 1) | (layer >> 5)),
                                static_cast<uint8_t>(((layer & 31) << 3) | tid_plus1)};
    unsigned zeros = 0;
    for (uint8_t b : rbsp_) {
      if (zeros >= 2 && b <= 3) { out.push_back(3); zeros = 0; }
      out.push_back(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out;
  }
  const std::vector<uint8_t>& rbsp() const { return rbsp_; }

 private:
  void bit(unsigned b) {
    if (n_ % 8 == 0) rbsp_.push_back(0);
    if (b) rbsp_.back() |= static_cast<uint8_t>(0x80 >> (n_ % 8));
    ++n_;
  }
  std::vector<uint8_t> rbsp_;
  size_t n_ = 0;
};

}  // namespace hevctest
