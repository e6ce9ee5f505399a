// 7.3.6.1 slice_segment_header() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstddef>
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"
#include "hevc/pps.h"
#include "hevc/sps.h"
#include "hevc/st_ref_pic_set.h"

namespace mi::hevc {

/// slice_type (Table 7-7).
enum : uint8_t { kSliceB = 0, kSliceP = 1, kSliceI = 2 };

/// Long-term entries of one slice header: num_long_term_sps + num_long_term_pics is bounded by
/// sps_max_dec_pic_buffering_minus1 (7.4.7.1) <= 15; num_long_term_sps alone by 32.
constexpr unsigned kMaxLongTermEntries = limits::kMaxNumLongTermRefPicsSps;

struct SliceSegmentHeader {
  bool first_slice_segment_in_pic_flag = false;
  bool no_output_of_prior_pics_flag = false;
  uint8_t slice_pic_parameter_set_id = 0;
  bool dependent_slice_segment_flag = false;
  uint32_t slice_segment_address = 0;
  uint8_t slice_reserved_flag = 0;  ///< bit i = slice_reserved_flag[i], i < num_extra_slice_header_bits
  uint8_t slice_type = 0;
  bool pic_output_flag = true;  // 7.4.7.1: inferred 1
  uint8_t colour_plane_id = 0;
  uint16_t slice_pic_order_cnt_lsb = 0;  // inferred 0 for IDR pictures
  bool short_term_ref_pic_set_sps_flag = false;
  StRefPicSet st_ref_pic_set;  ///< the set coded in the header (short_term_ref_pic_set_sps_flag == 0)
  uint8_t short_term_ref_pic_set_idx = 0;
  uint8_t num_long_term_sps = 0;
  uint8_t num_long_term_pics = 0;
  uint8_t lt_idx_sps[kMaxLongTermEntries] = {};
  uint16_t poc_lsb_lt[kMaxLongTermEntries] = {};
  bool used_by_curr_pic_lt_flag[kMaxLongTermEntries] = {};
  bool delta_poc_msb_present_flag[kMaxLongTermEntries] = {};
  uint32_t delta_poc_msb_cycle_lt[kMaxLongTermEntries] = {};
  bool slice_temporal_mvp_enabled_flag = false;
  bool slice_sao_luma_flag = false;
  bool slice_sao_chroma_flag = false;
  bool num_ref_idx_active_override_flag = false;
  uint8_t num_ref_idx_l0_active_minus1 = 0;
  uint8_t num_ref_idx_l1_active_minus1 = 0;
  // 7.3.6.2 ref_pic_lists_modification()
  bool ref_pic_list_modification_flag_l0 = false;
  bool ref_pic_list_modification_flag_l1 = false;
  uint8_t list_entry_l0[limits::kMaxNumRefIdxActiveMinus1 + 1] = {};
  uint8_t list_entry_l1[limits::kMaxNumRefIdxActiveMinus1 + 1] = {};
  bool mvd_l1_zero_flag = false;
  bool cabac_init_flag = false;
  bool collocated_from_l0_flag = true;  // 7.4.7.1: inferred 1
  uint8_t collocated_ref_idx = 0;
  // 7.3.6.3 pred_weight_table(): denominators kept, weights and offsets range-checked only.
  bool pred_weight_table_present = false;
  uint8_t luma_log2_weight_denom = 0;
  int8_t delta_chroma_log2_weight_denom = 0;
  uint8_t five_minus_max_num_merge_cand = 0;
  bool use_integer_mv_flag = false;
  int8_t slice_qp_delta = 0;
  int8_t slice_cb_qp_offset = 0;
  int8_t slice_cr_qp_offset = 0;
  int8_t slice_act_y_qp_offset = 0;
  int8_t slice_act_cb_qp_offset = 0;
  int8_t slice_act_cr_qp_offset = 0;
  bool cu_chroma_qp_offset_enabled_flag = false;
  bool deblocking_filter_override_flag = false;
  bool slice_deblocking_filter_disabled_flag = false;  // inferred pps_deblocking_filter_disabled_flag
  int8_t slice_beta_offset_div2 = 0;                   // inferred pps_beta_offset_div2
  int8_t slice_tc_offset_div2 = 0;                     // inferred pps_tc_offset_div2
  bool slice_loop_filter_across_slices_enabled_flag = false;  // inferred from the PPS
  uint32_t num_entry_point_offsets = 0;
  uint8_t offset_len_minus1 = 0;
  /// Sum of (entry_point_offset_minus1[i] + 1): the byte offset of the last substream in the
  /// slice segment data (7.4.7.1 firstByte[num_entry_point_offsets]). The offsets themselves are
  /// not stored (no per-slice allocation).
  uint64_t entry_point_offset_sum = 0;
  uint16_t slice_segment_header_extension_length = 0;

  // Derived.
  uint8_t CurrRpsIdx = 0;          ///< 7.4.7.1: short_term_ref_pic_set_idx, or num_short_term_ref_pic_sets
  uint8_t NumPicTotalCurr = 0;     ///< (7-55)
  int32_t SliceQpY = 26;           ///< (7-54)
  uint32_t header_rbsp_bits = 0;   ///< RBSP bits after the NAL unit header, byte_alignment() included
  uint32_t slice_data_byte_offset = 0;  ///< NAL unit bytes (header included) before slice_segment_data()
};

/// First part of slice_segment_header(): up to slice_pic_parameter_set_id.
/// (The parameter sets are resolved by the caller between the two parts.)
bool slice_segment_header_begin(BitReader& r, ParseError& err, uint8_t nal_unit_type, SliceSegmentHeader& h);

/// Rest of slice_segment_header() given the PPS and its SPS. For a dependent slice segment the
/// inherited fields are copied from `independent` (the preceding independent slice segment of the
/// picture; nullptr gives kInvalid "dependent_slice_segment_flag"). `nal` / `nal_size` are the
/// whole NAL unit, used to map the header end to a NAL byte offset (slice_data_byte_offset).
/// `soft_err` receives violations of bounds that come from the DPB size (7.4.8 num_negative_pics /
/// num_positive_pics, 7.4.7.1 num_long_term_pics) when the syntax is still readable.
bool slice_segment_header_rest(BitReader& r, ParseError& err, uint8_t nal_unit_type, const Sps& sps, const Pps& pps,
                               const SliceSegmentHeader* independent, const uint8_t* nal, size_t nal_size,
                               SliceSegmentHeader& h, ParseError& soft_err);

/// The short-term RPS the slice uses: the SPS's set short_term_ref_pic_set_idx, or the one in the header.
inline const StRefPicSet& current_st_rps(const SliceSegmentHeader& h, const Sps& sps) {
  return h.short_term_ref_pic_set_sps_flag ? sps.st_ref_pic_set[h.short_term_ref_pic_set_idx] : h.st_ref_pic_set;
}

/// Byte offset in the NAL unit `nal` (size bytes) of RBSP byte `rbsp_bytes` counted from NAL byte
/// `start` (emulation_prevention_three_byte counted in the result).
size_t rbsp_to_nal_offset(const uint8_t* nal, size_t size, size_t start, size_t rbsp_bytes);

}  // namespace mi::hevc
