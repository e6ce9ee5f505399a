// 7.3.3 profile_tier_level() — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"

namespace mi::hevc {

struct ProfileTierLevel {
  // General profile (present when profilePresentFlag).
  uint8_t general_profile_space = 0;
  bool general_tier_flag = false;
  uint8_t general_profile_idc = 0;
  bool general_profile_compatibility_flag[32] = {};
  bool general_progressive_source_flag = false;
  bool general_interlaced_source_flag = false;
  bool general_non_packed_constraint_flag = false;
  bool general_frame_only_constraint_flag = false;
  // The 43 bits after general_frame_only_constraint_flag (7.3.3: their meaning depends on
  // general_profile_idc / the compatibility flags; the named flags below are filled from them).
  bool general_max_12bit_constraint_flag = false;
  bool general_max_10bit_constraint_flag = false;
  bool general_max_8bit_constraint_flag = false;
  bool general_max_422chroma_constraint_flag = false;
  bool general_max_420chroma_constraint_flag = false;
  bool general_max_monochrome_constraint_flag = false;
  bool general_intra_constraint_flag = false;
  bool general_one_picture_only_constraint_flag = false;
  bool general_lower_bit_rate_constraint_flag = false;
  bool general_max_14bit_constraint_flag = false;
  uint64_t general_reserved_zero_bits = 0;  ///< the reserved_zero_Nbits of the branch taken, raw
  bool general_inbld_flag = false;          ///< or general_reserved_zero_bit
  uint8_t general_level_idc = 0;

  bool sub_layer_profile_present_flag[limits::kMaxSubLayersMinus1] = {};
  bool sub_layer_level_present_flag[limits::kMaxSubLayersMinus1] = {};
  uint8_t reserved_zero_2bits[8] = {};  ///< present for i in [maxNumSubLayersMinus1, 8)
  uint8_t sub_layer_profile_space[limits::kMaxSubLayersMinus1] = {};
  bool sub_layer_tier_flag[limits::kMaxSubLayersMinus1] = {};
  uint8_t sub_layer_profile_idc[limits::kMaxSubLayersMinus1] = {};
  uint32_t sub_layer_profile_compatibility_flags[limits::kMaxSubLayersMinus1] = {};  ///< bit j = flag[j]
  bool sub_layer_progressive_source_flag[limits::kMaxSubLayersMinus1] = {};
  bool sub_layer_interlaced_source_flag[limits::kMaxSubLayersMinus1] = {};
  bool sub_layer_non_packed_constraint_flag[limits::kMaxSubLayersMinus1] = {};
  bool sub_layer_frame_only_constraint_flag[limits::kMaxSubLayersMinus1] = {};
  uint64_t sub_layer_constraint_bits[limits::kMaxSubLayersMinus1] = {};  ///< the 43 + 1 bits, raw
  uint8_t sub_layer_level_idc[limits::kMaxSubLayersMinus1] = {};
};

/// Reads profile_tier_level(profilePresentFlag, maxNumSubLayersMinus1), maxNumSubLayersMinus1 <= 6.
bool profile_tier_level(BitReader& r, ParseError& err, bool profilePresentFlag,
                        unsigned maxNumSubLayersMinus1, ProfileTierLevel& p);

/// Profile name for general_profile_idc (A.3), as ffprobe prints it: 1 "Main", 2 "Main 10",
/// 3 "Main Still Picture", 4 "Rext", 9 "SCC"; 0 takes the lowest j with
/// general_profile_compatibility_flag[j] set; anything else "unknown".
const char* profile_name(const ProfileTierLevel& p);

}  // namespace mi::hevc
