#include "mpegts/crc32.h"

namespace mi::ts {
namespace {

struct Table {
  uint32_t v[256];
  constexpr Table() : v() {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i << 24;
      for (int k = 0; k < 8; ++k) c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : c << 1;
      v[i] = c;
    }
  }
};
constexpr Table kTable;

}  // namespace

uint32_t crc32_mpeg2(const uint8_t* p, size_t n, uint32_t crc) {
  for (size_t i = 0; i < n; ++i) crc = (crc << 8) ^ kTable.v[((crc >> 24) ^ p[i]) & 0xFF];
  return crc;
}

}  // namespace mi::ts
