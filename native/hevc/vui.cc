#include "hevc/vui.h"
#include "hevc/read.h"

namespace mi::hevc {

namespace {

// E.2.3 sub_layer_hrd_parameters( subLayerId ) — ITU-T H.265 (V8, 08/2021)
bool sub_layer_hrd_parameters(BitReader& r, ParseError& err, unsigned CpbCnt, bool sub_pic_hrd_params_present_flag,
                              SubLayerHrdParameters& first) {
  for (unsigned i = 0; i <= CpbCnt; ++i) {
    SubLayerHrdParameters s;
    // E.3.3: bit_rate_value_minus1 / cpb_size_value_minus1 (and the du variants) in [0, 2^32 - 2].
    HUE(s, bit_rate_value_minus1, 0, 0xFFFFFFFEll);
    HUE(s, cpb_size_value_minus1, 0, 0xFFFFFFFEll);
    if (sub_pic_hrd_params_present_flag) {
      HUE(s, cpb_size_du_value_minus1, 0, 0xFFFFFFFEll);
      HUE(s, bit_rate_du_value_minus1, 0, 0xFFFFFFFEll);
    }
    HFLAG(s, cbr_flag);
    if (i == 0) first = s;
  }
  return true;
}

}  // namespace

// E.2.2 hrd_parameters() — ITU-T H.265 (V8, 08/2021)
bool hrd_parameters(BitReader& r, ParseError& err, bool commonInfPresentFlag, unsigned maxNumSubLayersMinus1,
                    HrdParameters& h) {
  if (commonInfPresentFlag) {
    HFLAG(h, nal_hrd_parameters_present_flag);
    HFLAG(h, vcl_hrd_parameters_present_flag);
    if (h.nal_hrd_parameters_present_flag || h.vcl_hrd_parameters_present_flag) {
      HFLAG(h, sub_pic_hrd_params_present_flag);
      if (h.sub_pic_hrd_params_present_flag) {
        HU(h, tick_divisor_minus2, 8);
        HU(h, du_cpb_removal_delay_increment_length_minus1, 5);
        HFLAG(h, sub_pic_cpb_params_in_pic_timing_sei_flag);
        HU(h, dpb_output_delay_du_length_minus1, 5);
      }
      HU(h, bit_rate_scale, 4);
      HU(h, cpb_size_scale, 4);
      if (h.sub_pic_hrd_params_present_flag) HU(h, cpb_size_du_scale, 4);
      HU(h, initial_cpb_removal_delay_length_minus1, 5);
      HU(h, au_cpb_removal_delay_length_minus1, 5);
      HU(h, dpb_output_delay_length_minus1, 5);
    }
  }
  for (unsigned i = 0; i <= maxNumSubLayersMinus1; ++i) {
    HFLAG(h, fixed_pic_rate_general_flag[i]);
    // E.3.2: fixed_pic_rate_within_cvs_flag is inferred 1 when fixed_pic_rate_general_flag is 1.
    h.fixed_pic_rate_within_cvs_flag[i] = true;
    if (!h.fixed_pic_rate_general_flag[i]) HFLAG(h, fixed_pic_rate_within_cvs_flag[i]);
    h.low_delay_hrd_flag[i] = false;
    if (h.fixed_pic_rate_within_cvs_flag[i])
      HUE(h, elemental_duration_in_tc_minus1[i], 0, limits::kMaxElementalDurationInTcMinus1);
    else
      HFLAG(h, low_delay_hrd_flag[i]);
    h.cpb_cnt_minus1[i] = 0;  // E.3.2: inferred 0 when not present
    if (!h.low_delay_hrd_flag[i]) HUE(h, cpb_cnt_minus1[i], 0, limits::kMaxCpbCntMinus1);
    if (h.nal_hrd_parameters_present_flag &&
        !sub_layer_hrd_parameters(r, err, h.cpb_cnt_minus1[i], h.sub_pic_hrd_params_present_flag, h.nal_sub_layer[i]))
      return false;
    if (h.vcl_hrd_parameters_present_flag &&
        !sub_layer_hrd_parameters(r, err, h.cpb_cnt_minus1[i], h.sub_pic_hrd_params_present_flag, h.vcl_sub_layer[i]))
      return false;
  }
  return true;
}

// E.2.1 vui_parameters() — ITU-T H.265 (V8, 08/2021)
bool vui_parameters(BitReader& r, ParseError& err, unsigned sps_max_sub_layers_minus1, VuiParameters& v,
                    bool legacy_without_default_display_window) {
  v = VuiParameters();
  v.legacy_without_default_display_window = legacy_without_default_display_window;
  HFLAG(v, aspect_ratio_info_present_flag);
  if (v.aspect_ratio_info_present_flag) {
    HU(v, aspect_ratio_idc, 8);  // E.3.1: 17..254 reserved, 255 EXTENDED_SAR (kept for checks)
    if (v.aspect_ratio_idc == 255) {
      HU(v, sar_width, 16);
      HU(v, sar_height, 16);
    }
  }
  HFLAG(v, overscan_info_present_flag);
  if (v.overscan_info_present_flag) HFLAG(v, overscan_appropriate_flag);
  HFLAG(v, video_signal_type_present_flag);
  if (v.video_signal_type_present_flag) {
    HU(v, video_format, 3);
    HFLAG(v, video_full_range_flag);
    HFLAG(v, colour_description_present_flag);
    if (v.colour_description_present_flag) {
      HU(v, colour_primaries, 8);
      HU(v, transfer_characteristics, 8);
      HU(v, matrix_coeffs, 8);
    }
  }
  HFLAG(v, chroma_loc_info_present_flag);
  if (v.chroma_loc_info_present_flag) {
    HUE(v, chroma_sample_loc_type_top_field, 0, limits::kMaxChromaSampleLocType);
    HUE(v, chroma_sample_loc_type_bottom_field, 0, limits::kMaxChromaSampleLocType);
  }
  HFLAG(v, neutral_chroma_indication_flag);
  HFLAG(v, field_seq_flag);
  HFLAG(v, frame_field_info_present_flag);
  if (!legacy_without_default_display_window) HFLAG(v, default_display_window_flag);
  if (v.default_display_window_flag) {
    // E.3.1: the window must fit the picture; checked against the SPS by the caller.
    HUE(v, def_disp_win_left_offset, 0, 0xFFFFFFFEll);
    HUE(v, def_disp_win_right_offset, 0, 0xFFFFFFFEll);
    HUE(v, def_disp_win_top_offset, 0, 0xFFFFFFFEll);
    HUE(v, def_disp_win_bottom_offset, 0, 0xFFFFFFFEll);
  }
  HFLAG(v, vui_timing_info_present_flag);
  if (v.vui_timing_info_present_flag) {
    HU(v, vui_num_units_in_tick, 32);  // E.3.1: shall be > 0 (checked by validation)
    HU(v, vui_time_scale, 32);
    HFLAG(v, vui_poc_proportional_to_timing_flag);
    if (v.vui_poc_proportional_to_timing_flag) HUE(v, vui_num_ticks_poc_diff_one_minus1, 0, 0xFFFFFFFEll);
    HFLAG(v, vui_hrd_parameters_present_flag);
    if (v.vui_hrd_parameters_present_flag &&
        !hrd_parameters(r, err, true, sps_max_sub_layers_minus1, v.hrd_parameters))
      return false;
  }
  HFLAG(v, bitstream_restriction_flag);
  if (v.bitstream_restriction_flag) {
    HFLAG(v, tiles_fixed_structure_flag);
    HFLAG(v, motion_vectors_over_pic_boundaries_flag);
    HFLAG(v, restricted_ref_pic_lists_flag);
    HUE(v, min_spatial_segmentation_idc, 0, limits::kMaxMinSpatialSegmentationIdc);
    HUE(v, max_bytes_per_pic_denom, 0, limits::kMaxBytesBitsDenom);
    HUE(v, max_bits_per_min_cu_denom, 0, limits::kMaxBytesBitsDenom);
    HUE(v, log2_max_mv_length_horizontal, 0, limits::kMaxLog2MaxMvLength);
    HUE(v, log2_max_mv_length_vertical, 0, limits::kMaxLog2MaxMvLength);
  }
  return true;
}

}  // namespace mi::hevc
