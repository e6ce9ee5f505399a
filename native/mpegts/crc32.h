// CRC-32 of PSI sections — ISO/IEC 13818-1 (2019) Annex A (CRC decoder model), 2.4.4.
// Polynomial 0x04C11DB7, register initialised to 0xFFFFFFFF, MSB first, no final XOR:
// running the decoder over a whole section including its CRC_32 field leaves 0.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi::ts {

/// CRC-32/MPEG-2 of n bytes, continuing from `crc` (0xFFFFFFFF to start).
uint32_t crc32_mpeg2(const uint8_t* p, size_t n, uint32_t crc = 0xFFFFFFFFu);

}  // namespace mi::ts
