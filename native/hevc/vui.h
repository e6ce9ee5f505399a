// E.2.1 vui_parameters(), E.2.2 hrd_parameters(), E.2.3 sub_layer_hrd_parameters()
// — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"

namespace mi::hevc {

// E.2.3: the values of SchedSelIdx 0 are kept (the others are read and range-checked).
struct SubLayerHrdParameters {
  uint32_t bit_rate_value_minus1 = 0;
  uint32_t cpb_size_value_minus1 = 0;
  uint32_t cpb_size_du_value_minus1 = 0;
  uint32_t bit_rate_du_value_minus1 = 0;
  bool cbr_flag = false;
};

// E.2.2 hrd_parameters( commonInfPresentFlag, maxNumSubLayersMinus1 )
struct HrdParameters {
  bool nal_hrd_parameters_present_flag = false;
  bool vcl_hrd_parameters_present_flag = false;
  bool sub_pic_hrd_params_present_flag = false;
  uint8_t tick_divisor_minus2 = 0;
  uint8_t du_cpb_removal_delay_increment_length_minus1 = 0;
  bool sub_pic_cpb_params_in_pic_timing_sei_flag = false;
  uint8_t dpb_output_delay_du_length_minus1 = 0;
  uint8_t bit_rate_scale = 0;
  uint8_t cpb_size_scale = 0;
  uint8_t cpb_size_du_scale = 0;
  // E.3.2: inferred 23 when not present.
  uint8_t initial_cpb_removal_delay_length_minus1 = 23;
  uint8_t au_cpb_removal_delay_length_minus1 = 23;
  uint8_t dpb_output_delay_length_minus1 = 23;
  bool fixed_pic_rate_general_flag[limits::kMaxSubLayers] = {};
  bool fixed_pic_rate_within_cvs_flag[limits::kMaxSubLayers] = {};
  uint16_t elemental_duration_in_tc_minus1[limits::kMaxSubLayers] = {};
  bool low_delay_hrd_flag[limits::kMaxSubLayers] = {};
  uint8_t cpb_cnt_minus1[limits::kMaxSubLayers] = {};
  SubLayerHrdParameters nal_sub_layer[limits::kMaxSubLayers];  ///< SchedSelIdx 0
  SubLayerHrdParameters vcl_sub_layer[limits::kMaxSubLayers];
};

bool hrd_parameters(BitReader& r, ParseError& err, bool commonInfPresentFlag,
                    unsigned maxNumSubLayersMinus1, HrdParameters& h);

// E.2.1 vui_parameters()
struct VuiParameters {
  bool aspect_ratio_info_present_flag = false;
  uint8_t aspect_ratio_idc = 0;
  uint16_t sar_width = 0;
  uint16_t sar_height = 0;
  bool overscan_info_present_flag = false;
  bool overscan_appropriate_flag = false;
  bool video_signal_type_present_flag = false;
  uint8_t video_format = 5;  // E.3.1: inferred 5 (unspecified)
  bool video_full_range_flag = false;
  bool colour_description_present_flag = false;
  uint8_t colour_primaries = 2;  // E.3.1: inferred 2 (unspecified)
  uint8_t transfer_characteristics = 2;
  uint8_t matrix_coeffs = 2;
  bool chroma_loc_info_present_flag = false;
  uint8_t chroma_sample_loc_type_top_field = 0;
  uint8_t chroma_sample_loc_type_bottom_field = 0;
  bool neutral_chroma_indication_flag = false;
  bool field_seq_flag = false;
  bool frame_field_info_present_flag = false;
  bool default_display_window_flag = false;
  uint32_t def_disp_win_left_offset = 0;
  uint32_t def_disp_win_right_offset = 0;
  uint32_t def_disp_win_top_offset = 0;
  uint32_t def_disp_win_bottom_offset = 0;
  bool vui_timing_info_present_flag = false;
  uint32_t vui_num_units_in_tick = 0;
  uint32_t vui_time_scale = 0;
  bool vui_poc_proportional_to_timing_flag = false;
  uint32_t vui_num_ticks_poc_diff_one_minus1 = 0;
  bool vui_hrd_parameters_present_flag = false;
  HrdParameters hrd_parameters;
  bool bitstream_restriction_flag = false;
  bool tiles_fixed_structure_flag = false;
  bool motion_vectors_over_pic_boundaries_flag = true;  // E.3.1: inferred 1
  bool restricted_ref_pic_lists_flag = false;
  uint16_t min_spatial_segmentation_idc = 0;
  uint8_t max_bytes_per_pic_denom = 2;      // E.3.1: inferred 2
  uint8_t max_bits_per_min_cu_denom = 1;    // E.3.1: inferred 1
  uint8_t log2_max_mv_length_horizontal = 15;
  uint8_t log2_max_mv_length_vertical = 15;

  /// Set when the VUI only parsed with the pre-standard layout that lacks
  /// default_display_window_flag and its offsets (see vui_parameters()).
  bool legacy_without_default_display_window = false;
};

/// Reads vui_parameters(). With `legacy_without_default_display_window`, the
/// default_display_window_flag is not read (inferred 0): some encoders written before
/// the first edition was final emit that layout; the SPS reader retries with it when the
/// conforming layout does not parse (sps.cc).
bool vui_parameters(BitReader& r, ParseError& err, unsigned sps_max_sub_layers_minus1, VuiParameters& v,
                    bool legacy_without_default_display_window = false);

}  // namespace mi::hevc
