#include "h264/pps.h"
#include "bitstream/syntax.h"
#include "h264/limits.h"
#include "h264/scaling_list.h"

namespace mi::h264 {

static unsigned ceil_log2(uint32_t v) {  // Ceil( Log2( v ) ), v >= 1
  unsigned n = 0;
  while ((1ull << n) < v) ++n;
  return n;
}

bool pps_ids(BitReader& r, ParseError& err, uint32_t& pps_id, uint32_t& sps_id) {
  MI_UE(pps_id, 0, kMaxPpsId);
  MI_UE(sps_id, 0, kMaxSpsId);
  return true;
}

bool pic_parameter_set_rbsp(BitReader& r, ParseError& err, const Sps* sps, Pps& p) {
  const uint32_t chroma_format_idc = sps ? sps->chroma_format_idc : 1;
  const int32_t qp_bd_offset_y = sps ? static_cast<int32_t>(sps->QpBdOffsetY()) : 0;
  // Map units bound the slice-group syntax; without the SPS only the spec maximum applies.
  const uint32_t map_units = sps ? sps->PicSizeInMapUnits() : kMaxPicDimInMbs * kMaxPicDimInMbs;

  MI_UE(p.pic_parameter_set_id, 0, kMaxPpsId);
  MI_UE(p.seq_parameter_set_id, 0, kMaxSpsId);
  MI_FLAG(p.entropy_coding_mode_flag);
  MI_FLAG(p.bottom_field_pic_order_in_frame_present_flag);
  MI_UE(p.num_slice_groups_minus1, 0, kMaxSliceGroupsMinus1);
  if (p.num_slice_groups_minus1 > 0) {
    MI_UE(p.slice_group_map_type, 0, 6);
    if (p.slice_group_map_type == 0) {
      for (uint32_t g = 0; g <= p.num_slice_groups_minus1; ++g) {
        uint32_t run_length_minus1 = 0;
        MI_UE(run_length_minus1, 0, map_units - 1);
      }
    } else if (p.slice_group_map_type == 2) {
      for (uint32_t g = 0; g < p.num_slice_groups_minus1; ++g) {
        uint32_t top_left = 0, bottom_right = 0;
        MI_UE(top_left, 0, map_units - 1);
        MI_UE(bottom_right, 0, map_units - 1);
        if (top_left > bottom_right) err.set(ParseStatus::kOutOfRange, "top_left", top_left, 0, bottom_right);
      }
    } else if (p.slice_group_map_type >= 3 && p.slice_group_map_type <= 5) {
      MI_FLAG(p.slice_group_change_direction_flag);
      MI_UE(p.slice_group_change_rate_minus1, 0, map_units - 1);
    } else if (p.slice_group_map_type == 6) {
      MI_UE(p.pic_size_in_map_units_minus1, 0, map_units - 1);
      const unsigned bits = ceil_log2(p.num_slice_groups_minus1 + 1);
      for (uint32_t i = 0; i <= p.pic_size_in_map_units_minus1; ++i) {
        uint32_t slice_group_id = 0;
        MI_UR(slice_group_id, bits, 0, p.num_slice_groups_minus1);
      }
    }
  }
  MI_UE(p.num_ref_idx_l0_default_active_minus1, 0, kMaxRefIdxDefaultMinus1);
  MI_UE(p.num_ref_idx_l1_default_active_minus1, 0, kMaxRefIdxDefaultMinus1);
  MI_FLAG(p.weighted_pred_flag);
  MI_UR(p.weighted_bipred_idc, 2, 0, 2);
  MI_SE_SOFT(p.pic_init_qp_minus26, -(26 + qp_bd_offset_y), 25);
  MI_SE_SOFT(p.pic_init_qs_minus26, -26, 25);
  MI_SE_SOFT(p.chroma_qp_index_offset, -12, 12);
  MI_FLAG(p.deblocking_filter_control_present_flag);
  MI_FLAG(p.constrained_intra_pred_flag);
  MI_FLAG(p.redundant_pic_cnt_present_flag);
  p.second_chroma_qp_index_offset = p.chroma_qp_index_offset;  // 7.4.2.2 inference
  if (r.more_rbsp_data()) {
    MI_FLAG(p.transform_8x8_mode_flag);
    MI_FLAG(p.pic_scaling_matrix_present_flag);
    if (p.pic_scaling_matrix_present_flag) {
      const unsigned n = 6 + ((chroma_format_idc != 3) ? 2 : 6) * p.transform_8x8_mode_flag;
      uint8_t scratch[64];
      for (unsigned i = 0; i < n; ++i) {
        MI_FLAG(p.pic_scaling_list_present_flag[i]);
        if (!p.pic_scaling_list_present_flag[i]) continue;
        bool use_default = false;
        if (!scaling_list(r, err, scratch, i < 6 ? 16 : 64, use_default)) return false;
      }
    }
    MI_SE_SOFT(p.second_chroma_qp_index_offset, -12, 12);
  }
  if (!r.at_rbsp_trailing_bits()) {
    err.set(ParseStatus::kInvalid, "rbsp_trailing_bits", static_cast<int64_t>(r.bits_read()),
            r.stop_bit_position(), r.stop_bit_position());
  }
  return true;
}

}  // namespace mi::h264
