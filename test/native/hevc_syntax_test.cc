// Single syntax structures of ITU-T H.265 (V8, 08/2021) on hand-written bits: profile_tier_level()
// with sub-layers, scaling_list_data(), pps tiles against the SPS (6.5.1), and the ranges that
// the structures enforce.
#include <vector>
#include "check.h"
#include "hevc/pps.h"
#include "hevc/profile_tier_level.h"
#include "hevc/scaling_list_data.h"
#include "hevc/sps.h"
#include "hevc_bitwriter.h"

using hevctest::BitWriter;
using namespace mi;
using namespace mi::hevc;

TEST(hevc_profile_tier_level_sub_layers) {
  // profile_tier_level(1, 2): general Main 10 (idc 2, compatibility flag 2), level 120;
  // sub-layer 0: profile present (Main, level absent), sub-layer 1: level 90 only;
  // reserved_zero_2bits for i = 2..7 (maxNumSubLayersMinus1 < 8), then a marker byte.
  BitWriter w;
  w.u(2, 0).flag(1).u(5, 2).u(32, 0x20000000).flag(1).flag(0).flag(0).flag(1);
  w.u(7, 0).flag(1).u(35, 0).flag(0);  // profile 2 branch: one_picture_only_constraint_flag = 1
  w.u(8, 120);
  w.flag(1).flag(0).flag(0).flag(1);   // sub_layer_profile/level_present_flag[0..1]
  for (int i = 2; i < 8; ++i) w.u(2, 0);
  w.u(2, 0).flag(0).u(5, 1).u(32, 0x40000000).flag(1).flag(0).flag(0).flag(1).u(43, 0).flag(0);
  w.u(8, 90);
  w.u(8, 0xA5);
  BitReader r(w.rbsp().data(), w.rbsp().size());
  ParseError err;
  ProfileTierLevel p;
  CHECK(profile_tier_level(r, err, true, 2, p));
  CHECK(err.ok());
  CHECK(p.general_tier_flag);
  CHECK_EQ(p.general_profile_idc, 2);
  CHECK(p.general_profile_compatibility_flag[2] && !p.general_profile_compatibility_flag[1]);
  CHECK(p.general_one_picture_only_constraint_flag);
  CHECK_EQ(p.general_level_idc, 120);
  CHECK(p.sub_layer_profile_present_flag[0] && !p.sub_layer_level_present_flag[0]);
  CHECK(!p.sub_layer_profile_present_flag[1] && p.sub_layer_level_present_flag[1]);
  CHECK_EQ(p.sub_layer_profile_idc[0], 1);
  CHECK_EQ(p.sub_layer_profile_compatibility_flags[0], 0x40000000u);
  CHECK_EQ(p.sub_layer_level_idc[1], 90);
  CHECK_EQ(r.u(8), 0xA5u);  // every bit consumed exactly
  CHECK_STR(profile_name(p), "Main 10");
  // Cut short: kTruncated, named.
  BitReader cut(w.rbsp().data(), 10);
  ParseError e2;
  CHECK(!profile_tier_level(cut, e2, true, 2, p));
  CHECK(e2.status == ParseStatus::kTruncated);
}

