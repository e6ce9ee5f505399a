// 7.3.2.3 pic_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"
#include "hevc/scaling_list_data.h"

namespace mi::hevc {

struct Sps;

/// Tile columns/rows kept per PPS. The syntax allows up to PicWidthInCtbsY / PicHeightInCtbsY;
/// the levels of Table A.8 allow at most 20 columns and 22 rows. A PPS with more than this
/// many is reported kUnsupported.
constexpr unsigned kMaxTileColumns = 256;
constexpr unsigned kMaxTileRows = 256;

// 7.3.2.3.2 pps_range_extension()
struct PpsRangeExtension {
  uint8_t log2_max_transform_skip_block_size_minus2 = 0;
  bool cross_component_prediction_enabled_flag = false;
  bool chroma_qp_offset_list_enabled_flag = false;
  uint8_t diff_cu_chroma_qp_offset_depth = 0;
  uint8_t chroma_qp_offset_list_len_minus1 = 0;
  int8_t cb_qp_offset_list[limits::kMaxChromaQpOffsetListLenMinus1 + 1] = {};
  int8_t cr_qp_offset_list[limits::kMaxChromaQpOffsetListLenMinus1 + 1] = {};
  uint8_t log2_sao_offset_scale_luma = 0;
  uint8_t log2_sao_offset_scale_chroma = 0;
};

// 7.3.2.3.3 pps_scc_extension() (palette predictor initialisers read, not stored)
struct PpsSccExtension {
  bool pps_curr_pic_ref_enabled_flag = false;
  bool residual_adaptive_colour_transform_enabled_flag = false;
  bool pps_slice_act_qp_offsets_present_flag = false;
  int8_t pps_act_y_qp_offset_plus5 = 0;
  int8_t pps_act_cb_qp_offset_plus5 = 0;
  int8_t pps_act_cr_qp_offset_plus3 = 0;
  bool pps_palette_predictor_initializers_present_flag = false;
  uint8_t pps_num_palette_predictor_initializers = 0;
  bool monochrome_palette_flag = false;
  uint8_t luma_bit_depth_entry_minus8 = 0;
  uint8_t chroma_bit_depth_entry_minus8 = 0;
};

// F.7.3.2.3.4 pps_multilayer_extension(): only the leading flags are kept.
struct PpsMultilayerExtension {
  bool poc_reset_info_present_flag = false;
  bool pps_infer_scaling_list_flag = false;
  uint8_t pps_scaling_list_ref_layer_id = 0;
  uint8_t num_ref_loc_offsets = 0;
  bool colour_mapping_enabled_flag = false;
};

struct Pps {
  uint8_t nuh_layer_id = 0;
  uint8_t pps_pic_parameter_set_id = 0;
  uint8_t pps_seq_parameter_set_id = 0;
  bool dependent_slice_segments_enabled_flag = false;
  bool output_flag_present_flag = false;
  uint8_t num_extra_slice_header_bits = 0;
  bool sign_data_hiding_enabled_flag = false;
  bool cabac_init_present_flag = false;
  uint8_t num_ref_idx_l0_default_active_minus1 = 0;
  uint8_t num_ref_idx_l1_default_active_minus1 = 0;
  int8_t init_qp_minus26 = 0;
  bool constrained_intra_pred_flag = false;
  bool transform_skip_enabled_flag = false;
  bool cu_qp_delta_enabled_flag = false;
  uint8_t diff_cu_qp_delta_depth = 0;
  int8_t pps_cb_qp_offset = 0;
  int8_t pps_cr_qp_offset = 0;
  bool pps_slice_chroma_qp_offsets_present_flag = false;
  bool weighted_pred_flag = false;
  bool weighted_bipred_flag = false;
  bool transquant_bypass_enabled_flag = false;
  bool tiles_enabled_flag = false;
  bool entropy_coding_sync_enabled_flag = false;
  uint16_t num_tile_columns_minus1 = 0;
  uint16_t num_tile_rows_minus1 = 0;
  bool uniform_spacing_flag = true;  // 7.4.3.3.1: inferred 1
  uint16_t column_width_minus1[kMaxTileColumns] = {};
  uint16_t row_height_minus1[kMaxTileRows] = {};
  bool loop_filter_across_tiles_enabled_flag = true;  // 7.4.3.3.1: inferred 1
  bool pps_loop_filter_across_slices_enabled_flag = false;
  bool deblocking_filter_control_present_flag = false;
  bool deblocking_filter_override_enabled_flag = false;
  bool pps_deblocking_filter_disabled_flag = false;
  int8_t pps_beta_offset_div2 = 0;
  int8_t pps_tc_offset_div2 = 0;
  bool pps_scaling_list_data_present_flag = false;
  ScalingListData scaling_list_data;
  bool lists_modification_present_flag = false;
  uint8_t log2_parallel_merge_level_minus2 = 0;
  bool slice_segment_header_extension_present_flag = false;
  bool pps_extension_present_flag = false;
  bool pps_range_extension_flag = false;
  bool pps_multilayer_extension_flag = false;
  bool pps_3d_extension_flag = false;
  bool pps_scc_extension_flag = false;
  uint8_t pps_extension_4bits = 0;
  PpsRangeExtension pps_range_extension;
  PpsMultilayerExtension pps_multilayer_extension;
  PpsSccExtension pps_scc_extension;
  /// The multilayer / 3D extension content after the parsed part was skipped (colour_mapping_table(),
  /// pps_3d_extension()): the trailing bits were not checked.
  bool extension_skipped = false;

  // Derived against the SPS by pps_bind_sps() (6.5.1).
  uint16_t colWidth[kMaxTileColumns] = {};   ///< (6-3)
  uint16_t rowHeight[kMaxTileRows] = {};     ///< (6-4)
};

/// Reads pic_parameter_set_rbsp(). The syntax does not depend on the SPS; the ranges that do
/// are checked by pps_bind_sps(). Returns false with kUnsupported when a multilayer
/// colour_mapping_table() or a 3D extension is followed by an SCC extension (it would have
/// to be parsed to reach it), or when there are more tiles than kMaxTileColumns/Rows.
/// `soft_err` receives non-fatal findings (tiles_enabled_flag with a single tile).
bool pic_parameter_set_rbsp(BitReader& r, ParseError& err, uint8_t nuh_layer_id, Pps& p, ParseError& soft_err);

/// 7.4.3.3 semantics that need the SPS (init_qp_minus26, diff_cu_qp_delta_depth, tiles in the
/// picture, log2_parallel_merge_level_minus2, range/SCC extension bounds) and the tile
/// column widths / row heights (6.5.1). Returns false with the first violated element.
bool pps_bind_sps(Pps& p, const Sps& s, ParseError& err);

}  // namespace mi::hevc
