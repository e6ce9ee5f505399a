#include "h264/slice_header.h"
#include "bitstream/syntax.h"
#include "h264/limits.h"

namespace mi::h264 {
namespace {

unsigned ceil_log2(uint64_t v) {  // Ceil( Log2( v ) ), v >= 1
  unsigned n = 0;
  while ((1ull << n) < v) ++n;
  return n;
}

// 7.3.3.1 ref_pic_list_modification() for one list.
bool list_modification(BitReader& r, ParseError& err, uint8_t& flag, uint8_t& count, uint32_t max_pic_num) {
  MI_FLAG(flag);
  if (!flag) return true;
  uint32_t modification_of_pic_nums_idc = 0;
  count = 0;
  do {
    MI_UE(modification_of_pic_nums_idc, 0, 3);  // 7.4.3.1 (0..5 only in MVC slices)
    if (modification_of_pic_nums_idc == 0 || modification_of_pic_nums_idc == 1) {
      uint32_t abs_diff_pic_num_minus1 = 0;
      MI_UE(abs_diff_pic_num_minus1, 0, max_pic_num - 1);
    } else if (modification_of_pic_nums_idc == 2) {
      uint32_t long_term_pic_num = 0;
      MI_UE(long_term_pic_num, 0, max_pic_num - 1);
    }
    if (modification_of_pic_nums_idc != 3 && ++count > kMaxListModifications) {
      err.set(ParseStatus::kOutOfRange, "modification_of_pic_nums_idc", count, 0, kMaxListModifications);
      return false;
    }
  } while (modification_of_pic_nums_idc != 3);
  return true;
}

// 7.3.3.2 pred_weight_table()
bool pred_weight_table(BitReader& r, ParseError& err, const Sps& sps, SliceHeader& sh) {
  MI_UE(sh.luma_log2_weight_denom, 0, 7);
  if (sps.ChromaArrayType() != 0) MI_UE(sh.chroma_log2_weight_denom, 0, 7);
  const unsigned lists = sh.type() == kB ? 2 : 1;
  for (unsigned l = 0; l < lists; ++l) {
    const uint32_t n = (l == 0 ? sh.num_ref_idx_l0_active_minus1 : sh.num_ref_idx_l1_active_minus1) + 1;
    for (uint32_t i = 0; i < n; ++i) {
      uint8_t luma_weight_flag = 0, chroma_weight_flag = 0;
      int32_t weight = 0, offset = 0;
      MI_FLAG(luma_weight_flag);
      if (luma_weight_flag) {
        MI_SE(weight, -128, 127);  // 7.4.3.2
        MI_SE(offset, -128, 127);
      }
      if (sps.ChromaArrayType() != 0) {
        MI_FLAG(chroma_weight_flag);
        if (chroma_weight_flag) {
          for (int j = 0; j < 2; ++j) {
            MI_SE(weight, -128, 127);
            MI_SE(offset, -128, 127);
          }
        }
      }
    }
  }
  return true;
}

// 7.3.3.3 dec_ref_pic_marking()
bool dec_ref_pic_marking(BitReader& r, ParseError& err, SliceHeader& sh) {
  if (sh.IdrPicFlag()) {
    MI_FLAG(sh.no_output_of_prior_pics_flag);
    MI_FLAG(sh.long_term_reference_flag);
    return true;
  }
  MI_FLAG(sh.adaptive_ref_pic_marking_mode_flag);
  if (!sh.adaptive_ref_pic_marking_mode_flag) return true;
  uint32_t op = 0;
  unsigned n = 0;
  do {
    MI_UE(op, 0, 6);  // 7.4.3.3
    Mmco m;
    m.memory_management_control_operation = static_cast<uint8_t>(op);
    if (op == 1 || op == 3) MI_UE(m.difference_of_pic_nums_minus1, 0, 0xFFFFFFFEll);
    if (op == 2) MI_UE(m.long_term_pic_num, 0, 0xFFFFFFFEll);
    if (op == 3 || op == 6) MI_UE(m.long_term_frame_idx, 0, kMaxDpbFrames * 2);
    if (op == 4) MI_UE(m.max_long_term_frame_idx_plus1, 0, kMaxDpbFrames + 1);
    if (op == 5) sh.has_mmco5 = true;
    if (op != 0) {
      if (n >= kMaxMmcoOps) {
        err.set(ParseStatus::kOutOfRange, "memory_management_control_operation", n, 0, kMaxMmcoOps);
        return false;
      }
      if (n < kMaxMmcoOpsStored) sh.mmco[n] = m;
      ++n;
    }
  } while (op != 0);
  sh.num_mmco = static_cast<uint8_t>(n < kMaxMmcoOpsStored ? n : kMaxMmcoOpsStored);
  return true;
}

}  // namespace

bool slice_header(BitReader& r, ParseError& err, const NalHeader& nal, const ParamSetLookup& sets,
                  SliceHeader& sh, const Sps** sps_out, const Pps** pps_out) {
  sh.nal = nal;
  MI_UE(sh.first_mb_in_slice, 0, kMaxPicDimInMbs * kMaxPicDimInMbs);
  MI_UE(sh.slice_type, 0, 9);  // Table 7-6
  MI_UE(sh.pic_parameter_set_id, 0, kMaxPpsId);
  const Pps* pps = sets.pps(sh.pic_parameter_set_id);
  if (!pps) {
    err.set(ParseStatus::kMissingRef, "pic_parameter_set_id", sh.pic_parameter_set_id);
    return false;
  }
  const Sps* sps = sets.sps(pps->seq_parameter_set_id);
  if (!sps) {
    err.set(ParseStatus::kMissingRef, "seq_parameter_set_id", pps->seq_parameter_set_id);
    return false;
  }
  *pps_out = pps;
  *sps_out = sps;
  // 7.4.3: first_mb_in_slice * ( 1 + MbaffFrameFlag ) < PicSizeInMbs; checked once
  // field_pic_flag is known, below.
  if (sps->separate_colour_plane_flag) MI_UR(sh.colour_plane_id, 2, 0, 2);
  MI_U(sh.frame_num, sps->log2_max_frame_num_minus4 + 4);
  if (!sps->frame_mbs_only_flag) {
    MI_FLAG(sh.field_pic_flag);
    if (sh.field_pic_flag) MI_FLAG(sh.bottom_field_flag);
  }
  if (sh.IdrPicFlag()) MI_UE(sh.idr_pic_id, 0, kMaxIdrPicId);
  if (sps->pic_order_cnt_type == 0) {
    MI_U(sh.pic_order_cnt_lsb, sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
    if (pps->bottom_field_pic_order_in_frame_present_flag && !sh.field_pic_flag)
      MI_SE(sh.delta_pic_order_cnt_bottom, -2147483647ll, 2147483647ll);
  }
  if (sps->pic_order_cnt_type == 1 && !sps->delta_pic_order_always_zero_flag) {
    MI_SE(sh.delta_pic_order_cnt[0], -2147483647ll, 2147483647ll);
    if (pps->bottom_field_pic_order_in_frame_present_flag && !sh.field_pic_flag)
      MI_SE(sh.delta_pic_order_cnt[1], -2147483647ll, 2147483647ll);
  }
  if (pps->redundant_pic_cnt_present_flag) MI_UE(sh.redundant_pic_cnt, 0, kMaxRedundantPicCnt);
  const uint32_t st = sh.type();
  if (st == kB) MI_FLAG(sh.direct_spatial_mv_pred_flag);
  sh.num_ref_idx_l0_active_minus1 = pps->num_ref_idx_l0_default_active_minus1;
  sh.num_ref_idx_l1_active_minus1 = pps->num_ref_idx_l1_default_active_minus1;
  const uint32_t max_ref_idx = sh.field_pic_flag ? 31 : 15;  // 7.4.3
  if (st == kP || st == kSP || st == kB) {
    MI_FLAG(sh.num_ref_idx_active_override_flag);
    if (sh.num_ref_idx_active_override_flag) {
      MI_UE(sh.num_ref_idx_l0_active_minus1, 0, max_ref_idx);
      if (st == kB) MI_UE(sh.num_ref_idx_l1_active_minus1, 0, max_ref_idx);
    }
  }
  // 7.4.3.1: MaxPicNum = MaxFrameNum for frames, 2 * MaxFrameNum for fields.
  const uint32_t max_pic_num = sps->MaxFrameNum() * (sh.field_pic_flag ? 2 : 1);
  if (st != kI && st != kSI) {
    if (!list_modification(r, err, sh.ref_pic_list_modification_flag_l0, sh.num_modifications[0], max_pic_num))
      return false;
  }
  if (st == kB) {
    if (!list_modification(r, err, sh.ref_pic_list_modification_flag_l1, sh.num_modifications[1], max_pic_num))
      return false;
  }
  if ((pps->weighted_pred_flag && (st == kP || st == kSP)) || (pps->weighted_bipred_idc == 1 && st == kB)) {
    sh.has_pred_weight_table = true;
    if (!pred_weight_table(r, err, *sps, sh)) return false;
  }
  if (nal.nal_ref_idc != 0 && !dec_ref_pic_marking(r, err, sh)) return false;
  if (pps->entropy_coding_mode_flag && st != kI && st != kSI) MI_UE(sh.cabac_init_idc, 0, 2);
  {
    // 7.4.3: SliceQPY = 26 + pic_init_qp_minus26 + slice_qp_delta in [-QpBdOffsetY, 51].
    const int32_t base = 26 + pps->pic_init_qp_minus26;
    MI_SE_SOFT(sh.slice_qp_delta, -static_cast<int32_t>(sps->QpBdOffsetY()) - base, 51 - base);
  }
  if (st == kSP || st == kSI) {
    if (st == kSP) MI_FLAG(sh.sp_for_switch_flag);
    MI_SE(sh.slice_qs_delta, -51, 51);
  }
  if (pps->deblocking_filter_control_present_flag) {
    MI_UE(sh.disable_deblocking_filter_idc, 0, 2);  // 7.4.3 (3..6 only in SVC slices)
    if (sh.disable_deblocking_filter_idc != 1) {
      MI_SE(sh.slice_alpha_c0_offset_div2, -6, 6);
      MI_SE(sh.slice_beta_offset_div2, -6, 6);
    }
  }
  if (pps->num_slice_groups_minus1 > 0 && pps->slice_group_map_type >= 3 && pps->slice_group_map_type <= 5) {
    // 7-35: Ceil( Log2( PicSizeInMapUnits ÷ SliceGroupChangeRate + 1 ) ) bits.
    const uint64_t units = sps->PicSizeInMapUnits();
    const uint64_t rate = pps->SliceGroupChangeRate();
    MI_U(sh.slice_group_change_cycle, ceil_log2(units / rate + (units % rate ? 1 : 0) + 1));
  }
  return true;
}

}  // namespace mi::h264