TEST(hevc_scaling_list_data) {
  // sizeId 0..3: every matrix predicted (pred_mode_flag 0, delta 0) except sizeId 2 matrixId 0:
  // explicit with scaling_list_dc_coef_minus8 = 8 (DC 16) and 64 deltas of 0.
  BitWriter w;
  for (int sizeId = 0; sizeId < 4; ++sizeId)
    for (int m = 0; m < 6; m += sizeId == 3 ? 3 : 1) {
      if (sizeId == 2 && m == 0) {
        w.flag(1).se(8);
        for (int i = 0; i < 64; ++i) w.se(0);
      } else {
        w.flag(0).ue(m == 0 ? 0 : 1);  // refMatrixId = matrixId - delta
      }
    }
  w.u(8, 0x5A);
  BitReader r(w.rbsp().data(), w.rbsp().size());
  ParseError err;
  ScalingListData s;
  CHECK(scaling_list_data(r, err, s));
  CHECK(s.scaling_list_pred_mode_flag[2][0]);
  CHECK_EQ(s.scaling_list_dc_coef_minus8[0][0], 8);
  CHECK_EQ(s.scaling_list_pred_matrix_id_delta[3][3], 1);
  CHECK_EQ(r.u(8), 0x5Au);
  // 7.4.5: scaling_list_pred_matrix_id_delta[0][1] in [0, 1]; 2 is out of range.
  BitWriter b;
  b.flag(0).ue(0).flag(0).ue(2);
  BitReader rb(b.rbsp().data(), b.rbsp().size());
  ParseError eb;
  CHECK(!scaling_list_data(rb, eb, s));
  CHECK(eb.status == ParseStatus::kOutOfRange);
  CHECK_EQ(eb.max, 1);
  // 7.4.5: a coefficient of 0 (nextCoef 8 + delta -8) is not allowed.
  BitWriter z;
  z.flag(1).se(-8);
  BitReader rz(z.rbsp().data(), z.rbsp().size());
  ParseError ez;
  CHECK(!scaling_list_data(rz, ez, s));
  CHECK_STR(ez.element, "scaling_list_delta_coef");
}

namespace {

// PPS with tiles: num_tile_columns_minus1 / rows as given, uniform spacing.
std::vector<uint8_t> pps_uniform_tiles(unsigned cols_minus1, unsigned rows_minus1) {
  BitWriter w;
  w.ue(0).ue(0).flag(0).flag(0).u(3, 0).flag(0).flag(0).ue(0).ue(0).se(0);
  w.flag(0).flag(0).flag(0).se(0).se(0).flag(0).flag(0).flag(0).flag(0);
  w.flag(1).flag(0).ue(cols_minus1).ue(rows_minus1).flag(1).flag(1);
  w.flag(0).flag(0).flag(0).flag(0).ue(0).flag(0).flag(0).trailing();
  return w.nal(34);
}

}  // namespace

TEST(hevc_pps_uniform_tiles_bind) {
  Sps s;  // the derived values pps_bind_sps() uses
  s.PicWidthInCtbsY = 30;
  s.PicHeightInCtbsY = 17;
  s.CtbLog2SizeY = 6;
  s.log2_diff_max_min_luma_coding_block_size = 3;
  s.MaxTbLog2SizeY = 5;
  std::vector<uint8_t> n = pps_uniform_tiles(3, 2);
  BitReader r(n.data() + 2, n.size() - 2);
  ParseError err, soft;
  Pps p;
  CHECK(pic_parameter_set_rbsp(r, err, 0, p, soft));
  CHECK(pps_bind_sps(p, s, err));
  // (6-3): colWidth[i] = ((i + 1) * 30) / 4 - (i * 30) / 4 = 7, 8, 7, 8.
  CHECK_EQ(p.colWidth[0], 7);
  CHECK_EQ(p.colWidth[1], 8);
  CHECK_EQ(p.colWidth[2], 7);
  CHECK_EQ(p.colWidth[3], 8);
  // (6-4): rowHeight[j] = ((j + 1) * 17) / 3 - (j * 17) / 3 = 5, 6, 6.
  CHECK_EQ(p.rowHeight[0], 5);
  CHECK_EQ(p.rowHeight[1], 6);
  CHECK_EQ(p.rowHeight[2], 6);
  // 7.4.3.3.1: 31 columns do not fit 30 CTB columns.
  n = pps_uniform_tiles(30, 0);
  BitReader r2(n.data() + 2, n.size() - 2);
  ParseError e2, s2;
  CHECK(pic_parameter_set_rbsp(r2, e2, 0, p, s2));
  CHECK(!pps_bind_sps(p, s, e2));
  CHECK_STR(e2.element, "num_tile_columns_minus1");
  CHECK_EQ(e2.max, 29);
  // More columns than kept (kMaxTileColumns): reported unsupported, not read past.
  n = pps_uniform_tiles(kMaxTileColumns, 0);
  BitReader r3(n.data() + 2, n.size() - 2);
  ParseError e3, s3;
  CHECK(!pic_parameter_set_rbsp(r3, e3, 0, p, s3));
  CHECK(e3.status == ParseStatus::kUnsupported);
}
