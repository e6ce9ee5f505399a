// H.264 scaling_list() — ITU-T H.264 (08/2021) 7.3.2.1.1.1.
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"

namespace mi::h264 {

// Reads one scaling list of `size` (16 or 64) entries into `list` (in scan order).
// `use_default` is set when useDefaultScalingMatrixFlag is inferred (7.4.2.1.1.1).
bool scaling_list(BitReader& r, ParseError& err, uint8_t* list, unsigned size, bool& use_default);

}  // namespace mi::h264
