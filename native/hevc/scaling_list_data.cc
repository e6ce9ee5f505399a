#include "hevc/scaling_list_data.h"
#include "hevc/limits.h"
#include "hevc/read.h"

namespace mi::hevc {

// 7.3.4 scaling_list_data() — ITU-T H.265 (V8, 08/2021)
bool scaling_list_data(BitReader& r, ParseError& err, ScalingListData& s) {
  s = ScalingListData();
  for (unsigned sizeId = 0; sizeId < 4; ++sizeId) {
    for (unsigned matrixId = 0; matrixId < 6; matrixId += (sizeId == 3) ? 3 : 1) {
      HFLAG(s, scaling_list_pred_mode_flag[sizeId][matrixId]);
      if (!s.scaling_list_pred_mode_flag[sizeId][matrixId]) {
        // 7.4.5: in [0, matrixId] when sizeId <= 2, in [0, matrixId / 3] when sizeId == 3.
        HUE(s, scaling_list_pred_matrix_id_delta[sizeId][matrixId], 0, sizeId == 3 ? matrixId / 3 : matrixId);
      } else {
        const unsigned coefNum = sizeId == 0 ? 16u : 64u;  // Min(64, 1 << (4 + (sizeId << 1)))
        int32_t nextCoef = 8;
        if (sizeId > 1) {
          HSE(s, scaling_list_dc_coef_minus8[sizeId - 2][matrixId], limits::kMinScalingListDcCoefMinus8,
              limits::kMaxScalingListDcCoefMinus8);
          nextCoef = s.scaling_list_dc_coef_minus8[sizeId - 2][matrixId] + 8;
        }
        for (unsigned i = 0; i < coefNum; ++i) {
          int32_t scaling_list_delta_coef;
          MI_SE(scaling_list_delta_coef, -128, 127);  // 7.4.5
          nextCoef = (nextCoef + scaling_list_delta_coef + 256) % 256;
          // 7.4.5: ScalingList[ sizeId ][ matrixId ][ i ] shall be greater than 0.
          if (nextCoef == 0) {
            err.set(ParseStatus::kOutOfRange, "scaling_list_delta_coef", scaling_list_delta_coef, -128, 127);
            return false;
          }
        }
      }
    }
  }
  return true;
}

}  // namespace mi::hevc
