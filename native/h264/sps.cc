#include "h264/sps.h"
#include "bitstream/syntax.h"
#include "h264/limits.h"
#include "h264/scaling_list.h"

namespace mi::h264 {
namespace {

// E.1.2 hrd_parameters()
bool hrd_parameters(BitReader& r, ParseError& err, Hrd& h) {
  MI_UE(h.cpb_cnt_minus1, 0, kMaxCpbCntMinus1);
  MI_U(h.bit_rate_scale, 4);
  MI_U(h.cpb_size_scale, 4);
  for (uint32_t i = 0; i <= h.cpb_cnt_minus1; ++i) {
    MI_UE(h.bit_rate_value_minus1[i], 0, 0xFFFFFFFEll);
    MI_UE(h.cpb_size_value_minus1[i], 0, 0xFFFFFFFEll);
    MI_FLAG(h.cbr_flag[i]);
  }
  MI_U(h.initial_cpb_removal_delay_length_minus1, 5);
  MI_U(h.cpb_removal_delay_length_minus1, 5);
  MI_U(h.dpb_output_delay_length_minus1, 5);
  MI_U(h.time_offset_length, 5);
  return true;
}

// E.1.1 vui_parameters()
bool vui_parameters(BitReader& r, ParseError& err, Vui& v) {
  MI_FLAG(v.aspect_ratio_info_present_flag);
  if (v.aspect_ratio_info_present_flag) {
    MI_U(v.aspect_ratio_idc, 8);
    if (v.aspect_ratio_idc == 255) {  // Extended_SAR, Table E-1
      MI_U(v.sar_width, 16);
      MI_U(v.sar_height, 16);
    }
  }
  MI_FLAG(v.overscan_info_present_flag);
  if (v.overscan_info_present_flag) MI_FLAG(v.overscan_appropriate_flag);
  MI_FLAG(v.video_signal_type_present_flag);
  if (v.video_signal_type_present_flag) {
    MI_U(v.video_format, 3);
    MI_FLAG(v.video_full_range_flag);
    MI_FLAG(v.colour_description_present_flag);
    if (v.colour_description_present_flag) {
      MI_U(v.colour_primaries, 8);
      MI_U(v.transfer_characteristics, 8);
      MI_U(v.matrix_coefficients, 8);
    }
  }
  MI_FLAG(v.chroma_loc_info_present_flag);
  if (v.chroma_loc_info_present_flag) {
    MI_UE(v.chroma_sample_loc_type_top_field, 0, 5);     // E.2.1
    MI_UE(v.chroma_sample_loc_type_bottom_field, 0, 5);
  }
  MI_FLAG(v.timing_info_present_flag);
  if (v.timing_info_present_flag) {
    MI_U(v.num_units_in_tick, 32);
    MI_U(v.time_scale, 32);
    MI_FLAG(v.fixed_frame_rate_flag);
  }
  MI_FLAG(v.nal_hrd_parameters_present_flag);
  if (v.nal_hrd_parameters_present_flag && !hrd_parameters(r, err, v.nal_hrd)) return false;
  MI_FLAG(v.vcl_hrd_parameters_present_flag);
  if (v.vcl_hrd_parameters_present_flag && !hrd_parameters(r, err, v.vcl_hrd)) return false;
  if (v.nal_hrd_parameters_present_flag || v.vcl_hrd_parameters_present_flag) MI_FLAG(v.low_delay_hrd_flag);
  MI_FLAG(v.pic_struct_present_flag);
  MI_FLAG(v.bitstream_restriction_flag);
  if (v.bitstream_restriction_flag) {
    MI_FLAG(v.motion_vectors_over_pic_boundaries_flag);
    MI_UE(v.max_bytes_per_pic_denom, 0, 16);         // E.2.1
    MI_UE(v.max_bits_per_mb_denom, 0, 16);
    MI_UE(v.log2_max_mv_length_horizontal, 0, 16);
    MI_UE(v.log2_max_mv_length_vertical, 0, 16);
    MI_UE(v.max_num_reorder_frames, 0, kMaxDpbFrames);
    MI_UE(v.max_dec_frame_buffering, 0, kMaxDpbFrames);
  }
  return true;
}

bool has_chroma_info(uint8_t profile_idc) {
  switch (profile_idc) {  // 7.3.2.1.1: profiles carrying chroma_format_idc and bit depths
    case 100: case 110: case 122: case 244: case 44: case 83: case 86:
    case 118: case 128: case 138: case 139: case 134: case 135:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool seq_parameter_set_data(BitReader& r, ParseError& err, Sps& s) {
  MI_U(s.profile_idc, 8);
  MI_FLAG(s.constraint_set0_flag);
  MI_FLAG(s.constraint_set1_flag);
  MI_FLAG(s.constraint_set2_flag);
  MI_FLAG(s.constraint_set3_flag);
  MI_FLAG(s.constraint_set4_flag);
  MI_FLAG(s.constraint_set5_flag);
  MI_U(s.reserved_zero_2bits, 2);
  MI_U(s.level_idc, 8);
  MI_UE(s.seq_parameter_set_id, 0, kMaxSpsId);
  if (has_chroma_info(s.profile_idc)) {
    MI_UE(s.chroma_format_idc, 0, 3);
    if (s.chroma_format_idc == 3) MI_FLAG(s.separate_colour_plane_flag);
    MI_UE(s.bit_depth_luma_minus8, 0, kMaxBitDepthMinus8);
    MI_UE(s.bit_depth_chroma_minus8, 0, kMaxBitDepthMinus8);
    MI_FLAG(s.qpprime_y_zero_transform_bypass_flag);
    MI_FLAG(s.seq_scaling_matrix_present_flag);
    if (s.seq_scaling_matrix_present_flag) {
      unsigned n = s.chroma_format_idc != 3 ? 8 : 12;
      for (unsigned i = 0; i < n; ++i) {
        MI_FLAG(s.seq_scaling_list_present_flag[i]);
        if (!s.seq_scaling_list_present_flag[i]) continue;
        bool use_default = false;
        bool ok = i < 6 ? scaling_list(r, err, s.scaling_list_4x4[i], 16, use_default)
                        : scaling_list(r, err, s.scaling_list_8x8[i - 6], 64, use_default);
        if (!ok) return false;
      }
    }
  }
  MI_UE(s.log2_max_frame_num_minus4, 0, kMaxLog2FrameNumMinus4);
  MI_UE(s.pic_order_cnt_type, 0, 2);
  if (s.pic_order_cnt_type == 0) {
    MI_UE(s.log2_max_pic_order_cnt_lsb_minus4, 0, kMaxLog2PocLsbMinus4);
  } else if (s.pic_order_cnt_type == 1) {
    MI_FLAG(s.delta_pic_order_always_zero_flag);
    MI_SE(s.offset_for_non_ref_pic, -2147483647ll, 2147483647ll);
    MI_SE(s.offset_for_top_to_bottom_field, -2147483647ll, 2147483647ll);
    MI_UE(s.num_ref_frames_in_pic_order_cnt_cycle, 0, kMaxRefFramesInPocCycle);
    s.expected_delta_per_poc_cycle = 0;
    for (uint32_t i = 0; i < s.num_ref_frames_in_pic_order_cnt_cycle; ++i) {
      MI_SE(s.offset_for_ref_frame[i], -2147483647ll, 2147483647ll);
      s.expected_delta_per_poc_cycle += s.offset_for_ref_frame[i];
    }
  }
  // A.3.1 h): max_num_ref_frames <= MaxDpbFrames (<= 16 at every level); kept soft
  // so the rest of the SPS can be read and reported.
  MI_UE_SOFT(s.max_num_ref_frames, 0, kMaxDpbFrames);
  MI_FLAG(s.gaps_in_frame_num_value_allowed_flag);
  MI_UE(s.pic_width_in_mbs_minus1, 0, kMaxPicDimInMbs - 1);
  MI_UE(s.pic_height_in_map_units_minus1, 0, kMaxPicDimInMbs - 1);
  MI_FLAG(s.frame_mbs_only_flag);
  if (!s.frame_mbs_only_flag) MI_FLAG(s.mb_adaptive_frame_field_flag);
  MI_FLAG(s.direct_8x8_inference_flag);
  MI_FLAG(s.frame_cropping_flag);
  if (s.frame_cropping_flag) {
    MI_UE(s.frame_crop_left_offset, 0, 8 * kMaxPicDimInMbs);
    MI_UE(s.frame_crop_right_offset, 0, 8 * kMaxPicDimInMbs);
    MI_UE(s.frame_crop_top_offset, 0, 8 * kMaxPicDimInMbs);
    MI_UE(s.frame_crop_bottom_offset, 0, 8 * kMaxPicDimInMbs);
  }
  MI_FLAG(s.vui_parameters_present_flag);
  if (s.vui_parameters_present_flag) {
    // A VUI that fails keeps the SPS usable: decoders ignore VUI (Annex E is informative
    // for decoding); the failure is reported through `err`.
    ParseError vui_err;
    if (!vui_parameters(r, vui_err, s.vui)) {
      s.vui_complete = false;
      err.set(vui_err.status, vui_err.element, vui_err.value, vui_err.min, vui_err.max);
    }
  }
  return true;
}

bool seq_parameter_set_rbsp(BitReader& r, ParseError& err, Sps& s) {
  if (!seq_parameter_set_data(r, err, s)) return false;
  if (s.vui_complete && !r.at_rbsp_trailing_bits() && err.ok()) {
    // 7.3.2.11: rbsp_stop_one_bit must follow the last syntax element.
    err.set(ParseStatus::kInvalid, "rbsp_trailing_bits", static_cast<int64_t>(r.bits_read()),
            r.stop_bit_position(), r.stop_bit_position());
  }
  return true;
}

bool Sps::crop_valid() const {
  // 7.4.2.1.1: CropUnitX * (left + right) < PicWidthInSamplesL, and likewise vertically.
  uint64_t w = 16ull * PicWidthInMbs(), h = 16ull * FrameHeightInMbs();
  uint64_t cx = static_cast<uint64_t>(CropUnitX()) * (frame_crop_left_offset + frame_crop_right_offset);
  uint64_t cy = static_cast<uint64_t>(CropUnitY()) * (frame_crop_top_offset + frame_crop_bottom_offset);
  return cx < w && cy < h;
}

uint32_t Sps::width() const {
  uint32_t w = 16 * PicWidthInMbs();
  if (!frame_cropping_flag || !crop_valid()) return w;
  return w - CropUnitX() * (frame_crop_left_offset + frame_crop_right_offset);
}

uint32_t Sps::height() const {
  uint32_t h = 16 * FrameHeightInMbs();
  if (!frame_cropping_flag || !crop_valid()) return h;
  return h - CropUnitY() * (frame_crop_top_offset + frame_crop_bottom_offset);
}

const char* profile_name(const Sps& s) {
  switch (s.profile_idc) {  // A.2, and the constraint flags that name sub-profiles
    case 66: return s.constraint_set1_flag ? "Constrained Baseline" : "Baseline";
    case 77: return "Main";
    case 88: return "Extended";
    case 100: return "High";
    case 110: return s.constraint_set3_flag ? "High 10 Intra" : "High 10";
    case 122: return s.constraint_set3_flag ? "High 4:2:2 Intra" : "High 4:2:2";
    case 244: return s.constraint_set3_flag ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
    case 44: return "CAVLC 4:4:4 Intra";
    case 83: return "Scalable Baseline";
    case 86: return "Scalable High";
    case 118: return "Multiview High";
    case 128: return "Stereo High";
    case 134: return "MFC High";
    case 135: return "MFC Depth High";
    case 138: return "Multiview Depth High";
    case 139: return "Enhanced Multiview Depth High";
    default: return "unknown";
  }
}

}  // namespace mi::h264
