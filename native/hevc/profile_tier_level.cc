#include "hevc/profile_tier_level.h"
#include <initializer_list>
#include "hevc/read.h"

namespace mi::hevc {

namespace {

// True when general_profile_idc == j or general_profile_compatibility_flag[j] for some listed j.
bool profile_in(const ProfileTierLevel& p, std::initializer_list<int> js) {
  for (int j : js)
    if (p.general_profile_idc == j || p.general_profile_compatibility_flag[j]) return true;
  return false;
}

}  // namespace

// 7.3.3 profile_tier_level() — ITU-T H.265 (V8, 08/2021)
bool profile_tier_level(BitReader& r, ParseError& err, bool profilePresentFlag,
                        unsigned maxNumSubLayersMinus1, ProfileTierLevel& p) {
  if (profilePresentFlag) {
    HU(p, general_profile_space, 2);  // 7.4.4: shall be 0; other values reserved (kept for checks)
    HFLAG(p, general_tier_flag);
    HU(p, general_profile_idc, 5);
    uint32_t general_profile_compatibility_flag;  // 32 flags read at once, j = 0 first
    MI_U(general_profile_compatibility_flag, 32);
    for (int j = 0; j < 32; ++j)
      p.general_profile_compatibility_flag[j] = (general_profile_compatibility_flag >> (31 - j)) & 1;
    HFLAG(p, general_progressive_source_flag);
    HFLAG(p, general_interlaced_source_flag);
    HFLAG(p, general_non_packed_constraint_flag);
    HFLAG(p, general_frame_only_constraint_flag);
    if (profile_in(p, {4, 5, 6, 7, 8, 9, 10, 11})) {
      HFLAG(p, general_max_12bit_constraint_flag);
      HFLAG(p, general_max_10bit_constraint_flag);
      HFLAG(p, general_max_8bit_constraint_flag);
      HFLAG(p, general_max_422chroma_constraint_flag);
      HFLAG(p, general_max_420chroma_constraint_flag);
      HFLAG(p, general_max_monochrome_constraint_flag);
      HFLAG(p, general_intra_constraint_flag);
      HFLAG(p, general_one_picture_only_constraint_flag);
      HFLAG(p, general_lower_bit_rate_constraint_flag);
      if (profile_in(p, {5, 9, 10, 11})) {
        HFLAG(p, general_max_14bit_constraint_flag);
        if (!read_u64(r, err, "general_reserved_zero_33bits", p.general_reserved_zero_bits, 33)) return false;
      } else {
        if (!read_u64(r, err, "general_reserved_zero_34bits", p.general_reserved_zero_bits, 34)) return false;
      }
    } else if (profile_in(p, {2})) {
      uint64_t general_reserved_zero_7bits, general_reserved_zero_35bits;
      MI_U(general_reserved_zero_7bits, 7);
      HFLAG(p, general_one_picture_only_constraint_flag);
      if (!read_u64(r, err, "general_reserved_zero_35bits", general_reserved_zero_35bits, 35)) return false;
      p.general_reserved_zero_bits = (general_reserved_zero_7bits << 35) | general_reserved_zero_35bits;
    } else {
      if (!read_u64(r, err, "general_reserved_zero_43bits", p.general_reserved_zero_bits, 43)) return false;
    }
    HFLAG(p, general_inbld_flag);  // general_inbld_flag or general_reserved_zero_bit
  }
  HU(p, general_level_idc, 8);
  for (unsigned i = 0; i < maxNumSubLayersMinus1; ++i) {
    HFLAG(p, sub_layer_profile_present_flag[i]);
    HFLAG(p, sub_layer_level_present_flag[i]);
  }
  if (maxNumSubLayersMinus1 > 0)
    for (unsigned i = maxNumSubLayersMinus1; i < 8; ++i) HU(p, reserved_zero_2bits[i], 2);
  for (unsigned i = 0; i < maxNumSubLayersMinus1; ++i) {
    if (p.sub_layer_profile_present_flag[i]) {
      HU(p, sub_layer_profile_space[i], 2);
      HFLAG(p, sub_layer_tier_flag[i]);
      HU(p, sub_layer_profile_idc[i], 5);
      HU(p, sub_layer_profile_compatibility_flags[i], 32);
      HFLAG(p, sub_layer_progressive_source_flag[i]);
      HFLAG(p, sub_layer_interlaced_source_flag[i]);
      HFLAG(p, sub_layer_non_packed_constraint_flag[i]);
      HFLAG(p, sub_layer_frame_only_constraint_flag[i]);
      // The 43 constraint / reserved bits and sub_layer_inbld_flag (or sub_layer_reserved_zero_bit).
      if (!read_u64(r, err, "sub_layer_max_12bit_constraint_flag", p.sub_layer_constraint_bits[i], 44)) return false;
    }
    if (p.sub_layer_level_present_flag[i]) HU(p, sub_layer_level_idc[i], 8);
  }
  return true;
}

const char* profile_name(const ProfileTierLevel& p) {
  int idc = p.general_profile_idc;
  if (idc == 0) {
    for (int j = 1; j < 32; ++j)
      if (p.general_profile_compatibility_flag[j]) { idc = j; break; }
  }
  switch (idc) {
    case 1: return "Main";
    case 2: return "Main 10";
    case 3: return "Main Still Picture";
    case 4: return "Rext";
    case 9: return "SCC";
    default: return "unknown";
  }
}

}  // namespace mi::hevc
