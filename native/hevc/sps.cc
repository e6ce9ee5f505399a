#include "hevc/sps.h"
#include <algorithm>
#include "hevc/read.h"

namespace mi::hevc {

namespace {

// 7.3.2.2.2 sps_range_extension() — ITU-T H.265 (V8, 08/2021)
bool sps_range_extension(BitReader& r, ParseError& err, SpsRangeExtension& e) {
  HFLAG(e, transform_skip_rotation_enabled_flag);
  HFLAG(e, transform_skip_context_enabled_flag);
  HFLAG(e, implicit_rdpcm_enabled_flag);
  HFLAG(e, explicit_rdpcm_enabled_flag);
  HFLAG(e, extended_precision_processing_flag);
  HFLAG(e, intra_smoothing_disabled_flag);
  HFLAG(e, high_precision_offsets_enabled_flag);
  HFLAG(e, persistent_rice_adaptation_enabled_flag);
  HFLAG(e, cabac_bypass_alignment_enabled_flag);
  return true;
}

// I.7.3.2.2.5 sps_3d_extension() — ITU-T H.265 (V8, 08/2021)
bool sps_3d_extension(BitReader& r, ParseError& err, unsigned CtbLog2SizeY, Sps3dExtension& e) {
  for (unsigned d = 0; d <= 1; ++d) {
    HFLAG(e, iv_di_mc_enabled_flag[d]);
    HFLAG(e, iv_mv_scal_enabled_flag[d]);
    if (d == 0) {
      HUE(e, log2_ivmc_sub_pb_size_minus3, 0, CtbLog2SizeY - 3);
      HFLAG(e, iv_res_pred_enabled_flag);
      HFLAG(e, depth_ref_enabled_flag);
      HFLAG(e, vsp_mc_enabled_flag);
      HFLAG(e, dbbp_enabled_flag);
    } else {
      HFLAG(e, tex_mc_enabled_flag);
      HUE(e, log2_texmc_sub_pb_size_minus3, 0, CtbLog2SizeY - 3);
      HFLAG(e, intra_contour_enabled_flag);
      HFLAG(e, intra_dc_only_wedge_enabled_flag);
      HFLAG(e, cqt_cu_part_pred_enabled_flag);
      HFLAG(e, inter_dc_only_enabled_flag);
      HFLAG(e, skip_intra_enabled_flag);
    }
  }
  return true;
}

// 7.3.2.2.3 sps_scc_extension() — ITU-T H.265 (V8, 08/2021)
bool sps_scc_extension(BitReader& r, ParseError& err, const Sps& s, SpsSccExtension& e) {
  HFLAG(e, sps_curr_pic_ref_enabled_flag);
  HFLAG(e, palette_mode_enabled_flag);
  if (e.palette_mode_enabled_flag) {
    // 7.4.3.2.3: palette_max_size in [0, 64]; PaletteMaxPredictorSize = palette_max_size +
    // delta_palette_max_predictor_size in [0, 128].
    HUE(e, palette_max_size, 0, limits::kMaxPaletteSize);
    HUE(e, delta_palette_max_predictor_size, 0, limits::kMaxPalettePredictorSize - e.palette_max_size);
    HFLAG(e, sps_palette_predictor_initializers_present_flag);
    if (e.sps_palette_predictor_initializers_present_flag) {
      const unsigned PaletteMaxPredictorSize = e.palette_max_size + e.delta_palette_max_predictor_size;
      if (PaletteMaxPredictorSize == 0) {
        err.set(ParseStatus::kInvalid, "sps_palette_predictor_initializers_present_flag", 1, 0, 0);
        return false;
      }
      HUE(e, sps_num_palette_predictor_initializers_minus1, 0, PaletteMaxPredictorSize - 1);
      const unsigned numComps = s.chroma_format_idc == 0 ? 1 : 3;
      for (unsigned comp = 0; comp < numComps; ++comp)
        for (unsigned i = 0; i <= e.sps_num_palette_predictor_initializers_minus1; ++i) {
          uint32_t sps_palette_predictor_initializer;
          MI_U(sps_palette_predictor_initializer, comp == 0 ? s.BitDepthY : s.BitDepthC);
        }
    }
  }
  HUR(e, motion_vector_resolution_control_idc, 2, 0, 2);  // 7.4.3.2.3: 3 is reserved
  HFLAG(e, intra_boundary_filtering_disabled_flag);
  return true;
}

// 7.3.2.2.1 seq_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
bool sps_body(BitReader& r, ParseError& err, uint8_t nuh_layer_id, Sps& s, bool legacy_vui, ParseError& soft) {
  s = Sps();
  s.nuh_layer_id = nuh_layer_id;
  HU(s, sps_video_parameter_set_id, 4);
  // F.7.3.2.2.1: with nuh_layer_id > 0 this is sps_ext_or_max_sub_layers_minus1.
  HU(s, sps_max_sub_layers_minus1, 3);
  if (nuh_layer_id > 0 && s.sps_max_sub_layers_minus1 == 7) {  // MultiLayerExtSpsFlag (F-1)
    err.set(ParseStatus::kUnsupported, "sps_ext_or_max_sub_layers_minus1", 7, 0, 6);
    return false;
  }
  if (s.sps_max_sub_layers_minus1 > limits::kMaxSubLayersMinus1) {  // 7.4.3.2.1
    err.set(ParseStatus::kOutOfRange, "sps_max_sub_layers_minus1", s.sps_max_sub_layers_minus1, 0,
            limits::kMaxSubLayersMinus1);
    return false;
  }
  HFLAG(s, sps_temporal_id_nesting_flag);
  if (!profile_tier_level(r, err, true, s.sps_max_sub_layers_minus1, s.profile_tier_level)) return false;
  HUE(s, sps_seq_parameter_set_id, 0, limits::kMaxSpsId);
  HUE(s, chroma_format_idc, 0, limits::kMaxChromaFormatIdc);
  if (s.chroma_format_idc == 3) HFLAG(s, separate_colour_plane_flag);
  HUE(s, pic_width_in_luma_samples, 1, 0xFFFFFFFEll);
  HUE(s, pic_height_in_luma_samples, 1, 0xFFFFFFFEll);
  if (s.pic_width_in_luma_samples > limits::kMaxPicDimension ||
      s.pic_height_in_luma_samples > limits::kMaxPicDimension) {
    const bool w = s.pic_width_in_luma_samples > limits::kMaxPicDimension;
    err.set(ParseStatus::kUnsupported, w ? "pic_width_in_luma_samples" : "pic_height_in_luma_samples",
            w ? s.pic_width_in_luma_samples : s.pic_height_in_luma_samples, 1, limits::kMaxPicDimension);
    return false;
  }
  HFLAG(s, conformance_window_flag);
  if (s.conformance_window_flag) {
    HUE(s, conf_win_left_offset, 0, 0xFFFFFFFEll);
    HUE(s, conf_win_right_offset, 0, 0xFFFFFFFEll);
    HUE(s, conf_win_top_offset, 0, 0xFFFFFFFEll);
    HUE(s, conf_win_bottom_offset, 0, 0xFFFFFFFEll);
  }
  HUE(s, bit_depth_luma_minus8, 0, limits::kMaxBitDepthMinus8);
  HUE(s, bit_depth_chroma_minus8, 0, limits::kMaxBitDepthMinus8);
  HUE(s, log2_max_pic_order_cnt_lsb_minus4, 0, limits::kMaxLog2MaxPocLsbMinus4);

  // Derived: 7.4.3.2.1, Table 6-1.
  s.ChromaArrayType = s.separate_colour_plane_flag ? 0 : s.chroma_format_idc;
  s.SubWidthC = (s.chroma_format_idc == 1 || s.chroma_format_idc == 2) && !s.separate_colour_plane_flag ? 2 : 1;
  s.SubHeightC = s.chroma_format_idc == 1 && !s.separate_colour_plane_flag ? 2 : 1;
  s.BitDepthY = static_cast<uint8_t>(8 + s.bit_depth_luma_minus8);
  s.QpBdOffsetY = static_cast<uint8_t>(6 * s.bit_depth_luma_minus8);
  s.BitDepthC = static_cast<uint8_t>(8 + s.bit_depth_chroma_minus8);
  s.QpBdOffsetC = static_cast<uint8_t>(6 * s.bit_depth_chroma_minus8);
  s.MaxPicOrderCntLsb = 1u << (s.log2_max_pic_order_cnt_lsb_minus4 + 4);

  HFLAG(s, sps_sub_layer_ordering_info_present_flag);
  const unsigned first = s.sps_sub_layer_ordering_info_present_flag ? 0 : s.sps_max_sub_layers_minus1;
  for (unsigned i = first; i <= s.sps_max_sub_layers_minus1; ++i) {
    // 7.4.3.2.1: [0, MaxDpbSize - 1]; reorder in [0, sps_max_dec_pic_buffering_minus1[i]].
    HUE(s, sps_max_dec_pic_buffering_minus1[i], 0, limits::kMaxDecPicBufferingMinus1);
    HUE(s, sps_max_num_reorder_pics[i], 0, s.sps_max_dec_pic_buffering_minus1[i]);
    HUE(s, sps_max_latency_increase_plus1[i], 0, 0xFFFFFFFEll);
  }
  for (unsigned i = 0; i < first; ++i) {  // 7.4.3.2.1 inference
    s.sps_max_dec_pic_buffering_minus1[i] = s.sps_max_dec_pic_buffering_minus1[first];
    s.sps_max_num_reorder_pics[i] = s.sps_max_num_reorder_pics[first];
    s.sps_max_latency_increase_plus1[i] = s.sps_max_latency_increase_plus1[first];
  }
  // 7.4.3.2.1: MinCbLog2SizeY >= 3 and CtbLog2SizeY <= 6 (A.3 narrows CtbLog2SizeY to 4..6).
  HUE(s, log2_min_luma_coding_block_size_minus3, 0, limits::kMaxCtbLog2SizeY - 3);
  s.MinCbLog2SizeY = static_cast<uint8_t>(s.log2_min_luma_coding_block_size_minus3 + 3);  // (7-10)
  HUE(s, log2_diff_max_min_luma_coding_block_size, 0, limits::kMaxCtbLog2SizeY - s.MinCbLog2SizeY);
  s.CtbLog2SizeY = static_cast<uint8_t>(s.MinCbLog2SizeY + s.log2_diff_max_min_luma_coding_block_size);  // (7-11)
  s.MinCbSizeY = 1u << s.MinCbLog2SizeY;                                                                 // (7-12)
  s.CtbSizeY = 1u << s.CtbLog2SizeY;                                                                     // (7-13)
  s.PicWidthInMinCbsY = s.pic_width_in_luma_samples / s.MinCbSizeY;                                      // (7-14)
  s.PicWidthInCtbsY = (s.pic_width_in_luma_samples + s.CtbSizeY - 1) / s.CtbSizeY;                       // (7-15)
  s.PicHeightInMinCbsY = s.pic_height_in_luma_samples / s.MinCbSizeY;                                    // (7-16)
  s.PicHeightInCtbsY = (s.pic_height_in_luma_samples + s.CtbSizeY - 1) / s.CtbSizeY;                     // (7-17)
  s.PicSizeInMinCbsY = s.PicWidthInMinCbsY * s.PicHeightInMinCbsY;                                       // (7-18)
  s.PicSizeInCtbsY = s.PicWidthInCtbsY * s.PicHeightInCtbsY;                                             // (7-19)
  // 7.4.3.2.1: the picture dimensions are integer multiples of MinCbSizeY.
  if (s.pic_width_in_luma_samples % s.MinCbSizeY != 0)
    soft.set(ParseStatus::kInvalid, "pic_width_in_luma_samples", s.pic_width_in_luma_samples, 0, 0);
  if (s.pic_height_in_luma_samples % s.MinCbSizeY != 0)
    soft.set(ParseStatus::kInvalid, "pic_height_in_luma_samples", s.pic_height_in_luma_samples, 0, 0);

  // 7.4.3.2.1: MinTbLog2SizeY < MinCbLog2SizeY; MaxTbLog2SizeY <= Min(CtbLog2SizeY, 5).
  HUE(s, log2_min_luma_transform_block_size_minus2, 0, s.MinCbLog2SizeY - 3);
  s.MinTbLog2SizeY = static_cast<uint8_t>(s.log2_min_luma_transform_block_size_minus2 + 2);
  HUE(s, log2_diff_max_min_luma_transform_block_size, 0,
      std::min<unsigned>(s.CtbLog2SizeY, limits::kMaxTbLog2SizeY) - s.MinTbLog2SizeY);
  s.MaxTbLog2SizeY = static_cast<uint8_t>(s.MinTbLog2SizeY + s.log2_diff_max_min_luma_transform_block_size);
  // 7.4.3.2.1: in [0, CtbLog2SizeY - MinTbLog2SizeY].
  HUE(s, max_transform_hierarchy_depth_inter, 0, s.CtbLog2SizeY - s.MinTbLog2SizeY);
  HUE(s, max_transform_hierarchy_depth_intra, 0, s.CtbLog2SizeY - s.MinTbLog2SizeY);
  HFLAG(s, scaling_list_enabled_flag);
  if (s.scaling_list_enabled_flag) {
    HFLAG(s, sps_scaling_list_data_present_flag);
    if (s.sps_scaling_list_data_present_flag && !scaling_list_data(r, err, s.scaling_list_data)) return false;
  }
  HFLAG(s, amp_enabled_flag);
  HFLAG(s, sample_adaptive_offset_enabled_flag);
  HFLAG(s, pcm_enabled_flag);
  if (s.pcm_enabled_flag) {
    // 7.4.3.2.1: PcmBitDepthY <= BitDepthY, PcmBitDepthC <= BitDepthC;
    // Log2MinIpcmCbSizeY in [Min(MinCbLog2SizeY, 5), Min(CtbLog2SizeY, 5)];
    // Log2MaxIpcmCbSizeY <= Min(CtbLog2SizeY, 5).
    HUR(s, pcm_sample_bit_depth_luma_minus1, 4, 0, s.BitDepthY - 1);
    HUR(s, pcm_sample_bit_depth_chroma_minus1, 4, 0, s.BitDepthC - 1);
    const unsigned lo = std::min<unsigned>(s.MinCbLog2SizeY, 5), hi = std::min<unsigned>(s.CtbLog2SizeY, 5);
    HUE(s, log2_min_pcm_luma_coding_block_size_minus3, lo - 3, hi - 3);
    HUE(s, log2_diff_max_min_pcm_luma_coding_block_size, 0, hi - (s.log2_min_pcm_luma_coding_block_size_minus3 + 3));
    HFLAG(s, pcm_loop_filter_disabled_flag);
  }
  HUE(s, num_short_term_ref_pic_sets, 0, limits::kMaxNumShortTermRefPicSets);
  const unsigned dpb_max = s.sps_max_dec_pic_buffering_minus1[s.sps_max_sub_layers_minus1];
  for (unsigned i = 0; i < s.num_short_term_ref_pic_sets; ++i)
    if (!st_ref_pic_set(r, err, i, s.num_short_term_ref_pic_sets, s.st_ref_pic_set, dpb_max, s.st_ref_pic_set[i],
                        soft))
      return false;
  HFLAG(s, long_term_ref_pics_present_flag);
  if (s.long_term_ref_pics_present_flag) {
    HUE(s, num_long_term_ref_pics_sps, 0, limits::kMaxNumLongTermRefPicsSps);
    for (unsigned i = 0; i < s.num_long_term_ref_pics_sps; ++i) {
      HU(s, lt_ref_pic_poc_lsb_sps[i], s.log2_max_pic_order_cnt_lsb_minus4 + 4u);
      HFLAG(s, used_by_curr_pic_lt_sps_flag[i]);
    }
  }
  HFLAG(s, sps_temporal_mvp_enabled_flag);
  HFLAG(s, strong_intra_smoothing_enabled_flag);
  HFLAG(s, vui_parameters_present_flag);
  if (s.vui_parameters_present_flag &&
      !vui_parameters(r, err, s.sps_max_sub_layers_minus1, s.vui, legacy_vui))
    return false;
  HFLAG(s, sps_extension_present_flag);
  if (s.sps_extension_present_flag) {
    HFLAG(s, sps_range_extension_flag);
    HFLAG(s, sps_multilayer_extension_flag);
    HFLAG(s, sps_3d_extension_flag);
    HFLAG(s, sps_scc_extension_flag);
    HU(s, sps_extension_4bits, 4);
  }
  if (s.sps_range_extension_flag && !sps_range_extension(r, err, s.sps_range_extension)) return false;
  if (s.sps_multilayer_extension_flag) HFLAG(s, inter_view_mv_vert_constraint_flag);  // F.7.3.2.2.4
  if (s.sps_3d_extension_flag && !sps_3d_extension(r, err, s.CtbLog2SizeY, s.sps_3d_extension)) return false;
  if (s.sps_scc_extension_flag && !sps_scc_extension(r, err, s, s.sps_scc_extension)) return false;
  if (s.sps_extension_4bits) {
    // sps_extension_data_flag: everything up to rbsp_trailing_bits() is skipped (7.4.3.2.1).
    int64_t stop = r.stop_bit_position();
    if (stop > static_cast<int64_t>(r.bits_read())) r.skip(static_cast<uint64_t>(stop) - r.bits_read());
  }
  if (!r.at_rbsp_trailing_bits()) {
    err.set(r.more_rbsp_data() ? ParseStatus::kInvalid : ParseStatus::kTruncated, "rbsp_trailing_bits");
    return false;
  }

  // Conformance cropping window (7.4.3.2.1): SubWidthC * (left + right) < pic_width_in_luma_samples,
  // SubHeightC * (top + bottom) < pic_height_in_luma_samples.
  const uint64_t cw = uint64_t{s.SubWidthC} * (uint64_t{s.conf_win_left_offset} + s.conf_win_right_offset);
  const uint64_t ch = uint64_t{s.SubHeightC} * (uint64_t{s.conf_win_top_offset} + s.conf_win_bottom_offset);
  if (cw >= s.pic_width_in_luma_samples) soft.set(ParseStatus::kOutOfRange, "conf_win_right_offset", s.conf_win_right_offset, 0, 0);
  if (ch >= s.pic_height_in_luma_samples) soft.set(ParseStatus::kOutOfRange, "conf_win_bottom_offset", s.conf_win_bottom_offset, 0, 0);
  s.cropped_width = cw >= s.pic_width_in_luma_samples ? 0 : static_cast<uint32_t>(s.pic_width_in_luma_samples - cw);
  s.cropped_height = ch >= s.pic_height_in_luma_samples ? 0 : static_cast<uint32_t>(s.pic_height_in_luma_samples - ch);
  return true;
}

}  // namespace

bool seq_parameter_set_rbsp(const uint8_t* rbsp, size_t size, uint8_t nuh_layer_id, ParseError& err, Sps& s,
                            ParseError& soft_err) {
  BitReader r(rbsp, size);
  ParseError first, soft;
  if (sps_body(r, first, nuh_layer_id, s, false, soft)) {
    if (!soft.ok()) soft_err.set(soft.status, soft.element, soft.value, soft.min, soft.max);
    return true;
  }
  // Pre-standard VUI layout without default_display_window_flag: when the conforming layout
  // fails after a VUI with default_display_window_flag == 1, the SPS is read again without it.
  // Success is reported as a non-conforming SPS (soft_err) but the SPS is usable.
  if (first.status != ParseStatus::kUnsupported && s.vui_parameters_present_flag &&
      s.vui.default_display_window_flag) {
    BitReader r2(rbsp, size);
    ParseError second, soft2;
    if (sps_body(r2, second, nuh_layer_id, s, true, soft2)) {
      soft_err.set(ParseStatus::kInvalid, "default_display_window_flag", 1, 0, 1);
      return true;
    }
  }
  err.set(first.status, first.element, first.value, first.min, first.max);
  return false;
}

}  // namespace mi::hevc
