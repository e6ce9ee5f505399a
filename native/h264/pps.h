// H.264 picture parameter set — ITU-T H.264 (08/2021) 7.3.2.2.
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "h264/sps.h"

namespace mi::h264 {

struct Pps {
  uint32_t pic_parameter_set_id = 0;
  uint32_t seq_parameter_set_id = 0;
  uint8_t entropy_coding_mode_flag = 0;
  uint8_t bottom_field_pic_order_in_frame_present_flag = 0;
  uint32_t num_slice_groups_minus1 = 0;
  uint32_t slice_group_map_type = 0;
  uint8_t slice_group_change_direction_flag = 0;
  uint32_t slice_group_change_rate_minus1 = 0;
  uint32_t pic_size_in_map_units_minus1 = 0;
  uint32_t num_ref_idx_l0_default_active_minus1 = 0;
  uint32_t num_ref_idx_l1_default_active_minus1 = 0;
  uint8_t weighted_pred_flag = 0;
  uint8_t weighted_bipred_idc = 0;
  int32_t pic_init_qp_minus26 = 0;
  int32_t pic_init_qs_minus26 = 0;
  int32_t chroma_qp_index_offset = 0;
  uint8_t deblocking_filter_control_present_flag = 0;
  uint8_t constrained_intra_pred_flag = 0;
  uint8_t redundant_pic_cnt_present_flag = 0;
  uint8_t transform_8x8_mode_flag = 0;
  uint8_t pic_scaling_matrix_present_flag = 0;
  uint8_t pic_scaling_list_present_flag[12] = {};
  int32_t second_chroma_qp_index_offset = 0;
  // Slice-group maps (run_length_minus1, top_left, bottom_right, slice_group_id) are
  // read and range-checked but not kept: slice headers need only the fields above.

  // 7-23 SliceGroupChangeRate
  uint32_t SliceGroupChangeRate() const { return slice_group_change_rate_minus1 + 1; }
};

// 7.3.2.2 pic_parameter_set_rbsp(). `sps` is the SPS the PPS refers to, or null when
// it has not been received (then chroma_format_idc 1 and 8-bit are assumed and the
// PPS is parsed again when the SPS arrives). Range violations that do not change the
// syntax structure (QP offsets) are recorded in `err` and parsing goes on.
bool pic_parameter_set_rbsp(BitReader& r, ParseError& err, const Sps* sps, Pps& p);

// Only the two leading ids (to find the SPS before a full parse).
bool pps_ids(BitReader& r, ParseError& err, uint32_t& pps_id, uint32_t& sps_id);

}  // namespace mi::h264
