// 7.3.2.2 seq_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"
#include "hevc/profile_tier_level.h"
#include "hevc/scaling_list_data.h"
#include "hevc/st_ref_pic_set.h"
#include "hevc/vui.h"

namespace mi::hevc {

// 7.3.2.2.2 sps_range_extension()
struct SpsRangeExtension {
  bool transform_skip_rotation_enabled_flag = false;
  bool transform_skip_context_enabled_flag = false;
  bool implicit_rdpcm_enabled_flag = false;
  bool explicit_rdpcm_enabled_flag = false;
  bool extended_precision_processing_flag = false;
  bool intra_smoothing_disabled_flag = false;
  bool high_precision_offsets_enabled_flag = false;
  bool persistent_rice_adaptation_enabled_flag = false;
  bool cabac_bypass_alignment_enabled_flag = false;
};

// I.7.3.2.2.5 sps_3d_extension()
struct Sps3dExtension {
  bool iv_di_mc_enabled_flag[2] = {};
  bool iv_mv_scal_enabled_flag[2] = {};
  uint8_t log2_ivmc_sub_pb_size_minus3 = 0;
  bool iv_res_pred_enabled_flag = false;
  bool depth_ref_enabled_flag = false;
  bool vsp_mc_enabled_flag = false;
  bool dbbp_enabled_flag = false;
  bool tex_mc_enabled_flag = false;
  uint8_t log2_texmc_sub_pb_size_minus3 = 0;
  bool intra_contour_enabled_flag = false;
  bool intra_dc_only_wedge_enabled_flag = false;
  bool cqt_cu_part_pred_enabled_flag = false;
  bool inter_dc_only_enabled_flag = false;
  bool skip_intra_enabled_flag = false;
};

// 7.3.2.2.3 sps_scc_extension() (palette predictor initialisers read, not stored)
struct SpsSccExtension {
  bool sps_curr_pic_ref_enabled_flag = false;
  bool palette_mode_enabled_flag = false;
  uint8_t palette_max_size = 0;
  uint8_t delta_palette_max_predictor_size = 0;
  bool sps_palette_predictor_initializers_present_flag = false;
  uint8_t sps_num_palette_predictor_initializers_minus1 = 0;
  uint8_t motion_vector_resolution_control_idc = 0;
  bool intra_boundary_filtering_disabled_flag = false;
};

struct Sps {
  uint8_t nuh_layer_id = 0;  ///< of the NAL unit that carried the SPS
  uint8_t sps_video_parameter_set_id = 0;
  uint8_t sps_max_sub_layers_minus1 = 0;  ///< sps_ext_or_max_sub_layers_minus1 when nuh_layer_id > 0
  bool sps_temporal_id_nesting_flag = false;
  ProfileTierLevel profile_tier_level;
  uint8_t sps_seq_parameter_set_id = 0;
  uint8_t chroma_format_idc = 0;
  bool separate_colour_plane_flag = false;
  uint32_t pic_width_in_luma_samples = 0;
  uint32_t pic_height_in_luma_samples = 0;
  bool conformance_window_flag = false;
  uint32_t conf_win_left_offset = 0;
  uint32_t conf_win_right_offset = 0;
  uint32_t conf_win_top_offset = 0;
  uint32_t conf_win_bottom_offset = 0;
  uint8_t bit_depth_luma_minus8 = 0;
  uint8_t bit_depth_chroma_minus8 = 0;
  uint8_t log2_max_pic_order_cnt_lsb_minus4 = 0;
  bool sps_sub_layer_ordering_info_present_flag = false;
  // Filled for every i in 0..sps_max_sub_layers_minus1 (7.4.3.2.1 inference).
  uint8_t sps_max_dec_pic_buffering_minus1[limits::kMaxSubLayers] = {};
  uint8_t sps_max_num_reorder_pics[limits::kMaxSubLayers] = {};
  uint32_t sps_max_latency_increase_plus1[limits::kMaxSubLayers] = {};
  uint8_t log2_min_luma_coding_block_size_minus3 = 0;
  uint8_t log2_diff_max_min_luma_coding_block_size = 0;
  uint8_t log2_min_luma_transform_block_size_minus2 = 0;
  uint8_t log2_diff_max_min_luma_transform_block_size = 0;
  uint8_t max_transform_hierarchy_depth_inter = 0;
  uint8_t max_transform_hierarchy_depth_intra = 0;
  bool scaling_list_enabled_flag = false;
  bool sps_scaling_list_data_present_flag = false;
  ScalingListData scaling_list_data;
  bool amp_enabled_flag = false;
  bool sample_adaptive_offset_enabled_flag = false;
  bool pcm_enabled_flag = false;
  uint8_t pcm_sample_bit_depth_luma_minus1 = 0;
  uint8_t pcm_sample_bit_depth_chroma_minus1 = 0;
  uint8_t log2_min_pcm_luma_coding_block_size_minus3 = 0;
  uint8_t log2_diff_max_min_pcm_luma_coding_block_size = 0;
  bool pcm_loop_filter_disabled_flag = false;
  uint8_t num_short_term_ref_pic_sets = 0;
  StRefPicSet st_ref_pic_set[limits::kMaxNumShortTermRefPicSets];
  bool long_term_ref_pics_present_flag = false;
  uint8_t num_long_term_ref_pics_sps = 0;
  uint16_t lt_ref_pic_poc_lsb_sps[limits::kMaxNumLongTermRefPicsSps] = {};
  bool used_by_curr_pic_lt_sps_flag[limits::kMaxNumLongTermRefPicsSps] = {};
  bool sps_temporal_mvp_enabled_flag = false;
  bool strong_intra_smoothing_enabled_flag = false;
  bool vui_parameters_present_flag = false;
  VuiParameters vui;
  bool sps_extension_present_flag = false;
  bool sps_range_extension_flag = false;
  bool sps_multilayer_extension_flag = false;
  bool sps_3d_extension_flag = false;
  bool sps_scc_extension_flag = false;
  uint8_t sps_extension_4bits = 0;
  SpsRangeExtension sps_range_extension;
  bool inter_view_mv_vert_constraint_flag = false;  ///< F.7.3.2.2.4 sps_multilayer_extension()
  Sps3dExtension sps_3d_extension;
  SpsSccExtension sps_scc_extension;

