#include "h264/poc.h"
#include <algorithm>

namespace mi::h264 {
namespace {

// 8.2.1.2 / 8.2.1.3: FrameNumOffset (8-6, 8-11).
int64_t frame_num_offset(const Sps& sps, const SliceHeader& sh, const PocState& st) {
  if (sh.IdrPicFlag()) return 0;
  if (st.prev_frame_num > sh.frame_num) return st.prev_frame_num_offset + sps.MaxFrameNum();
  return st.prev_frame_num_offset;
}

}  // namespace

Poc decode_poc(const Sps& sps, const SliceHeader& sh, PocState& st) {
  Poc p;
  const bool field = sh.field_pic_flag != 0;
  const bool bottom = sh.bottom_field_flag != 0;
  const bool ref = sh.nal.nal_ref_idc != 0;
  if (sps.pic_order_cnt_type == 0) {  // 8.2.1.1
    int64_t prev_msb = sh.IdrPicFlag() ? 0 : st.prev_pic_order_cnt_msb;
    int64_t prev_lsb = sh.IdrPicFlag() ? 0 : st.prev_pic_order_cnt_lsb;
    const int64_t max_lsb = sps.MaxPicOrderCntLsb();
    const int64_t lsb = sh.pic_order_cnt_lsb;
    if (lsb < prev_lsb && prev_lsb - lsb >= max_lsb / 2) p.msb = prev_msb + max_lsb;        // 8-3
    else if (lsb > prev_lsb && lsb - prev_lsb > max_lsb / 2) p.msb = prev_msb - max_lsb;
    else p.msb = prev_msb;
    if (!field || !bottom) p.top = p.msb + lsb;                                             // 8-4
    if (!field) p.bottom = p.top + sh.delta_pic_order_cnt_bottom;                           // 8-5
    else if (bottom) p.bottom = p.msb + lsb;
  } else {
    p.frame_num_offset = frame_num_offset(sps, sh, st);
    if (sps.pic_order_cnt_type == 1) {  // 8.2.1.2
      const int64_t n = sps.num_ref_frames_in_pic_order_cnt_cycle;
      int64_t abs_frame_num = n != 0 ? p.frame_num_offset + sh.frame_num : 0;               // 8-7
      if (!ref && abs_frame_num > 0) --abs_frame_num;
      int64_t expected = 0;
      if (abs_frame_num > 0) {
        const int64_t cycle_cnt = (abs_frame_num - 1) / n;                                  // 8-8
        const int64_t in_cycle = (abs_frame_num - 1) % n;
        expected = cycle_cnt * sps.expected_delta_per_poc_cycle;                           // 8-10
        for (int64_t i = 0; i <= in_cycle; ++i) expected += sps.offset_for_ref_frame[i];
      }
      if (!ref) expected += sps.offset_for_non_ref_pic;
      if (!field) {                                                                         // 8-11
        p.top = expected + sh.delta_pic_order_cnt[0];
        p.bottom = p.top + sps.offset_for_top_to_bottom_field + sh.delta_pic_order_cnt[1];
      } else if (!bottom) {
        p.top = expected + sh.delta_pic_order_cnt[0];
      } else {
        p.bottom = expected + sps.offset_for_top_to_bottom_field + sh.delta_pic_order_cnt[0];
      }
    } else {  // 8.2.1.3
      int64_t temp = 0;                                                                     // 8-12
      if (!sh.IdrPicFlag()) temp = ref ? 2 * (p.frame_num_offset + sh.frame_num) : 2 * (p.frame_num_offset + sh.frame_num) - 1;
      if (!field) p.top = p.bottom = temp;                                                  // 8-13
      else if (bottom) p.bottom = temp;
      else p.top = temp;
    }
  }
  p.pic = !field ? std::min(p.top, p.bottom) : (bottom ? p.bottom : p.top);                // 8-1

  // Advance the state as after decoding this picture (8.2.1, memory_management_control_operation 5
  // makes the picture count as frame_num 0 with its POC rebased: 8.2.1 last paragraph, 7.4.3).
  if (sps.pic_order_cnt_type == 0) {
    if (ref) {
      if (sh.has_mmco5) {
        st.prev_pic_order_cnt_msb = 0;
        st.prev_pic_order_cnt_lsb = (field && bottom) ? 0 : p.top - p.pic;  // tempPicOrderCnt rebase
      } else {
        st.prev_pic_order_cnt_msb = p.msb;
        st.prev_pic_order_cnt_lsb = sh.pic_order_cnt_lsb;
      }
    }
  } else {
    st.prev_frame_num_offset = sh.has_mmco5 ? 0 : p.frame_num_offset;
  }
  st.prev_frame_num = sh.has_mmco5 ? 0 : sh.frame_num;
  return p;
}

}  // namespace mi::h264
