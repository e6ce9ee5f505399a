// H.264 sequence parameter set — ITU-T H.264 (08/2021) 7.3.2.1.1, E.1.1, E.1.2.
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"

namespace mi::h264 {

// E.1.2 hrd_parameters()
struct Hrd {
  uint32_t cpb_cnt_minus1 = 0;
  uint8_t bit_rate_scale = 0;
  uint8_t cpb_size_scale = 0;
  uint32_t bit_rate_value_minus1[32] = {};
  uint32_t cpb_size_value_minus1[32] = {};
  uint8_t cbr_flag[32] = {};
  uint8_t initial_cpb_removal_delay_length_minus1 = 23;
  uint8_t cpb_removal_delay_length_minus1 = 23;
  uint8_t dpb_output_delay_length_minus1 = 23;
  uint8_t time_offset_length = 24;
};

// E.1.1 vui_parameters()
struct Vui {
  uint8_t aspect_ratio_info_present_flag = 0;
  uint8_t aspect_ratio_idc = 0;
  uint16_t sar_width = 0;
  uint16_t sar_height = 0;
  uint8_t overscan_info_present_flag = 0;
  uint8_t overscan_appropriate_flag = 0;
  uint8_t video_signal_type_present_flag = 0;
  uint8_t video_format = 5;
  uint8_t video_full_range_flag = 0;
  uint8_t colour_description_present_flag = 0;
  uint8_t colour_primaries = 2;
  uint8_t transfer_characteristics = 2;
  uint8_t matrix_coefficients = 2;
  uint8_t chroma_loc_info_present_flag = 0;
  uint8_t chroma_sample_loc_type_top_field = 0;
  uint8_t chroma_sample_loc_type_bottom_field = 0;
  uint8_t timing_info_present_flag = 0;
  uint32_t num_units_in_tick = 0;
  uint32_t time_scale = 0;
  uint8_t fixed_frame_rate_flag = 0;
  uint8_t nal_hrd_parameters_present_flag = 0;
  uint8_t vcl_hrd_parameters_present_flag = 0;
  Hrd nal_hrd;
  Hrd vcl_hrd;
  uint8_t low_delay_hrd_flag = 0;
  uint8_t pic_struct_present_flag = 0;
  uint8_t bitstream_restriction_flag = 0;
  uint8_t motion_vectors_over_pic_boundaries_flag = 1;
  uint8_t max_bytes_per_pic_denom = 2;
  uint8_t max_bits_per_mb_denom = 1;
  uint8_t log2_max_mv_length_horizontal = 15;
  uint8_t log2_max_mv_length_vertical = 15;
  uint32_t max_num_reorder_frames = 16;
  uint32_t max_dec_frame_buffering = 16;
};

struct Sps {
  uint8_t profile_idc = 0;
  uint8_t constraint_set0_flag = 0, constraint_set1_flag = 0, constraint_set2_flag = 0;
  uint8_t constraint_set3_flag = 0, constraint_set4_flag = 0, constraint_set5_flag = 0;
  uint8_t reserved_zero_2bits = 0;
  uint8_t level_idc = 0;
  uint32_t seq_parameter_set_id = 0;
  uint32_t chroma_format_idc = 1;
  uint8_t separate_colour_plane_flag = 0;
  uint32_t bit_depth_luma_minus8 = 0;
  uint32_t bit_depth_chroma_minus8 = 0;
  uint8_t qpprime_y_zero_transform_bypass_flag = 0;
  uint8_t seq_scaling_matrix_present_flag = 0;
  uint8_t seq_scaling_list_present_flag[12] = {};
  uint8_t scaling_list_4x4[6][16] = {};
  uint8_t scaling_list_8x8[6][64] = {};
  uint32_t log2_max_frame_num_minus4 = 0;
  uint32_t pic_order_cnt_type = 0;
  uint32_t log2_max_pic_order_cnt_lsb_minus4 = 0;
  uint8_t delta_pic_order_always_zero_flag = 0;
  int32_t offset_for_non_ref_pic = 0;
  int32_t offset_for_top_to_bottom_field = 0;
  uint32_t num_ref_frames_in_pic_order_cnt_cycle = 0;
  int32_t offset_for_ref_frame[256] = {};
  uint32_t max_num_ref_frames = 0;
  uint8_t gaps_in_frame_num_value_allowed_flag = 0;
  uint32_t pic_width_in_mbs_minus1 = 0;
  uint32_t pic_height_in_map_units_minus1 = 0;
  uint8_t frame_mbs_only_flag = 1;
  uint8_t mb_adaptive_frame_field_flag = 0;
  uint8_t direct_8x8_inference_flag = 0;
  uint8_t frame_cropping_flag = 0;
  uint32_t frame_crop_left_offset = 0, frame_crop_right_offset = 0;
  uint32_t frame_crop_top_offset = 0, frame_crop_bottom_offset = 0;
  uint8_t vui_parameters_present_flag = 0;
  Vui vui;

