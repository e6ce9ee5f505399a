#include "hevc/slice_segment_header.h"
#include <algorithm>
#include "hevc/nal.h"
#include "hevc/read.h"

namespace mi::hevc {

namespace {

// 7.3.6.2 ref_pic_lists_modification() — ITU-T H.265 (V8, 08/2021)
bool ref_pic_lists_modification(BitReader& r, ParseError& err, SliceSegmentHeader& h) {
  const unsigned bits = ceil_log2(h.NumPicTotalCurr);
  const int64_t max = h.NumPicTotalCurr - 1;  // 7.4.7.2: list_entry_lX in [0, NumPicTotalCurr - 1]
  HFLAG(h, ref_pic_list_modification_flag_l0);
  if (h.ref_pic_list_modification_flag_l0)
    for (unsigned i = 0; i <= h.num_ref_idx_l0_active_minus1; ++i) HUR(h, list_entry_l0[i], bits, 0, max);
  if (h.slice_type == kSliceB) {
    HFLAG(h, ref_pic_list_modification_flag_l1);
    if (h.ref_pic_list_modification_flag_l1)
      for (unsigned i = 0; i <= h.num_ref_idx_l1_active_minus1; ++i) HUR(h, list_entry_l1[i], bits, 0, max);
  }
  return true;
}

// Whether RefPicListX[i] is the current picture (8.3.4 with pps_curr_pic_ref_enabled_flag):
// RefPicListTempX repeats the NumPicTotalCurr-entry pattern whose last entry is the current
// picture; RefPicList0's last entry is replaced by it when the list is not modified and the
// temporary list is longer than the active list. pred_weight_table() reads no weights for it.
bool ref_is_current_picture(const SliceSegmentHeader& h, const Pps& pps, unsigned list, unsigned i) {
  if (!pps.pps_scc_extension.pps_curr_pic_ref_enabled_flag || h.NumPicTotalCurr == 0) return false;
  const unsigned active = (list == 0 ? h.num_ref_idx_l0_active_minus1 : h.num_ref_idx_l1_active_minus1) + 1u;
  const bool modified = list == 0 ? h.ref_pic_list_modification_flag_l0 : h.ref_pic_list_modification_flag_l1;
  const unsigned NumRpsCurrTempList = std::max<unsigned>(active, h.NumPicTotalCurr);  // (8-8), (8-10)
  if (list == 0 && !modified && NumRpsCurrTempList > active && i == active - 1) return true;
  const unsigned idx = modified ? (list == 0 ? h.list_entry_l0[i] : h.list_entry_l1[i]) : i;
  return idx % h.NumPicTotalCurr == h.NumPicTotalCurr - 1u;
}

// 7.3.6.3 pred_weight_table() — ITU-T H.265 (V8, 08/2021)
bool pred_weight_table(BitReader& r, ParseError& err, const Sps& sps, const Pps& pps, SliceSegmentHeader& h) {
  h.pred_weight_table_present = true;
  HUE(h, luma_log2_weight_denom, 0, limits::kMaxLog2WeightDenom);
  if (sps.ChromaArrayType != 0)  // 7.4.7.3: ChromaLog2WeightDenom in [0, 7]
    HSE(h, delta_chroma_log2_weight_denom, -static_cast<int>(h.luma_log2_weight_denom),
        limits::kMaxLog2WeightDenom - h.luma_log2_weight_denom);
  // (7-56), (7-57): WpOffsetHalfRangeY / C.
  const bool hp = sps.sps_range_extension.high_precision_offsets_enabled_flag;
  const int32_t WpOffsetHalfRangeY = 1 << (hp ? sps.BitDepthY - 1 : 7);
  const int32_t WpOffsetHalfRangeC = 1 << (hp ? sps.BitDepthC - 1 : 7);
  const unsigned lists = h.slice_type == kSliceB ? 2 : 1;
  for (unsigned l = 0; l < lists; ++l) {
    const unsigned n = (l == 0 ? h.num_ref_idx_l0_active_minus1 : h.num_ref_idx_l1_active_minus1) + 1u;
    bool luma_weight_flag[limits::kMaxNumRefIdxActiveMinus1 + 1] = {};
    bool chroma_weight_flag[limits::kMaxNumRefIdxActiveMinus1 + 1] = {};
    const char* luma_name = l == 0 ? "luma_weight_l0_flag" : "luma_weight_l1_flag";
    const char* chroma_name = l == 0 ? "chroma_weight_l0_flag" : "chroma_weight_l1_flag";
    // Base layer: pic_layer_id(RefPicListX[i]) == nuh_layer_id, and only the current picture
    // itself has PicOrderCnt equal to the current one.
    for (unsigned i = 0; i < n; ++i)
      if (!ref_is_current_picture(h, pps, l, i) && !read_u(r, err, luma_name, luma_weight_flag[i], 1)) return false;
    if (sps.ChromaArrayType != 0)
      for (unsigned i = 0; i < n; ++i)
        if (!ref_is_current_picture(h, pps, l, i) && !read_u(r, err, chroma_name, chroma_weight_flag[i], 1))
          return false;
    for (unsigned i = 0; i < n; ++i) {
      if (luma_weight_flag[i]) {
        int32_t delta_luma_weight, luma_offset;
        if (!read_se(r, err, l == 0 ? "delta_luma_weight_l0" : "delta_luma_weight_l1", delta_luma_weight, -128, 127))
          return false;
        if (!read_se(r, err, l == 0 ? "luma_offset_l0" : "luma_offset_l1", luma_offset, -WpOffsetHalfRangeY,
                     WpOffsetHalfRangeY - 1))
          return false;
      }
      if (chroma_weight_flag[i]) {
        for (unsigned j = 0; j < 2; ++j) {
          int32_t delta_chroma_weight, delta_chroma_offset;
          if (!read_se(r, err, l == 0 ? "delta_chroma_weight_l0" : "delta_chroma_weight_l1", delta_chroma_weight,
                       -128, 127))
            return false;
          if (!read_se(r, err, l == 0 ? "delta_chroma_offset_l0" : "delta_chroma_offset_l1", delta_chroma_offset,
                       -4 * WpOffsetHalfRangeC, 4 * WpOffsetHalfRangeC - 1))
            return false;
        }
      }
    }
  }
  return true;
}

// 7.3.2.12 byte_alignment() — ITU-T H.265 (V8, 08/2021)
bool byte_alignment(BitReader& r, ParseError& err) {
  bool alignment_bit_equal_to_one;
  MI_FLAG(alignment_bit_equal_to_one);
  if (!alignment_bit_equal_to_one) {
    err.set(ParseStatus::kInvalid, "alignment_bit_equal_to_one", 0, 1, 1);
    return false;
  }
  while (!r.byte_aligned()) {
    bool alignment_bit_equal_to_zero;
    MI_FLAG(alignment_bit_equal_to_zero);
    if (alignment_bit_equal_to_zero) {
      err.set(ParseStatus::kInvalid, "alignment_bit_equal_to_zero", 1, 0, 0);
      return false;
    }
  }
  return true;
}

}  // namespace

size_t rbsp_to_nal_offset(const uint8_t* nal, size_t size, size_t start, size_t rbsp_bytes) {
  size_t i = start, n = 0;
  unsigned zeros = 0;
  while (i < size && n < rbsp_bytes) {
    if (zeros >= 2 && nal[i] == 0x03) { zeros = 0; ++i; continue; }
    zeros = nal[i] == 0 ? zeros + 1 : 0;
    ++i;
    ++n;
  }
  // An emulation_prevention_three_byte right at the boundary belongs to the header side.
  if (i < size && zeros >= 2 && nal[i] == 0x03) ++i;
  return i;
}

// 7.3.6.1 slice_segment_header() up to slice_pic_parameter_set_id — ITU-T H.265 (V8, 08/2021)
bool slice_segment_header_begin(BitReader& r, ParseError& err, uint8_t nal_unit_type, SliceSegmentHeader& h) {
  HFLAG(h, first_slice_segment_in_pic_flag);
  if (nal_unit_type >= nut::BLA_W_LP && nal_unit_type <= nut::RSV_IRAP_VCL23) HFLAG(h, no_output_of_prior_pics_flag);
  HUE(h, slice_pic_parameter_set_id, 0, limits::kMaxPpsId);
  return true;
}

// 7.3.6.1 slice_segment_header() after slice_pic_parameter_set_id — ITU-T H.265 (V8, 08/2021)
bool slice_segment_header_rest(BitReader& r, ParseError& err, uint8_t nal_unit_type, const Sps& sps, const Pps& pps,
                               const SliceSegmentHeader* independent, const uint8_t* nal, size_t nal_size,
                               SliceSegmentHeader& h, ParseError& soft_err) {
  const bool first = h.first_slice_segment_in_pic_flag, no_output = h.no_output_of_prior_pics_flag;
  const uint8_t pps_id = h.slice_pic_parameter_set_id;
  bool dependent_slice_segment_flag = false;
  uint32_t slice_segment_address = 0;
  if (!first) {
    if (pps.dependent_slice_segments_enabled_flag) MI_FLAG(dependent_slice_segment_flag);
    // 7.4.7.1: Ceil(Log2(PicSizeInCtbsY)) bits, in [0, PicSizeInCtbsY - 1].
    MI_UR(slice_segment_address, ceil_log2(sps.PicSizeInCtbsY), 0, sps.PicSizeInCtbsY - 1);
  }
  if (dependent_slice_segment_flag) {
    if (independent == nullptr) {
      err.set(ParseStatus::kInvalid, "dependent_slice_segment_flag", 1, 0, 0);
      return false;
    }
    h = *independent;  // 7.4.7.1: the values of the preceding independent slice segment header
  } else {
    h = SliceSegmentHeader();
  }
  h.first_slice_segment_in_pic_flag = first;
  h.no_output_of_prior_pics_flag = no_output;
  h.slice_pic_parameter_set_id = pps_id;
  h.dependent_slice_segment_flag = dependent_slice_segment_flag;
  h.slice_segment_address = slice_segment_address;
  h.num_entry_point_offsets = 0;
  h.offset_len_minus1 = 0;
  h.entry_point_offset_sum = 0;
  h.slice_segment_header_extension_length = 0;

  if (!dependent_slice_segment_flag) {
    for (unsigned i = 0; i < pps.num_extra_slice_header_bits; ++i) {
      bool slice_reserved_flag;
      MI_FLAG(slice_reserved_flag);
      h.slice_reserved_flag = static_cast<uint8_t>(h.slice_reserved_flag | (slice_reserved_flag << i));
    }
    HUE(h, slice_type, 0, 2);  // Table 7-7
    if (pps.output_flag_present_flag) HFLAG(h, pic_output_flag);
    if (sps.separate_colour_plane_flag) HUR(h, colour_plane_id, 2, 0, 2);
    const StRefPicSet* rps = nullptr;
    if (!is_idr(nal_unit_type)) {
      HU(h, slice_pic_order_cnt_lsb, sps.log2_max_pic_order_cnt_lsb_minus4 + 4u);
      HFLAG(h, short_term_ref_pic_set_sps_flag);
      if (!h.short_term_ref_pic_set_sps_flag) {
        if (!st_ref_pic_set(r, err, sps.num_short_term_ref_pic_sets, sps.num_short_term_ref_pic_sets,
                            sps.st_ref_pic_set, sps.sps_max_dec_pic_buffering_minus1[sps.sps_max_sub_layers_minus1],
                            h.st_ref_pic_set, soft_err))
          return false;
        h.CurrRpsIdx = sps.num_short_term_ref_pic_sets;
        rps = &h.st_ref_pic_set;
      } else {
        // 7.4.7.1: short_term_ref_pic_set_sps_flag == 1 needs at least one set in the SPS.
        if (sps.num_short_term_ref_pic_sets == 0) {
          err.set(ParseStatus::kInvalid, "short_term_ref_pic_set_sps_flag", 1, 0, 0);
          return false;
        }
        if (sps.num_short_term_ref_pic_sets > 1)
          HUR(h, short_term_ref_pic_set_idx, ceil_log2(sps.num_short_term_ref_pic_sets), 0,
              sps.num_short_term_ref_pic_sets - 1);
        h.CurrRpsIdx = h.short_term_ref_pic_set_idx;
        rps = &sps.st_ref_pic_set[h.short_term_ref_pic_set_idx];
      }
      if (sps.long_term_ref_pics_present_flag) {
        if (sps.num_long_term_ref_pics_sps > 0) HUE(h, num_long_term_sps, 0, sps.num_long_term_ref_pics_sps);
        // 7.4.7.1: num_long_term_pics in [0, sps_max_dec_pic_buffering_minus1[HighestTid] -
        // NumNegativePics - NumPositivePics - num_long_term_sps] (HighestTid: the highest sub-layer);
        // a larger value is reported through soft_err while the entries fit kMaxLongTermEntries.
        const int64_t max_pics = static_cast<int64_t>(sps.sps_max_dec_pic_buffering_minus1[sps.sps_max_sub_layers_minus1]) -
                                 rps->NumNegativePics - rps->NumPositivePics - h.num_long_term_sps;
        HUE(h, num_long_term_pics, 0, static_cast<int64_t>(kMaxLongTermEntries) - h.num_long_term_sps);
        if (h.num_long_term_pics > max_pics)
          soft_err.set(ParseStatus::kOutOfRange, "num_long_term_pics", h.num_long_term_pics, 0, max_pics);
        const unsigned n = h.num_long_term_sps + h.num_long_term_pics;
        const unsigned poc_bits = sps.log2_max_pic_order_cnt_lsb_minus4 + 4u;
        for (unsigned i = 0; i < n; ++i) {
          if (i < h.num_long_term_sps) {
            if (sps.num_long_term_ref_pics_sps > 1)
              HUR(h, lt_idx_sps[i], ceil_log2(sps.num_long_term_ref_pics_sps), 0, sps.num_long_term_ref_pics_sps - 1);
          } else {
            HU(h, poc_lsb_lt[i], poc_bits);
            HFLAG(h, used_by_curr_pic_lt_flag[i]);
          }
          HFLAG(h, delta_poc_msb_present_flag[i]);
          // 7.4.7.1: delta_poc_msb_cycle_lt in [0, 2^(32 - log2_max_pic_order_cnt_lsb_minus4 - 4)].
          if (h.delta_poc_msb_present_flag[i]) HUE(h, delta_poc_msb_cycle_lt[i], 0, int64_t{1} << (32 - poc_bits));
        }
      }
      if (sps.sps_temporal_mvp_enabled_flag) HFLAG(h, slice_temporal_mvp_enabled_flag);
    }
    // (7-55) NumPicTotalCurr
    unsigned total = 0;
    if (rps) {
      for (unsigned i = 0; i < rps->NumNegativePics; ++i) total += rps->UsedByCurrPicS0[i];
      for (unsigned i = 0; i < rps->NumPositivePics; ++i) total += rps->UsedByCurrPicS1[i];
    }
    for (unsigned i = 0; i < h.num_long_term_sps + h.num_long_term_pics; ++i)
      total += i < h.num_long_term_sps ? sps.used_by_curr_pic_lt_sps_flag[h.lt_idx_sps[i]] : h.used_by_curr_pic_lt_flag[i];
    if (pps.pps_scc_extension.pps_curr_pic_ref_enabled_flag) ++total;
    h.NumPicTotalCurr = static_cast<uint8_t>(total);

    if (sps.sample_adaptive_offset_enabled_flag) {
      HFLAG(h, slice_sao_luma_flag);
      if (sps.ChromaArrayType != 0) HFLAG(h, slice_sao_chroma_flag);
    }
    if (h.slice_type == kSliceP || h.slice_type == kSliceB) {
      // 7.4.7.1: a P or B slice needs at least one picture in the lists.
      if (h.NumPicTotalCurr == 0) {
        err.set(ParseStatus::kInvalid, "NumPicTotalCurr", 0, 1, 1);
        return false;
      }
      h.num_ref_idx_l0_active_minus1 = pps.num_ref_idx_l0_default_active_minus1;
      h.num_ref_idx_l1_active_minus1 = pps.num_ref_idx_l1_default_active_minus1;
      HFLAG(h, num_ref_idx_active_override_flag);
      if (h.num_ref_idx_active_override_flag) {
        HUE(h, num_ref_idx_l0_active_minus1, 0, limits::kMaxNumRefIdxActiveMinus1);
        if (h.slice_type == kSliceB) HUE(h, num_ref_idx_l1_active_minus1, 0, limits::kMaxNumRefIdxActiveMinus1);
      }
      if (pps.lists_modification_present_flag && h.NumPicTotalCurr > 1 && !ref_pic_lists_modification(r, err, h))
        return false;
      if (h.slice_type == kSliceB) HFLAG(h, mvd_l1_zero_flag);
      if (pps.cabac_init_present_flag) HFLAG(h, cabac_init_flag);
      if (h.slice_temporal_mvp_enabled_flag) {
        if (h.slice_type == kSliceB) HFLAG(h, collocated_from_l0_flag);
        const unsigned n = h.collocated_from_l0_flag ? h.num_ref_idx_l0_active_minus1 : h.num_ref_idx_l1_active_minus1;
        if (n > 0) HUE(h, collocated_ref_idx, 0, n);  // 7.4.7.1
      }
      if ((pps.weighted_pred_flag && h.slice_type == kSliceP) || (pps.weighted_bipred_flag && h.slice_type == kSliceB))
        if (!pred_weight_table(r, err, sps, pps, h)) return false;
      HUE(h, five_minus_max_num_merge_cand, 0, limits::kMaxFiveMinusMaxNumMergeCand);
      if (sps.sps_scc_extension.motion_vector_resolution_control_idc == 2) HFLAG(h, use_integer_mv_flag);
    }
    // (7-54): SliceQpY = 26 + init_qp_minus26 + slice_qp_delta in [-QpBdOffsetY, 51].
    const int base = 26 + pps.init_qp_minus26;
    HSE(h, slice_qp_delta, -static_cast<int>(sps.QpBdOffsetY) - base, 51 - base);
    h.SliceQpY = base + h.slice_qp_delta;
    if (pps.pps_slice_chroma_qp_offsets_present_flag) {
      // 7.4.7.1: in [-12, 12], and pps_cX_qp_offset + slice_cX_qp_offset in [-12, 12].
      HSE(h, slice_cb_qp_offset, std::max(-12, -12 - pps.pps_cb_qp_offset), std::min(12, 12 - pps.pps_cb_qp_offset));
      HSE(h, slice_cr_qp_offset, std::max(-12, -12 - pps.pps_cr_qp_offset), std::min(12, 12 - pps.pps_cr_qp_offset));
    }
    if (pps.pps_scc_extension.pps_slice_act_qp_offsets_present_flag) {
      HSE(h, slice_act_y_qp_offset, -12, 12);
      HSE(h, slice_act_cb_qp_offset, -12, 12);
      HSE(h, slice_act_cr_qp_offset, -12, 12);
    }
    if (pps.pps_range_extension.chroma_qp_offset_list_enabled_flag) HFLAG(h, cu_chroma_qp_offset_enabled_flag);
    if (pps.deblocking_filter_override_enabled_flag) HFLAG(h, deblocking_filter_override_flag);
    h.slice_deblocking_filter_disabled_flag = pps.pps_deblocking_filter_disabled_flag;
    h.slice_beta_offset_div2 = pps.pps_beta_offset_div2;
    h.slice_tc_offset_div2 = pps.pps_tc_offset_div2;
    if (h.deblocking_filter_override_flag) {
      HFLAG(h, slice_deblocking_filter_disabled_flag);
      if (!h.slice_deblocking_filter_disabled_flag) {
        HSE(h, slice_beta_offset_div2, limits::kMinDeblockOffsetDiv2, limits::kMaxDeblockOffsetDiv2);
        HSE(h, slice_tc_offset_div2, limits::kMinDeblockOffsetDiv2, limits::kMaxDeblockOffsetDiv2);
      }
    }
    h.slice_loop_filter_across_slices_enabled_flag = pps.pps_loop_filter_across_slices_enabled_flag;
    if (pps.pps_loop_filter_across_slices_enabled_flag &&
        (h.slice_sao_luma_flag || h.slice_sao_chroma_flag || !h.slice_deblocking_filter_disabled_flag))
      HFLAG(h, slice_loop_filter_across_slices_enabled_flag);
  }
  if (pps.tiles_enabled_flag || pps.entropy_coding_sync_enabled_flag) {
    // 7.4.7.1: bounds of num_entry_point_offsets.
    const uint32_t cols = pps.num_tile_columns_minus1 + 1u, rows = pps.num_tile_rows_minus1 + 1u;
    const uint32_t max = !pps.tiles_enabled_flag ? sps.PicHeightInCtbsY - 1
                         : !pps.entropy_coding_sync_enabled_flag ? cols * rows - 1
                                                                 : cols * sps.PicHeightInCtbsY - 1;
    HUE(h, num_entry_point_offsets, 0, max);
    if (h.num_entry_point_offsets > 0) {
      HUE(h, offset_len_minus1, 0, limits::kMaxOffsetLenMinus1);
      for (uint32_t i = 0; i < h.num_entry_point_offsets; ++i) {
        uint32_t entry_point_offset_minus1;
        MI_U(entry_point_offset_minus1, h.offset_len_minus1 + 1u);
        h.entry_point_offset_sum += uint64_t{entry_point_offset_minus1} + 1;
      }
    }
  }
  if (pps.slice_segment_header_extension_present_flag) {
    HUE(h, slice_segment_header_extension_length, 0, limits::kMaxSliceSegmentHeaderExtensionLength);
    MI_SKIP(8u * h.slice_segment_header_extension_length, "slice_segment_header_extension_data_byte");
  }
  if (!byte_alignment(r, err)) return false;
  h.header_rbsp_bits = static_cast<uint32_t>(r.bits_read());
  h.slice_data_byte_offset = static_cast<uint32_t>(rbsp_to_nal_offset(nal, nal_size, 2, h.header_rbsp_bits / 8));
  return true;
}

}  // namespace mi::hevc