  // Derived variables.
  uint8_t ChromaArrayType = 0;      ///< 7.4.3.2.1: 0 when separate_colour_plane_flag, else chroma_format_idc
  uint8_t SubWidthC = 1;            ///< Table 6-1
  uint8_t SubHeightC = 1;           ///< Table 6-1
  uint8_t BitDepthY = 8;            ///< (7-4)
  uint8_t BitDepthC = 8;            ///< (7-6)
  uint8_t QpBdOffsetY = 0;          ///< (7-5)
  uint8_t QpBdOffsetC = 0;          ///< (7-7)
  uint32_t MaxPicOrderCntLsb = 16;  ///< (7-8)
  uint8_t MinCbLog2SizeY = 3;       ///< (7-10)
  uint8_t CtbLog2SizeY = 4;         ///< (7-11)
  uint32_t MinCbSizeY = 8;          ///< (7-12)
  uint32_t CtbSizeY = 16;           ///< (7-13)
  uint32_t PicWidthInMinCbsY = 0;   ///< (7-14)
  uint32_t PicWidthInCtbsY = 0;     ///< (7-15)
  uint32_t PicHeightInMinCbsY = 0;  ///< (7-16)
  uint32_t PicHeightInCtbsY = 0;    ///< (7-17)
  uint32_t PicSizeInMinCbsY = 0;    ///< (7-18)
  uint32_t PicSizeInCtbsY = 0;      ///< (7-19)
  uint8_t MinTbLog2SizeY = 2;       ///< 7.4.3.2.1
  uint8_t MaxTbLog2SizeY = 5;
  /// Conformance cropping window applied (7.4.3.2.1): the output picture size.
  uint32_t cropped_width = 0;
  uint32_t cropped_height = 0;
};

/// Reads seq_parameter_set_rbsp() of a NAL unit with the given nuh_layer_id.
/// Returns false with kUnsupported for a multi-layer extension SPS (F.7.3.2.2.1:
/// nuh_layer_id > 0 and sps_ext_or_max_sub_layers_minus1 == 7, whose picture format comes
/// from the VPS extension, which is not parsed). `soft_err` receives a non-fatal finding:
/// the SPS only parsed with the pre-standard VUI layout (VuiParameters::legacy_...).
bool seq_parameter_set_rbsp(const uint8_t* rbsp, size_t size, uint8_t nuh_layer_id, ParseError& err, Sps& s,
                            ParseError& soft_err);

}  // namespace mi::hevc