  // Parse bookkeeping (not syntax).
  bool vui_complete = true;   ///< false when the VUI was cut short (its timing may be absent)
  bool subset = false;        ///< came from a subset_seq_parameter_set_rbsp (7.3.2.1.3)
  int64_t expected_delta_per_poc_cycle = 0;  ///< 8-6 ExpectedDeltaPerPicOrderCntCycle

  // Derived variables (7.4.2.1.1).
  uint32_t ChromaArrayType() const { return separate_colour_plane_flag ? 0 : chroma_format_idc; }
  uint32_t MaxFrameNum() const { return 1u << (log2_max_frame_num_minus4 + 4); }
  uint32_t MaxPicOrderCntLsb() const { return 1u << (log2_max_pic_order_cnt_lsb_minus4 + 4); }
  uint32_t PicWidthInMbs() const { return pic_width_in_mbs_minus1 + 1; }
  uint32_t PicHeightInMapUnits() const { return pic_height_in_map_units_minus1 + 1; }
  uint32_t FrameHeightInMbs() const { return (2 - frame_mbs_only_flag) * PicHeightInMapUnits(); }
  uint32_t PicSizeInMapUnits() const { return PicWidthInMbs() * PicHeightInMapUnits(); }
  uint32_t SubWidthC() const { return chroma_format_idc == 1 || chroma_format_idc == 2 ? 2 : 1; }   // Table 6-1
  uint32_t SubHeightC() const { return chroma_format_idc == 1 ? 2 : 1; }                          // Table 6-1
  uint32_t CropUnitX() const { return ChromaArrayType() == 0 ? 1 : SubWidthC(); }                  // 7-19, 7-21
  uint32_t CropUnitY() const {                                                                    // 7-20, 7-22
    return ChromaArrayType() == 0 ? 2 - frame_mbs_only_flag : SubHeightC() * (2 - frame_mbs_only_flag);
  }
  uint32_t QpBdOffsetY() const { return 6 * bit_depth_luma_minus8; }
  // Cropped output size; falls back to the coded size when the crop is invalid.
  uint32_t width() const;
  uint32_t height() const;
  bool crop_valid() const;
};

// 7.3.2.1.1 seq_parameter_set_data(); `r` is positioned after the NAL header byte.
// A VUI cut short or with bad values keeps the SPS usable (vui_complete = false)
// and reports the first violation in `err`.
bool seq_parameter_set_data(BitReader& r, ParseError& err, Sps& s);
// 7.3.2.1.1 + 7.3.2.11: the whole seq_parameter_set_rbsp().
bool seq_parameter_set_rbsp(BitReader& r, ParseError& err, Sps& s);

// Profile name as media tools print it (A.2), e.g. "Constrained Baseline", "High 4:2:2".
const char* profile_name(const Sps& s);

}  // namespace mi::h264
