#include "hevc/pps.h"
#include <algorithm>
#include "hevc/read.h"
#include "hevc/sps.h"

namespace mi::hevc {

namespace {

// Syntax-only bounds for ranges that the SPS narrows (checked again by pps_bind_sps()).
constexpr int kMaxQpBdOffsetY = 6 * limits::kMaxBitDepthMinus8;               // 48
constexpr unsigned kMaxLog2DiffMaxMinCb = limits::kMaxCtbLog2SizeY - 3;       // 3
constexpr unsigned kMaxCtbsPerLine = limits::kMaxPicDimension / 8 + 1;        // with CtbLog2SizeY == 3

// 7.3.2.3.2 pps_range_extension() — ITU-T H.265 (V8, 08/2021)
bool pps_range_extension(BitReader& r, ParseError& err, bool transform_skip_enabled_flag, PpsRangeExtension& e) {
  // 7.4.3.3.2: log2_max_transform_skip_block_size_minus2 <= MaxTbLog2SizeY - 2 (<= 3).
  if (transform_skip_enabled_flag) HUE(e, log2_max_transform_skip_block_size_minus2, 0, limits::kMaxTbLog2SizeY - 2);
  HFLAG(e, cross_component_prediction_enabled_flag);
  HFLAG(e, chroma_qp_offset_list_enabled_flag);
  if (e.chroma_qp_offset_list_enabled_flag) {
    HUE(e, diff_cu_chroma_qp_offset_depth, 0, kMaxLog2DiffMaxMinCb);
    HUE(e, chroma_qp_offset_list_len_minus1, 0, limits::kMaxChromaQpOffsetListLenMinus1);
    for (unsigned i = 0; i <= e.chroma_qp_offset_list_len_minus1; ++i) {
      HSE(e, cb_qp_offset_list[i], limits::kMinChromaQpOffset, limits::kMaxChromaQpOffset);
      HSE(e, cr_qp_offset_list[i], limits::kMinChromaQpOffset, limits::kMaxChromaQpOffset);
    }
  }
  // 7.4.3.3.2: in [0, Max(0, BitDepth - 10)] (<= 6).
  HUE(e, log2_sao_offset_scale_luma, 0, limits::kMaxBitDepthMinus8 - 2);
  HUE(e, log2_sao_offset_scale_chroma, 0, limits::kMaxBitDepthMinus8 - 2);
  return true;
}

// F.7.3.2.3.4 pps_multilayer_extension() up to colour_mapping_enabled_flag — ITU-T H.265 (V8, 08/2021)
bool pps_multilayer_extension(BitReader& r, ParseError& err, PpsMultilayerExtension& e) {
  HFLAG(e, poc_reset_info_present_flag);
  HFLAG(e, pps_infer_scaling_list_flag);
  if (e.pps_infer_scaling_list_flag) HUR(e, pps_scaling_list_ref_layer_id, 6, 0, limits::kMaxVpsLayerId);
  HUE(e, num_ref_loc_offsets, 0, limits::kMaxLayersMinus1);
  for (unsigned i = 0; i < e.num_ref_loc_offsets; ++i) {
    uint32_t ref_loc_offset_layer_id;
    bool scaled_ref_layer_offset_present_flag, ref_region_offset_present_flag, resample_phase_set_present_flag;
    MI_U(ref_loc_offset_layer_id, 6);
    MI_FLAG(scaled_ref_layer_offset_present_flag);
    if (scaled_ref_layer_offset_present_flag) {
      int32_t scaled_ref_layer_left_offset, scaled_ref_layer_top_offset, scaled_ref_layer_right_offset,
          scaled_ref_layer_bottom_offset;  // F.7.4.3.3.4: in [-2^14, 2^14 - 1]
      MI_SE(scaled_ref_layer_left_offset, -16384, 16383);
      MI_SE(scaled_ref_layer_top_offset, -16384, 16383);
      MI_SE(scaled_ref_layer_right_offset, -16384, 16383);
      MI_SE(scaled_ref_layer_bottom_offset, -16384, 16383);
    }
    MI_FLAG(ref_region_offset_present_flag);
    if (ref_region_offset_present_flag) {
      int32_t ref_region_left_offset, ref_region_top_offset, ref_region_right_offset, ref_region_bottom_offset;
      MI_SE(ref_region_left_offset, -16384, 16383);
      MI_SE(ref_region_top_offset, -16384, 16383);
      MI_SE(ref_region_right_offset, -16384, 16383);
      MI_SE(ref_region_bottom_offset, -16384, 16383);
    }
    MI_FLAG(resample_phase_set_present_flag);
    if (resample_phase_set_present_flag) {
      uint32_t phase_hor_luma, phase_ver_luma, phase_hor_chroma_plus8, phase_ver_chroma_plus8;
      MI_UE(phase_hor_luma, 0, 31);
      MI_UE(phase_ver_luma, 0, 31);
      MI_UE(phase_hor_chroma_plus8, 0, 63);
      MI_UE(phase_ver_chroma_plus8, 0, 63);
    }
  }
  HFLAG(e, colour_mapping_enabled_flag);
  return true;
}

// 7.3.2.3.3 pps_scc_extension() — ITU-T H.265 (V8, 08/2021)
bool pps_scc_extension(BitReader& r, ParseError& err, PpsSccExtension& e) {
  HFLAG(e, pps_curr_pic_ref_enabled_flag);
  HFLAG(e, residual_adaptive_colour_transform_enabled_flag);
  if (e.residual_adaptive_colour_transform_enabled_flag) {
    HFLAG(e, pps_slice_act_qp_offsets_present_flag);
    // 7.4.3.3.3: PpsActQpOffsetY/Cb in [-12, 12] (plus5: [-7, 17]), Cr plus3: [-9, 15].
    HSE(e, pps_act_y_qp_offset_plus5, -7, 17);
    HSE(e, pps_act_cb_qp_offset_plus5, -7, 17);
    HSE(e, pps_act_cr_qp_offset_plus3, -9, 15);
  }
  HFLAG(e, pps_palette_predictor_initializers_present_flag);
  if (e.pps_palette_predictor_initializers_present_flag) {
    // 7.4.3.3.3: in [0, PaletteMaxPredictorSize] (<= 128; narrowed by pps_bind_sps()).
    HUE(e, pps_num_palette_predictor_initializers, 0, limits::kMaxPalettePredictorSize);
    if (e.pps_num_palette_predictor_initializers > 0) {
      HFLAG(e, monochrome_palette_flag);
      HUE(e, luma_bit_depth_entry_minus8, 0, limits::kMaxBitDepthMinus8);
      if (!e.monochrome_palette_flag) HUE(e, chroma_bit_depth_entry_minus8, 0, limits::kMaxBitDepthMinus8);
      const unsigned numComps = e.monochrome_palette_flag ? 1 : 3;
      for (unsigned comp = 0; comp < numComps; ++comp)
        for (unsigned i = 0; i < e.pps_num_palette_predictor_initializers; ++i) {
          uint32_t pps_palette_predictor_initializer;
          MI_U(pps_palette_predictor_initializer,
               comp == 0 ? e.luma_bit_depth_entry_minus8 + 8u : e.chroma_bit_depth_entry_minus8 + 8u);
        }
    }
  }
  return true;
}

}  // namespace

// 7.3.2.3.1 pic_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
bool pic_parameter_set_rbsp(BitReader& r, ParseError& err, uint8_t nuh_layer_id, Pps& p, ParseError& soft_err) {
  p = Pps();
  p.nuh_layer_id = nuh_layer_id;
  HUE(p, pps_pic_parameter_set_id, 0, limits::kMaxPpsId);
  HUE(p, pps_seq_parameter_set_id, 0, limits::kMaxSpsId);
  HFLAG(p, dependent_slice_segments_enabled_flag);
  HFLAG(p, output_flag_present_flag);
  HU(p, num_extra_slice_header_bits, 3);
  HFLAG(p, sign_data_hiding_enabled_flag);
  HFLAG(p, cabac_init_present_flag);
  HUE(p, num_ref_idx_l0_default_active_minus1, 0, limits::kMaxNumRefIdxActiveMinus1);
  HUE(p, num_ref_idx_l1_default_active_minus1, 0, limits::kMaxNumRefIdxActiveMinus1);
  HSE(p, init_qp_minus26, -(26 + kMaxQpBdOffsetY), 25);  // 7.4.3.3.1: [-(26 + QpBdOffsetY), 25]
  HFLAG(p, constrained_intra_pred_flag);
  HFLAG(p, transform_skip_enabled_flag);
  HFLAG(p, cu_qp_delta_enabled_flag);
  if (p.cu_qp_delta_enabled_flag) HUE(p, diff_cu_qp_delta_depth, 0, kMaxLog2DiffMaxMinCb);
  HSE(p, pps_cb_qp_offset, limits::kMinChromaQpOffset, limits::kMaxChromaQpOffset);
  HSE(p, pps_cr_qp_offset, limits::kMinChromaQpOffset, limits::kMaxChromaQpOffset);
  HFLAG(p, pps_slice_chroma_qp_offsets_present_flag);
  HFLAG(p, weighted_pred_flag);
  HFLAG(p, weighted_bipred_flag);
  HFLAG(p, transquant_bypass_enabled_flag);
  HFLAG(p, tiles_enabled_flag);
  HFLAG(p, entropy_coding_sync_enabled_flag);
  if (p.tiles_enabled_flag) {
    // 7.4.3.3.1: in [0, PicWidthInCtbsY - 1] / [0, PicHeightInCtbsY - 1] (checked by pps_bind_sps()).
    HUE(p, num_tile_columns_minus1, 0, kMaxCtbsPerLine - 1);
    HUE(p, num_tile_rows_minus1, 0, kMaxCtbsPerLine - 1);
    if (p.num_tile_columns_minus1 >= kMaxTileColumns || p.num_tile_rows_minus1 >= kMaxTileRows) {
      const bool c = p.num_tile_columns_minus1 >= kMaxTileColumns;
      err.set(ParseStatus::kUnsupported, c ? "num_tile_columns_minus1" : "num_tile_rows_minus1",
              c ? p.num_tile_columns_minus1 : p.num_tile_rows_minus1, 0, (c ? kMaxTileColumns : kMaxTileRows) - 1);
      return false;
    }
    // 7.4.3.3.1: tiles_enabled_flag == 1 means more than one tile in each picture.
    if (p.num_tile_columns_minus1 == 0 && p.num_tile_rows_minus1 == 0)
      soft_err.set(ParseStatus::kInvalid, "num_tile_rows_minus1", 0, 0, 0);
    HFLAG(p, uniform_spacing_flag);
    if (!p.uniform_spacing_flag) {
      for (unsigned i = 0; i < p.num_tile_columns_minus1; ++i) HUE(p, column_width_minus1[i], 0, kMaxCtbsPerLine - 1);
      for (unsigned i = 0; i < p.num_tile_rows_minus1; ++i) HUE(p, row_height_minus1[i], 0, kMaxCtbsPerLine - 1);
    }
    HFLAG(p, loop_filter_across_tiles_enabled_flag);
  }
  HFLAG(p, pps_loop_filter_across_slices_enabled_flag);
  HFLAG(p, deblocking_filter_control_present_flag);
  if (p.deblocking_filter_control_present_flag) {
    HFLAG(p, deblocking_filter_override_enabled_flag);
    HFLAG(p, pps_deblocking_filter_disabled_flag);
    if (!p.pps_deblocking_filter_disabled_flag) {
      HSE(p, pps_beta_offset_div2, limits::kMinDeblockOffsetDiv2, limits::kMaxDeblockOffsetDiv2);
      HSE(p, pps_tc_offset_div2, limits::kMinDeblockOffsetDiv2, limits::kMaxDeblockOffsetDiv2);
    }
  }
  HFLAG(p, pps_scaling_list_data_present_flag);
  if (p.pps_scaling_list_data_present_flag && !scaling_list_data(r, err, p.scaling_list_data)) return false;
  HFLAG(p, lists_modification_present_flag);
  HUE(p, log2_parallel_merge_level_minus2, 0, limits::kMaxCtbLog2SizeY - 2);  // [0, CtbLog2SizeY - 2]
  HFLAG(p, slice_segment_header_extension_present_flag);
  HFLAG(p, pps_extension_present_flag);
  if (p.pps_extension_present_flag) {
    HFLAG(p, pps_range_extension_flag);
    HFLAG(p, pps_multilayer_extension_flag);
    HFLAG(p, pps_3d_extension_flag);
    HFLAG(p, pps_scc_extension_flag);
    HU(p, pps_extension_4bits, 4);
  }
  if (p.pps_range_extension_flag &&
      !pps_range_extension(r, err, p.transform_skip_enabled_flag, p.pps_range_extension))
    return false;
  if (p.pps_multilayer_extension_flag) {
    if (!pps_multilayer_extension(r, err, p.pps_multilayer_extension)) return false;
    if (p.pps_multilayer_extension.colour_mapping_enabled_flag) {
      // colour_mapping_table() (F.7.3.2.3.5) is not parsed: what follows it can only be skipped.
      if (p.pps_scc_extension_flag || p.pps_3d_extension_flag) {
        err.set(ParseStatus::kUnsupported, "colour_mapping_enabled_flag", 1, 0, 0);
        return false;
      }
      p.extension_skipped = true;
      return true;
    }
  }
  if (p.pps_3d_extension_flag) {
    // pps_3d_extension() (I.7.3.2.3.7) is not parsed: only an SCC extension after it would matter.
    if (p.pps_scc_extension_flag) {
      err.set(ParseStatus::kUnsupported, "pps_3d_extension_flag", 1, 0, 0);
      return false;
    }
    p.extension_skipped = true;
    return true;
  }
  if (p.pps_scc_extension_flag && !pps_scc_extension(r, err, p.pps_scc_extension)) return false;
  if (p.pps_extension_4bits) {
    // pps_extension_data_flag: skipped up to rbsp_trailing_bits() (7.4.3.3.1).
    int64_t stop = r.stop_bit_position();
    if (stop > static_cast<int64_t>(r.bits_read())) r.skip(static_cast<uint64_t>(stop) - r.bits_read());
  }
  if (!r.at_rbsp_trailing_bits()) {
    err.set(r.more_rbsp_data() ? ParseStatus::kInvalid : ParseStatus::kTruncated, "rbsp_trailing_bits");
    return false;
  }
  return true;
}

bool pps_bind_sps(Pps& p, const Sps& s, ParseError& err) {
  // 7.4.3.3.1
  if (p.init_qp_minus26 < -(26 + s.QpBdOffsetY)) {
    err.set(ParseStatus::kOutOfRange, "init_qp_minus26", p.init_qp_minus26, -(26 + s.QpBdOffsetY), 25);
    return false;
  }
  if (p.diff_cu_qp_delta_depth > s.log2_diff_max_min_luma_coding_block_size) {
    err.set(ParseStatus::kOutOfRange, "diff_cu_qp_delta_depth", p.diff_cu_qp_delta_depth, 0,
            s.log2_diff_max_min_luma_coding_block_size);
    return false;
  }
  if (p.log2_parallel_merge_level_minus2 > s.CtbLog2SizeY - 2) {
    err.set(ParseStatus::kOutOfRange, "log2_parallel_merge_level_minus2", p.log2_parallel_merge_level_minus2, 0,
            s.CtbLog2SizeY - 2);
    return false;
  }
  if (p.tiles_enabled_flag) {
    if (p.num_tile_columns_minus1 > s.PicWidthInCtbsY - 1) {
      err.set(ParseStatus::kOutOfRange, "num_tile_columns_minus1", p.num_tile_columns_minus1, 0, s.PicWidthInCtbsY - 1);
      return false;
    }
    if (p.num_tile_rows_minus1 > s.PicHeightInCtbsY - 1) {
      err.set(ParseStatus::kOutOfRange, "num_tile_rows_minus1", p.num_tile_rows_minus1, 0, s.PicHeightInCtbsY - 1);
      return false;
    }
  }
  // 6.5.1 (6-3), (6-4)
  const unsigned cols = p.num_tile_columns_minus1 + 1u, rows = p.num_tile_rows_minus1 + 1u;
  if (p.uniform_spacing_flag) {
    for (unsigned i = 0; i < cols; ++i)
      p.colWidth[i] = static_cast<uint16_t>(((i + 1) * s.PicWidthInCtbsY) / cols - (i * s.PicWidthInCtbsY) / cols);
    for (unsigned j = 0; j < rows; ++j)
      p.rowHeight[j] = static_cast<uint16_t>(((j + 1) * s.PicHeightInCtbsY) / rows - (j * s.PicHeightInCtbsY) / rows);
  } else {
    uint32_t left = s.PicWidthInCtbsY;
    for (unsigned i = 0; i < cols - 1; ++i) {
      // 7.4.3.3.1: the explicit widths leave at least one CTB for the last column.
      if (p.column_width_minus1[i] + 1u >= left) {
        err.set(ParseStatus::kOutOfRange, "column_width_minus1", p.column_width_minus1[i], 0, left >= 2 ? left - 2 : 0);
        return false;
      }
      p.colWidth[i] = static_cast<uint16_t>(p.column_width_minus1[i] + 1);
      left -= p.colWidth[i];
    }
    p.colWidth[cols - 1] = static_cast<uint16_t>(left);
    left = s.PicHeightInCtbsY;
    for (unsigned j = 0; j < rows - 1; ++j) {
      if (p.row_height_minus1[j] + 1u >= left) {
        err.set(ParseStatus::kOutOfRange, "row_height_minus1", p.row_height_minus1[j], 0, left >= 2 ? left - 2 : 0);
        return false;
      }
      p.rowHeight[j] = static_cast<uint16_t>(p.row_height_minus1[j] + 1);
      left -= p.rowHeight[j];
    }
    p.rowHeight[rows - 1] = static_cast<uint16_t>(left);
  }
  if (p.pps_range_extension_flag) {
    const PpsRangeExtension& e = p.pps_range_extension;
    if (e.log2_max_transform_skip_block_size_minus2 > s.MaxTbLog2SizeY - 2) {
      err.set(ParseStatus::kOutOfRange, "log2_max_transform_skip_block_size_minus2",
              e.log2_max_transform_skip_block_size_minus2, 0, s.MaxTbLog2SizeY - 2);
      return false;
    }
    if (e.diff_cu_chroma_qp_offset_depth > s.log2_diff_max_min_luma_coding_block_size) {
      err.set(ParseStatus::kOutOfRange, "diff_cu_chroma_qp_offset_depth", e.diff_cu_chroma_qp_offset_depth, 0,
              s.log2_diff_max_min_luma_coding_block_size);
      return false;
    }
    const int maxY = std::max(0, s.BitDepthY - 10), maxC = std::max(0, s.BitDepthC - 10);
    if (e.log2_sao_offset_scale_luma > maxY) {
      err.set(ParseStatus::kOutOfRange, "log2_sao_offset_scale_luma", e.log2_sao_offset_scale_luma, 0, maxY);
      return false;
    }
    if (e.log2_sao_offset_scale_chroma > maxC) {
      err.set(ParseStatus::kOutOfRange, "log2_sao_offset_scale_chroma", e.log2_sao_offset_scale_chroma, 0, maxC);
      return false;
    }
  }
  if (p.pps_scc_extension_flag && p.pps_scc_extension.pps_palette_predictor_initializers_present_flag) {
    const unsigned PaletteMaxPredictorSize =
        s.sps_scc_extension.palette_max_size + s.sps_scc_extension.delta_palette_max_predictor_size;
    if (p.pps_scc_extension.pps_num_palette_predictor_initializers > PaletteMaxPredictorSize) {
      err.set(ParseStatus::kOutOfRange, "pps_num_palette_predictor_initializers",
              p.pps_scc_extension.pps_num_palette_predictor_initializers, 0, PaletteMaxPredictorSize);
      return false;
    }
  }
  return true;
}

}  // namespace mi::hevc
