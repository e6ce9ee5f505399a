// 7.3.4 scaling_list_data() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"

namespace mi::hevc {

/// What is kept of scaling_list_data(): the prediction mode and reference of each list
/// (the coefficients are read and range-checked but not stored: nothing downstream of a
/// syntax inspector uses them).
struct ScalingListData {
  bool scaling_list_pred_mode_flag[4][6] = {};
  uint8_t scaling_list_pred_matrix_id_delta[4][6] = {};
  int16_t scaling_list_dc_coef_minus8[2][6] = {};
};

bool scaling_list_data(BitReader& r, ParseError& err, ScalingListData& s);

}  // namespace mi::hevc
