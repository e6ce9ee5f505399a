// H.264 slice header — ITU-T H.264 (08/2021) 7.3.3, 7.3.3.1–7.3.3.3.
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "h264/limits.h"
#include "h264/nal.h"
#include "h264/pps.h"
#include "h264/sps.h"

namespace mi::h264 {

// 7.3.3.3 one memory_management_control_operation with its operands.
struct Mmco {
  uint8_t memory_management_control_operation = 0;
  uint32_t difference_of_pic_nums_minus1 = 0;
  uint32_t long_term_pic_num = 0;
  uint32_t long_term_frame_idx = 0;
  uint32_t max_long_term_frame_idx_plus1 = 0;
};

struct SliceHeader {
  NalHeader nal;
  uint32_t first_mb_in_slice = 0;
  uint32_t slice_type = 0;
  uint32_t pic_parameter_set_id = 0;
  uint8_t colour_plane_id = 0;
  uint32_t frame_num = 0;
  uint8_t field_pic_flag = 0;
  uint8_t bottom_field_flag = 0;
  uint32_t idr_pic_id = 0;
  uint32_t pic_order_cnt_lsb = 0;
  int32_t delta_pic_order_cnt_bottom = 0;
  int32_t delta_pic_order_cnt[2] = {0, 0};
  uint32_t redundant_pic_cnt = 0;
  uint8_t direct_spatial_mv_pred_flag = 0;
  uint8_t num_ref_idx_active_override_flag = 0;
  uint32_t num_ref_idx_l0_active_minus1 = 0;
  uint32_t num_ref_idx_l1_active_minus1 = 0;
  // 7.3.3.1 ref_pic_list_modification(): flags and operation counts.
  uint8_t ref_pic_list_modification_flag_l0 = 0;
  uint8_t ref_pic_list_modification_flag_l1 = 0;
  uint8_t num_modifications[2] = {0, 0};
  // 7.3.3.2 pred_weight_table() presence and denominators.
  bool has_pred_weight_table = false;
  uint32_t luma_log2_weight_denom = 0;
  uint32_t chroma_log2_weight_denom = 0;
  // 7.3.3.3 dec_ref_pic_marking()
  uint8_t no_output_of_prior_pics_flag = 0;
  uint8_t long_term_reference_flag = 0;
  uint8_t adaptive_ref_pic_marking_mode_flag = 0;
  uint8_t num_mmco = 0;
  Mmco mmco[kMaxMmcoOpsStored];
  bool has_mmco5 = false;
  uint32_t cabac_init_idc = 0;
  int32_t slice_qp_delta = 0;
  uint8_t sp_for_switch_flag = 0;
  int32_t slice_qs_delta = 0;
  uint32_t disable_deblocking_filter_idc = 0;
  int32_t slice_alpha_c0_offset_div2 = 0;
  int32_t slice_beta_offset_div2 = 0;
  uint32_t slice_group_change_cycle = 0;

  // Derived (7.4.3).
  bool IdrPicFlag() const { return nal.nal_unit_type == kSliceIdr; }
  uint32_t type() const { return slice_type % 5; }  // Table 7-6
  bool MbaffFrameFlag(const Sps& s) const { return s.mb_adaptive_frame_field_flag && !field_pic_flag; }
};

// 7.3.3 slice_header() of a slice NAL unit of type 1, 2 (partition A) or 5 (nal_unit_type / nal_ref_idc
// taken from `nal`). `sps_for` / `pps_for` resolve ids; a missing one ends the parse with
// kMissingRef naming the element. On success `sps_out`/`pps_out` point at the sets used.
struct ParamSetLookup {
  virtual ~ParamSetLookup() = default;
  virtual const Pps* pps(uint32_t id) const = 0;
  virtual const Sps* sps(uint32_t id) const = 0;
};

bool slice_header(BitReader& r, ParseError& err, const NalHeader& nal, const ParamSetLookup& sets,
                  SliceHeader& sh, const Sps** sps_out, const Pps** pps_out);

}  // namespace mi::h264
