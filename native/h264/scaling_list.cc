#include "h264/scaling_list.h"
#include "bitstream/syntax.h"

namespace mi::h264 {

// 7.3.2.1.1.1 scaling_list( scalingList, sizeOfScalingList, useDefaultScalingMatrixFlag )
bool scaling_list(BitReader& r, ParseError& err, uint8_t* list, unsigned size, bool& use_default) {
  int last_scale = 8, next_scale = 8;
  use_default = false;
  for (unsigned j = 0; j < size; ++j) {
    if (next_scale != 0) {
      int32_t delta_scale = 0;
      MI_SE(delta_scale, -128, 127);  // 7.4.2.1.1.1
      next_scale = (last_scale + delta_scale + 256) % 256;
      use_default = (j == 0 && next_scale == 0);
    }
    list[j] = static_cast<uint8_t>(next_scale == 0 ? last_scale : next_scale);
    last_scale = list[j];
  }
  return true;
}

}  // namespace mi::h264
