// 7.3.2.1 video_parameter_set_rbsp() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"
#include "hevc/profile_tier_level.h"
#include "hevc/vui.h"

namespace mi::hevc {

struct Vps {
  uint8_t vps_video_parameter_set_id = 0;
  // The first edition called these two bits vps_reserved_three_2bits (shall be 3).
  bool vps_base_layer_internal_flag = false;
  bool vps_base_layer_available_flag = false;
  uint8_t vps_max_layers_minus1 = 0;
  uint8_t vps_max_sub_layers_minus1 = 0;
  bool vps_temporal_id_nesting_flag = false;
  uint16_t vps_reserved_0xffff_16bits = 0;
  ProfileTierLevel profile_tier_level;
  bool vps_sub_layer_ordering_info_present_flag = false;
  // Filled for every i in 0..vps_max_sub_layers_minus1 (inferred from the highest when
  // vps_sub_layer_ordering_info_present_flag is 0, 7.4.3.1).
  uint8_t vps_max_dec_pic_buffering_minus1[limits::kMaxSubLayers] = {};
  uint8_t vps_max_num_reorder_pics[limits::kMaxSubLayers] = {};
  uint32_t vps_max_latency_increase_plus1[limits::kMaxSubLayers] = {};
  uint8_t vps_max_layer_id = 0;
  uint16_t vps_num_layer_sets_minus1 = 0;
  // layer_id_included_flag[][] is read (and checked) but not stored.
  bool vps_timing_info_present_flag = false;
  uint32_t vps_num_units_in_tick = 0;
  uint32_t vps_time_scale = 0;
  bool vps_poc_proportional_to_timing_flag = false;
  uint32_t vps_num_ticks_poc_diff_one_minus1 = 0;
  uint16_t vps_num_hrd_parameters = 0;
  /// hrd_parameters() of i == 0 (the others are read and checked).
  uint16_t hrd_layer_set_idx0 = 0;
  HrdParameters hrd_parameters0;
  bool vps_extension_flag = false;
  // vps_extension() (Annex F) is not parsed: with vps_extension_flag the rest of the RBSP
  // is skipped as vps_extension_data_flag bits, so no trailing-bits check is made then.
};

/// Reads video_parameter_set_rbsp() (rbsp = NAL payload after the 2-byte NAL header).
/// A vps_reserved_0xffff_16bits other than 0xFFFF is kept and reported through
/// `soft_err` (7.4.3.1: decoders shall ignore it), the VPS being otherwise valid.
bool video_parameter_set_rbsp(BitReader& r, ParseError& err, Vps& v, ParseError& soft_err);

}  // namespace mi::hevc
