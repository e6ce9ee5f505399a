// H.264 picture order count — ITU-T H.264 (08/2021) 8.2.1.
#pragma once
#include <cstdint>
#include "h264/slice_header.h"
#include "h264/sps.h"

namespace mi::h264 {

// State carried from picture to picture (8.2.1.1–8.2.1.3).
struct PocState {
  int64_t prev_pic_order_cnt_msb = 0;  // of the previous reference picture (type 0)
  int64_t prev_pic_order_cnt_lsb = 0;
  int64_t prev_frame_num_offset = 0;   // of the previous picture (types 1, 2)
  uint32_t prev_frame_num = 0;
};

struct Poc {
  int64_t top = 0;     ///< TopFieldOrderCnt
  int64_t bottom = 0;  ///< BottomFieldOrderCnt
  int64_t pic = 0;     ///< PicOrderCnt( CurrPic ) (8-1)
  int64_t msb = 0;     ///< PicOrderCntMsb (type 0)
  int64_t frame_num_offset = 0;
};

// Decodes the POC of the picture whose first slice is `sh` and advances `st` as if the
// picture had been decoded (including the effect of memory_management_control_operation 5).
Poc decode_poc(const Sps& sps, const SliceHeader& sh, PocState& st);

}  // namespace mi::h264
