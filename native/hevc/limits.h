// Value ranges of HEVC syntax elements — ITU-T H.265 (V8, 08/2021), 7.4.3.x, 7.4.7.x, A.4.
// Values whose bound depends on other elements are checked where they are read.
#pragma once
#include <cstdint>

namespace mi::hevc::limits {

// 7.4.3.1: vps_video_parameter_set_id is u(4), so 0..15.
constexpr uint32_t kMaxVpsId = 15;
// 7.4.3.2.1: sps_seq_parameter_set_id is in [0, 15].
constexpr uint32_t kMaxSpsId = 15;
// 7.4.3.3.1: pps_pic_parameter_set_id is in [0, 63].
constexpr uint32_t kMaxPpsId = 63;
constexpr uint32_t kNumVps = kMaxVpsId + 1;
constexpr uint32_t kNumSps = kMaxSpsId + 1;
constexpr uint32_t kNumPps = kMaxPpsId + 1;

// 7.4.3.1 / 7.4.3.2.1: vps_max_sub_layers_minus1 and sps_max_sub_layers_minus1 are in [0, 6].
constexpr uint32_t kMaxSubLayersMinus1 = 6;
constexpr uint32_t kMaxSubLayers = 7;
// 7.4.3.1: vps_max_layer_id is in [0, 62]; vps_num_layer_sets_minus1 is in [0, 1023].
constexpr uint32_t kMaxVpsLayerId = 62;
constexpr uint32_t kMaxVpsNumLayerSetsMinus1 = 1023;
// 7.4.3.1: vps_max_layers_minus1 is u(6); 63 is reserved in layer ids.
constexpr uint32_t kMaxLayersMinus1 = 62;

// A.4.2: MaxDpbSize is at most 16 (maxDpbPicBuf = 6, up to 4 * maxDpbPicBuf capped at 16),
// so sps_max_dec_pic_buffering_minus1 (7.4.3.2.1) is in [0, MaxDpbSize - 1] <= 15.
constexpr uint32_t kMaxDpbSize = 16;
constexpr uint32_t kMaxDecPicBufferingMinus1 = kMaxDpbSize - 1;

// 7.4.3.2.1: chroma_format_idc is in [0, 3]; bit_depth_luma/chroma_minus8 in [0, 8];
// log2_max_pic_order_cnt_lsb_minus4 in [0, 12].
constexpr uint32_t kMaxChromaFormatIdc = 3;
constexpr uint32_t kMaxBitDepthMinus8 = 8;
constexpr uint32_t kMaxLog2MaxPocLsbMinus4 = 12;
// 7.4.3.2.1: num_short_term_ref_pic_sets is in [0, 64].
constexpr uint32_t kMaxNumShortTermRefPicSets = 64;
// 7.4.3.2.1: num_long_term_ref_pics_sps is in [0, 32].
constexpr uint32_t kMaxNumLongTermRefPicsSps = 32;
// 7.4.8: delta_poc_s0_minus1 / delta_poc_s1_minus1 / abs_delta_rps_minus1 are in [0, 2^15 - 1].
constexpr uint32_t kMaxDeltaPocMinus1 = 32767;
// 7.4.3.2.1: CtbLog2SizeY is in [4, 6] in profiles of this edition (A.3); the syntax allows
// MinCbLog2SizeY >= 3 and CtbLog2SizeY <= 6 (log2_min_luma_coding_block_size_minus3 <= 3).
constexpr uint32_t kMinCtbLog2SizeY = 4;
constexpr uint32_t kMaxCtbLog2SizeY = 6;
// 7.4.3.2.1: MaxTbLog2SizeY <= Min(CtbLog2SizeY, 5).
constexpr uint32_t kMaxTbLog2SizeY = 5;
// 7.4.3.2.1: pic_width/height_in_luma_samples are non-zero; 16888 is the largest level-6.2
// dimension (A.4.1: Sqrt(MaxLumaPs * 8)); the syntax bound used here is 2^16 (no level beyond).
constexpr uint32_t kMaxPicDimension = 65535;

// 7.4.3.3.1: num_ref_idx_l0/l1_default_active_minus1 in [0, 14]; 7.4.7.1 same for the slice.
constexpr uint32_t kMaxNumRefIdxActiveMinus1 = 14;
// 7.4.3.3.1: pps_cb_qp_offset / pps_cr_qp_offset in [-12, 12].
constexpr int32_t kMinChromaQpOffset = -12;
constexpr int32_t kMaxChromaQpOffset = 12;
// 7.4.3.3.1: pps_beta_offset_div2 / pps_tc_offset_div2 in [-6, 6].
constexpr int32_t kMinDeblockOffsetDiv2 = -6;
constexpr int32_t kMaxDeblockOffsetDiv2 = 6;
// 7.4.3.3.2: chroma_qp_offset_list_len_minus1 in [0, 5].
constexpr uint32_t kMaxChromaQpOffsetListLenMinus1 = 5;

// 7.4.7.1: five_minus_max_num_merge_cand in [0, 4]; offset_len_minus1 in [0, 31];
// slice_segment_header_extension_length in [0, 256].
constexpr uint32_t kMaxFiveMinusMaxNumMergeCand = 4;
constexpr uint32_t kMaxOffsetLenMinus1 = 31;
constexpr uint32_t kMaxSliceSegmentHeaderExtensionLength = 256;
// 7.4.7.3: luma_log2_weight_denom in [0, 7].
constexpr uint32_t kMaxLog2WeightDenom = 7;

// 7.4.3.2.3 / 7.4.3.3.3 (SCC): palette_max_size in [0, 64]; PaletteMaxPredictorSize <= 128.
constexpr uint32_t kMaxPaletteSize = 64;
constexpr uint32_t kMaxPalettePredictorSize = 128;

// E.3.2: cpb_cnt_minus1 in [0, 31]; elemental_duration_in_tc_minus1 in [0, 2047].
constexpr uint32_t kMaxCpbCntMinus1 = 31;
constexpr uint32_t kMaxElementalDurationInTcMinus1 = 2047;
// E.3.1: chroma_sample_loc_type_top/bottom_field in [0, 5]; min_spatial_segmentation_idc in
// [0, 4095]; max_bytes_per_pic_denom / max_bits_per_min_cu_denom in [0, 16];
// log2_max_mv_length_horizontal / vertical in [0, 15].
constexpr uint32_t kMaxChromaSampleLocType = 5;
constexpr uint32_t kMaxMinSpatialSegmentationIdc = 4095;
constexpr uint32_t kMaxBytesBitsDenom = 16;
constexpr uint32_t kMaxLog2MaxMvLength = 15;

// 7.4.5 (scaling_list_data): scaling_list_dc_coef_minus8 in [-7, 247];
// scaling_list_delta_coef in [-128, 127].
constexpr int32_t kMinScalingListDcCoefMinus8 = -7;
constexpr int32_t kMaxScalingListDcCoefMinus8 = 247;

}  // namespace mi::hevc::limits
