#include "hevc/vps.h"
#include "hevc/read.h"

namespace mi::hevc {

// 7.3.2.1 video_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
bool video_parameter_set_rbsp(BitReader& r, ParseError& err, Vps& v, ParseError& soft_err) {
  v = Vps();
  HU(v, vps_video_parameter_set_id, 4);
  HFLAG(v, vps_base_layer_internal_flag);
  HFLAG(v, vps_base_layer_available_flag);
  HU(v, vps_max_layers_minus1, 6);
  HUR(v, vps_max_sub_layers_minus1, 3, 0, limits::kMaxSubLayersMinus1);  // 7.4.3.1
  HFLAG(v, vps_temporal_id_nesting_flag);
  HU(v, vps_reserved_0xffff_16bits, 16);
  if (v.vps_reserved_0xffff_16bits != 0xFFFF)
    soft_err.set(ParseStatus::kOutOfRange, "vps_reserved_0xffff_16bits", v.vps_reserved_0xffff_16bits, 0xFFFF,
                 0xFFFF);
  if (!profile_tier_level(r, err, true, v.vps_max_sub_layers_minus1, v.profile_tier_level)) return false;
  HFLAG(v, vps_sub_layer_ordering_info_present_flag);
  const unsigned first = v.vps_sub_layer_ordering_info_present_flag ? 0 : v.vps_max_sub_layers_minus1;
  for (unsigned i = first; i <= v.vps_max_sub_layers_minus1; ++i) {
    // 7.4.3.1: vps_max_dec_pic_buffering_minus1 in [0, MaxDpbSize - 1]; vps_max_num_reorder_pics
    // in [0, vps_max_dec_pic_buffering_minus1[i]]; vps_max_latency_increase_plus1 in [0, 2^32 - 2].
    HUE(v, vps_max_dec_pic_buffering_minus1[i], 0, limits::kMaxDecPicBufferingMinus1);
    HUE(v, vps_max_num_reorder_pics[i], 0, v.vps_max_dec_pic_buffering_minus1[i]);
    HUE(v, vps_max_latency_increase_plus1[i], 0, 0xFFFFFFFEll);
  }
  for (unsigned i = 0; i < first; ++i) {  // 7.4.3.1 inference
    v.vps_max_dec_pic_buffering_minus1[i] = v.vps_max_dec_pic_buffering_minus1[first];
    v.vps_max_num_reorder_pics[i] = v.vps_max_num_reorder_pics[first];
    v.vps_max_latency_increase_plus1[i] = v.vps_max_latency_increase_plus1[first];
  }
  HUR(v, vps_max_layer_id, 6, 0, limits::kMaxVpsLayerId);
  HUE(v, vps_num_layer_sets_minus1, 0, limits::kMaxVpsNumLayerSetsMinus1);
  for (unsigned i = 1; i <= v.vps_num_layer_sets_minus1; ++i)
    for (unsigned j = 0; j <= v.vps_max_layer_id; ++j) {
      bool layer_id_included_flag;
      MI_FLAG(layer_id_included_flag);
    }
  HFLAG(v, vps_timing_info_present_flag);
  if (v.vps_timing_info_present_flag) {
    HU(v, vps_num_units_in_tick, 32);
    HU(v, vps_time_scale, 32);
    HFLAG(v, vps_poc_proportional_to_timing_flag);
    if (v.vps_poc_proportional_to_timing_flag) HUE(v, vps_num_ticks_poc_diff_one_minus1, 0, 0xFFFFFFFEll);
    // 7.4.3.1: vps_num_hrd_parameters in [0, vps_num_layer_sets_minus1 + 1].
    HUE(v, vps_num_hrd_parameters, 0, v.vps_num_layer_sets_minus1 + 1);
    // E.3.2: an hrd_parameters() without common information takes it from the previous one.
    HrdParameters prev;
    for (unsigned i = 0; i < v.vps_num_hrd_parameters; ++i) {
      uint32_t hrd_layer_set_idx;
      // 7.4.3.1: in [vps_base_layer_internal_flag ? 0 : 1, vps_num_layer_sets_minus1].
      MI_UE(hrd_layer_set_idx, v.vps_base_layer_internal_flag ? 0 : 1, v.vps_num_layer_sets_minus1);
      bool cprms_present_flag = true;  // 7.4.3.1: inferred 1 for i == 0
      if (i > 0) MI_FLAG(cprms_present_flag);
      if (!hrd_parameters(r, err, cprms_present_flag, v.vps_max_sub_layers_minus1, prev)) return false;
      if (i == 0) {
        v.hrd_layer_set_idx0 = static_cast<uint16_t>(hrd_layer_set_idx);
        v.hrd_parameters0 = prev;
      }
    }
  }
  HFLAG(v, vps_extension_flag);
  if (v.vps_extension_flag) return true;  // vps_extension_data_flag / Annex F: not parsed
  if (!r.at_rbsp_trailing_bits()) {
    err.set(r.more_rbsp_data() ? ParseStatus::kInvalid : ParseStatus::kTruncated, "rbsp_trailing_bits");
    return false;
  }
  return true;
}

}  // namespace mi::hevc
