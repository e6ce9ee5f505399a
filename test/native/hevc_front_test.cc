// HEVC front-end on hand-built parameter sets and slices. Every fixture is written element by
// element with hevc_bitwriter.h, so the expected values follow from the syntax tables of
// ITU-T H.265 (V8, 08/2021) and the derivations cited next to each check.
#include <cstring>
#include <vector>
#include "check.h"
#include "hevc/front.h"
#include "hevc_bitwriter.h"

using hevctest::BitWriter;
using namespace mi;
using namespace mi::hevc;

namespace {

// profile_tier_level(1, 0): Main (general_profile_idc 1, compatibility flags 1 and 2),
// progressive + frame-only, general_level_idc 93 (level 3.1).
void ptl_main(BitWriter& w, unsigned level = 93) {
  w.u(2, 0).flag(0).u(5, 1).u(32, 0x60000000);
  w.flag(1).flag(0).flag(0).flag(1);
  w.u(43, 0).flag(0);
  w.u(8, level);
}

// 7.3.2.1 VPS 0: one layer, one sub-layer, DPB 5 / reorder 2, timing 30000/1001.
std::vector<uint8_t> make_vps(uint16_t reserved_ffff = 0xFFFF) {
  BitWriter w;
  w.u(4, 0).flag(1).flag(1).u(6, 0).u(3, 0).flag(1).u(16, reserved_ffff);
  ptl_main(w);
  w.flag(1).ue(4).ue(2).ue(0);        // vps_sub_layer_ordering_info_present_flag, [0]
  w.u(6, 0).ue(0);                    // vps_max_layer_id, vps_num_layer_sets_minus1
  w.flag(1).u(32, 1001).u(32, 30000); // vps_timing_info_present_flag, units, scale
  w.flag(0).ue(0);                    // poc proportional, vps_num_hrd_parameters
  w.flag(0).trailing();               // vps_extension_flag
  return w.nal(nut::VPS_NUT);
}

struct SpsOptions {
  uint32_t num_short_term_ref_pic_sets = 3;
  bool default_display_window = false;
  uint8_t nuh_layer_id = 0;
  uint32_t ext_or_max_sub_layers_minus1 = 0;
};

// 7.3.2.2 SPS 0: 1920x1088 coded, 4:2:0 8-bit, conformance window bottom 4 (x SubHeightC 2 = 8
// lines: 1920x1080), MaxPicOrderCntLsb 256, CTB 64 (MinCb 8), DPB 7 (minus1 6), three short-term
// RPS (set 1 predicted from set 0), two long-term candidates, VUI with 60000/1001 timing + HRD.
std::vector<uint8_t> make_sps(const SpsOptions& o = SpsOptions()) {
  BitWriter w;
  w.u(4, 0).u(3, o.ext_or_max_sub_layers_minus1).flag(1);
  ptl_main(w);
  w.ue(0).ue(1).ue(1920).ue(1088);       // sps id, chroma_format_idc, width, height
  w.flag(1).ue(0).ue(0).ue(0).ue(4);     // conformance window: left right top bottom
  w.ue(0).ue(0).ue(4);                   // bit depths, log2_max_pic_order_cnt_lsb_minus4
  w.flag(1).ue(6).ue(2).ue(0);           // ordering info: dec_pic_buffering_minus1 6, reorder 2
  w.ue(0).ue(3).ue(0).ue(3).ue(1).ue(1); // CB 8..64, TB 4..32, hierarchy depths
  w.flag(0).flag(1).flag(1).flag(0);     // scaling lists, amp, sao, pcm
  w.ue(o.num_short_term_ref_pic_sets);
  if (o.num_short_term_ref_pic_sets == 3) {
    // set 0 (explicit): S0 = {-1 used, -3 unused}, S1 = {+2 used}
    w.ue(2).ue(1).ue(0).flag(1).ue(1).flag(0).ue(1).flag(1);
    // set 1: inter_ref_pic_set_prediction_flag 1 (RefRpsIdx 0), delta_rps_sign 1,
    // abs_delta_rps_minus1 0 => deltaRps -1; j = 0..3: used {1, 0 (use_delta 1), 1, 1}.
    w.flag(1).flag(1).ue(0);
    w.flag(1).flag(0).flag(1).flag(1).flag(1);
    // set 2: inter_ref_pic_set_prediction_flag 0, S0 = {-1 used}
    w.flag(0).ue(1).ue(0).ue(0).flag(1);
  } else {
    for (uint32_t i = 0; i < o.num_short_term_ref_pic_sets && i < 70; ++i) {
      if (i) w.flag(0);
      w.ue(1).ue(0).ue(0).flag(1);
    }
  }
  w.flag(1).ue(2).u(8, 100).flag(1).u(8, 200).flag(0);  // long-term: 2 candidates, lsb 100 used, 200 not
  w.flag(1).flag(1);                                    // temporal MVP, strong intra smoothing
  w.flag(1);                                            // vui_parameters_present_flag
  // E.2.1 VUI
  w.flag(1).u(8, 1);                      // aspect_ratio_idc 1
  w.flag(0);                              // overscan
  w.flag(1).u(3, 5).flag(0).flag(1).u(8, 1).u(8, 1).u(8, 1);  // video signal, BT.709
  w.flag(0).flag(0).flag(0).flag(0);      // chroma loc, neutral chroma, field_seq, frame_field_info
  w.flag(o.default_display_window);
  if (o.default_display_window) w.ue(0).ue(0).ue(0).ue(0);
  w.flag(1).u(32, 1001).u(32, 60000).flag(0);  // timing 60000/1001
  w.flag(1);                                   // vui_hrd_parameters_present_flag
  // E.2.2 hrd_parameters(1, 0): NAL HRD only, no sub-picture parameters.
  w.flag(1).flag(0).flag(0).u(4, 4).u(4, 6).u(5, 23).u(5, 15).u(5, 4);
  w.flag(1).ue(0).ue(0);                       // fixed_pic_rate_general_flag, elemental duration, cpb_cnt_minus1
  w.ue(9999).ue(29999).flag(1);                // E.2.3 bit rate, cpb size, cbr_flag
  w.flag(0);                                   // bitstream_restriction_flag
  w.flag(0).trailing();                        // sps_extension_present_flag
  return w.nal(nut::SPS_NUT, o.nuh_layer_id);
}

// 7.3.2.3 PPS 0 on SPS 0: dependent slices, 1 extra slice header bit, cabac_init_present, 3 L0
// refs by default, cu_qp_delta depth 1, chroma offsets -2 / 3, weighted P prediction, 3x2 tiles
// (explicit columns 10, 10, 10 CTBs and rows 8, 9) with WPP, deblocking override (beta 2, tc -1),
// lists_modification_present_flag, slice header extension.
std::vector<uint8_t> make_pps(uint8_t pps_id = 0, uint8_t sps_id = 0) {
  BitWriter w;
  w.ue(pps_id).ue(sps_id).flag(1).flag(0).u(3, 1).flag(0).flag(1);
  w.ue(2).ue(0).se(0);                      // default active minus1 l0 2, l1 0, init_qp_minus26 0
  w.flag(0).flag(0).flag(1).ue(1);          // constrained intra, transform skip, cu_qp_delta + depth 1
  w.se(-2).se(3).flag(1);                   // pps_cb/cr_qp_offset, slice chroma offsets present
  w.flag(1).flag(0).flag(0);                // weighted_pred, weighted_bipred, transquant bypass
  w.flag(1).flag(1);                        // tiles_enabled_flag, entropy_coding_sync_enabled_flag
  w.ue(2).ue(1).flag(0).ue(9).ue(9).ue(7);  // 3 columns, 2 rows, explicit widths/heights
  w.flag(1);                                // loop_filter_across_tiles_enabled_flag
  w.flag(1);                                // pps_loop_filter_across_slices_enabled_flag
  w.flag(1).flag(1).flag(0).se(2).se(-1);   // deblocking control
  w.flag(0).flag(1).ue(0).flag(1).flag(0);  // scaling list, lists_modification, merge level, ext, pps_extension
  w.trailing();
  return w.nal(nut::PPS_NUT);
}

// IDR_W_RADL first slice segment: I slice, SAO luma, QP delta 3, chroma offsets 1 / -1, deblocking
// override (beta -3, tc 2), 2 entry points (4-bit offsets 6 and 10), 2 extension bytes.
std::vector<uint8_t> make_idr_slice(uint32_t num_entry_point_offsets = 2, size_t data_bytes = 20) {
  BitWriter w;
  w.flag(1).flag(0).ue(0);            // first_slice_segment_in_pic_flag, no_output_of_prior_pics_flag, pps id
  w.flag(1).ue(2);                    // slice_reserved_flag[0], slice_type I
  w.flag(1).flag(0);                  // slice_sao_luma_flag, slice_sao_chroma_flag
  w.se(3).se(1).se(-1);               // slice_qp_delta, slice_cb/cr_qp_offset
  w.flag(1).flag(0).se(-3).se(2);     // deblocking_filter_override_flag, disabled 0, beta, tc
  w.flag(0);                          // slice_loop_filter_across_slices_enabled_flag
  w.ue(num_entry_point_offsets);
  if (num_entry_point_offsets > 0 && num_entry_point_offsets < 64) {
    w.ue(3);
    for (uint32_t i = 0; i < num_entry_point_offsets; ++i) w.u(4, i == 0 ? 5 : 9);
  }
  w.ue(2).u(8, 0xAB).u(8, 0xCD);      // slice_segment_header_extension_length 2 + bytes
  w.align_one();
  for (size_t i = 0; i < data_bytes; ++i) w.u(8, 0x5A);
  return w.nal(nut::IDR_W_RADL);
}

// TRAIL_R P slice, POC lsb 5, SPS RPS 1, long-term {SPS candidate 0, lsb 250 with MSB cycle 1},
// 4 active refs with list modification {4, 0, 1, 2}, weighted prediction table.
std::vector<uint8_t> make_p_slice() {
  BitWriter w;
  w.flag(1).ue(0);                         // first_slice_segment_in_pic_flag, pps id
  w.flag(0).ue(1);                         // slice_reserved_flag[0], slice_type P
  w.u(8, 5).flag(1).u(2, 1);               // slice_pic_order_cnt_lsb, sps rps flag, idx 1
  w.ue(1).ue(1);                           // num_long_term_sps, num_long_term_pics
  w.u(1, 0).flag(0);                       // [0]: lt_idx_sps u(1) 0 (lsb 100, used), delta_poc_msb_present_flag 0
  w.u(8, 250).flag(1).flag(1).ue(1);       // [1]: poc_lsb_lt, used, delta_poc_msb_present_flag, cycle 1
  w.flag(1);                               // slice_temporal_mvp_enabled_flag
  w.flag(0).flag(1);                       // SAO luma 0, chroma 1
  w.flag(1).ue(3);                         // override, num_ref_idx_l0_active_minus1 3
  w.flag(1).u(3, 4).u(3, 0).u(3, 1).u(3, 2);  // ref_pic_list_modification_flag_l0 + list_entry_l0
  w.flag(1);                               // cabac_init_flag
  w.ue(2);                                 // collocated_ref_idx (collocated_from_l0 inferred 1)
  // pred_weight_table: denominators 6 and 6-1; luma flags {1,0,0,0}; chroma flags {0,1,0,0}
  w.ue(6).se(-1).flag(1).flag(0).flag(0).flag(0).flag(0).flag(1).flag(0).flag(0);
  w.se(-3).se(10);                         // delta_luma_weight_l0[0], luma_offset_l0[0]
  w.se(2).se(-20).se(0).se(5);             // chroma weight/offset of [1], j = 0, 1
  w.ue(2);                                 // five_minus_max_num_merge_cand
  w.se(-2).se(0).se(0);                    // slice_qp_delta, cb, cr
  w.flag(0);                               // deblocking_filter_override_flag
  w.flag(1);                               // slice_loop_filter_across_slices_enabled_flag
  w.ue(0).ue(0);                           // num_entry_point_offsets, extension length
  w.align_one();
  for (int i = 0; i < 8; ++i) w.u(8, 0x77);
  return w.nal(nut::TRAIL_R);
}

// Dependent slice segment of the P picture at CTB 60 (9-bit slice_segment_address: PicSizeInCtbsY 510).
std::vector<uint8_t> make_dependent_slice() {
  BitWriter w;
  w.flag(0).ue(0).flag(1).u(9, 60);   // first 0, pps 0, dependent_slice_segment_flag, address
  w.ue(0).ue(0).align_one();          // num_entry_point_offsets, extension length
  for (int i = 0; i < 4; ++i) w.u(8, 0x66);
  return w.nal(nut::TRAIL_R);
}

void feed(Front& f, const std::vector<uint8_t>& nal, NalEvent& ev, bool prefix_only = false) {
  f.on_nal(nal.data(), nal.size(), prefix_only, ev);
}

void setup(Front& f) {
  NalEvent ev;
  feed(f, make_vps(), ev);
  feed(f, make_sps(), ev);
  feed(f, make_pps(), ev);
}

}  // namespace

TEST(hevc_nal_classification) {
  // Table 7-1.
  CHECK(is_sub_layer_non_reference(nut::TRAIL_N) && is_sub_layer_non_reference(nut::RSV_VCL_N14));
  CHECK(!is_sub_layer_non_reference(nut::TRAIL_R) && !is_sub_layer_non_reference(nut::BLA_W_LP));
  CHECK(is_irap(16) && is_irap(23) && !is_irap(15) && !is_irap(24));
  CHECK(is_idr(19) && is_idr(20) && !is_idr(21));
  CHECK(is_bla(16) && is_bla(18) && !is_bla(19) && is_cra(21));
  CHECK(is_rasl(8) && is_rasl(9) && is_radl(6) && is_radl(7));
  CHECK(is_reserved(10) && is_reserved(15) && is_reserved(22) && is_reserved(31) && is_reserved(41) && is_reserved(47));
  CHECK(!is_reserved(21) && !is_reserved(40) && is_unspecified(48) && is_unspecified(63));
  // 7.4.2.4.4: AUD, VPS, SPS, PPS, prefix SEI, 41..44, 48..55 start an AU after a VCL NAL unit.
  for (unsigned t = 0; t < 64; ++t) {
    const bool expect = (t >= 32 && t <= 35) || t == 39 || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
    CHECK_EQ(starts_au_after_vcl(static_cast<uint8_t>(t)), expect);
  }
  // nal_unit_header(): 0x40 0x01 is VPS, layer 0, TemporalId 0; 0x03 0x0B is type 1, layer 1, tid+1 3.
  NalUnitHeader h;
  ParseError e;
  const uint8_t a[] = {0x40, 0x01}, b[] = {0x03, 0x0B};
  CHECK(nal_unit_header(a, 2, h, e));
  CHECK_EQ(h.nal_unit_type, 32);
  CHECK_EQ(h.TemporalId(), 0);
  CHECK(nal_unit_header(b, 2, h, e));
  CHECK_EQ(h.nal_unit_type, 1);
  CHECK_EQ(h.nuh_layer_id, 33);  // (0x03 & 1) << 5 | 0x0B >> 3
  CHECK_EQ(h.TemporalId(), 2);
}

TEST(hevc_parameter_sets_and_summary) {
  Front f;
  NalEvent ev;
  feed(f, make_vps(), ev);
  CHECK(ev.err.ok());
  CHECK(ev.param_set && !ev.param_set_changed && ev.header_parsed);
  CHECK_EQ(ev.vps_id, 0);
  const Vps* v = f.vps(0);
  CHECK(v != nullptr);
  if (v) {
    CHECK_EQ(v->vps_max_dec_pic_buffering_minus1[0], 4);
    CHECK_EQ(v->vps_time_scale, 30000u);
    CHECK_EQ(v->profile_tier_level.general_level_idc, 93);
  }
  feed(f, make_sps(), ev);
  CHECK(ev.err.ok());
  CHECK_EQ(ev.sps_id, 0);
  const Sps* s = f.sps(0);
  CHECK(s != nullptr);
  if (!s) return;
  // 7.4.3.2.1 derived variables.
  CHECK_EQ(s->ChromaArrayType, 1);
  CHECK_EQ(s->SubWidthC, 2);
  CHECK_EQ(s->SubHeightC, 2);
  CHECK_EQ(s->MinCbLog2SizeY, 3);
  CHECK_EQ(s->CtbLog2SizeY, 6);
  CHECK_EQ(s->PicWidthInCtbsY, 30u);   // 1920 / 64
  CHECK_EQ(s->PicHeightInCtbsY, 17u);  // 1088 / 64
  CHECK_EQ(s->PicSizeInCtbsY, 510u);
  CHECK_EQ(s->MaxPicOrderCntLsb, 256u);
  CHECK_EQ(s->cropped_width, 1920u);
  CHECK_EQ(s->cropped_height, 1080u);  // 1088 - SubHeightC * 4
  CHECK_EQ(s->sps_max_dec_pic_buffering_minus1[0], 6);
  // Set 0 written explicitly (7-63..7-66).
  const StRefPicSet& r0 = s->st_ref_pic_set[0];
  CHECK_EQ(r0.NumNegativePics, 2);
  CHECK_EQ(r0.DeltaPocS0[0], -1);
  CHECK_EQ(r0.DeltaPocS0[1], -3);
  CHECK(r0.UsedByCurrPicS0[0] && !r0.UsedByCurrPicS0[1]);
  CHECK_EQ(r0.NumPositivePics, 1);
  CHECK_EQ(r0.DeltaPocS1[0], 2);
  // Set 1 predicted with deltaRps = -1 (7-61, 7-62): S0 = {deltaRps, -1 - 1, -3 - 1} with
  // used {flag[3], flag[0], flag[1]} = {1, 1, 0}; S1 = {2 - 1} used flag[2] = 1.
  const StRefPicSet& r1 = s->st_ref_pic_set[1];
  CHECK(r1.inter_ref_pic_set_prediction_flag);
  CHECK_EQ(r1.NumNegativePics, 3);
  CHECK_EQ(r1.DeltaPocS0[0], -1);
  CHECK_EQ(r1.DeltaPocS0[1], -2);
  CHECK_EQ(r1.DeltaPocS0[2], -4);
  CHECK(r1.UsedByCurrPicS0[0] && r1.UsedByCurrPicS0[1] && !r1.UsedByCurrPicS0[2]);
  CHECK_EQ(r1.NumPositivePics, 1);
  CHECK_EQ(r1.DeltaPocS1[0], 1);
  CHECK(r1.UsedByCurrPicS1[0]);
  CHECK_EQ(r1.NumDeltaPocs, 4);
  CHECK_EQ(s->st_ref_pic_set[2].NumNegativePics, 1);
  CHECK_EQ(s->num_long_term_ref_pics_sps, 2);
  CHECK_EQ(s->lt_ref_pic_poc_lsb_sps[1], 200);
  // VUI + HRD.
  CHECK_EQ(s->vui.vui_time_scale, 60000u);
  CHECK(s->vui.hrd_parameters.nal_hrd_parameters_present_flag);
  CHECK_EQ(s->vui.hrd_parameters.au_cpb_removal_delay_length_minus1, 15);
  CHECK_EQ(s->vui.hrd_parameters.nal_sub_layer[0].bit_rate_value_minus1, 9999u);
  CHECK(s->vui.hrd_parameters.nal_sub_layer[0].cbr_flag);
  CHECK_EQ(s->vui.matrix_coeffs, 1);

  feed(f, make_pps(), ev);
  CHECK(ev.err.ok());
  CHECK_EQ(ev.pps_id, 0);
  const Pps* p = f.pps(0);
  CHECK(p != nullptr);
  if (p) {
    CHECK_EQ(p->num_extra_slice_header_bits, 1);
    CHECK_EQ(p->pps_cb_qp_offset, -2);
    // 6.5.1: explicit tiles, last column / row take the rest: 30 - 20 = 10, 17 - 8 = 9.
    CHECK_EQ(p->colWidth[0], 10);
    CHECK_EQ(p->colWidth[2], 10);
    CHECK_EQ(p->rowHeight[0], 8);
    CHECK_EQ(p->rowHeight[1], 9);
    CHECK_EQ(p->pps_beta_offset_div2, 2);
  }

  StreamSummary sum;
  f.summary(sum);
  CHECK(sum.valid);
  CHECK(sum.codec == Codec::kHevc);
  CHECK_STR(sum.profile_name, "Main");
  CHECK_EQ(sum.profile_idc, 1u);
  CHECK_EQ(sum.level_idc, 93u);
  CHECK_EQ(sum.width, 1920u);
  CHECK_EQ(sum.height, 1080u);
  CHECK_EQ(sum.coded_height, 1088u);
  CHECK_EQ(sum.frame_rate_num, 60000u);
  CHECK_EQ(sum.frame_rate_den, 1001u);
  CHECK(!sum.interlaced);
}

TEST(hevc_slices_poc_rps) {
  Front f;
  setup(f);
  NalEvent ev;
  feed(f, make_idr_slice(), ev);
  CHECK(ev.err.ok());
  CHECK(ev.is_vcl && ev.header_parsed && ev.first_slice_of_picture);
  CHECK(ev.idr && ev.irap && !ev.cra && ev.reference);
  CHECK(ev.slice_pic_type == PicType::kI);
  CHECK_EQ(ev.poc, 0);
  CHECK_EQ(ev.pps_id, 0);
  CHECK_EQ(ev.sps_id, 0);
  CHECK_EQ(ev.vps_id, 0);
  const SliceSegmentHeader& h = f.slice_header();
  CHECK_EQ(h.slice_reserved_flag, 1);
  CHECK_EQ(h.SliceQpY, 29);  // 26 + init_qp_minus26 0 + slice_qp_delta 3
  CHECK_EQ(h.slice_beta_offset_div2, -3);
  CHECK(!h.slice_loop_filter_across_slices_enabled_flag);
  CHECK_EQ(h.num_entry_point_offsets, 2u);
  CHECK_EQ(h.entry_point_offset_sum, 16u);  // (5 + 1) + (9 + 1)
  CHECK_EQ(h.slice_segment_header_extension_length, 2);
  CHECK(f.poc_result().NoRaslOutputFlag);

  feed(f, make_p_slice(), ev);
  CHECK(ev.err.ok());
  CHECK(ev.header_parsed && ev.first_slice_of_picture && !ev.irap && ev.reference);
  CHECK(ev.slice_pic_type == PicType::kP);
  CHECK_EQ(ev.poc, 5);  // 8.3.1: prevTid0Pic POC 0, lsb 5
  const SliceSegmentHeader& p = f.slice_header();
  CHECK_EQ(p.CurrRpsIdx, 1);
  CHECK_EQ(p.NumPicTotalCurr, 5);  // (7-55): 2 + 1 short-term, 2 long-term
  CHECK(p.ref_pic_list_modification_flag_l0);
  CHECK_EQ(p.list_entry_l0[0], 4);
  CHECK_EQ(p.collocated_ref_idx, 2);
  CHECK_EQ(p.luma_log2_weight_denom, 6);
  CHECK_EQ(p.delta_chroma_log2_weight_denom, -1);
  CHECK_EQ(p.five_minus_max_num_merge_cand, 2);
  CHECK_EQ(p.slice_beta_offset_div2, 2);  // inferred from the PPS
  CHECK(p.slice_loop_filter_across_slices_enabled_flag);
  // 8.3.2 (8-5) with PicOrderCntVal 5 and RPS 1: before {4, 3}, foll {1}, after {6};
  // long-term {100 (lsb only), 250 + 5 - 1 * 256 - 5 = -6 (with MSB)}.
  const PictureRps& r = f.picture_rps();
  CHECK_EQ(r.NumPocStCurrBefore, 2);
  CHECK_EQ(r.PocStCurrBefore[0], 4);
  CHECK_EQ(r.PocStCurrBefore[1], 3);
  CHECK_EQ(r.NumPocStFoll, 1);
  CHECK_EQ(r.PocStFoll[0], 1);
  CHECK_EQ(r.NumPocStCurrAfter, 1);
  CHECK_EQ(r.PocStCurrAfter[0], 6);
  CHECK_EQ(r.NumPocLtCurr, 2);
  CHECK_EQ(r.PocLtCurr[0], 100);
  CHECK(!r.CurrDeltaPocMsbPresentFlag[0]);
  CHECK_EQ(r.PocLtCurr[1], -6);
  CHECK(r.CurrDeltaPocMsbPresentFlag[1]);

  feed(f, make_dependent_slice(), ev);
  CHECK(ev.err.ok());
  CHECK(ev.header_parsed && !ev.first_slice_of_picture);
  CHECK(ev.slice_pic_type == PicType::kP);  // inherited (7.4.7.1)
  CHECK_EQ(ev.poc, 5);
  CHECK_EQ(ev.first_mb_or_ctb, 60u);
  CHECK(f.slice_header().dependent_slice_segment_flag);
  CHECK_EQ(f.slice_header().num_long_term_pics, 1);
}

TEST(hevc_param_set_changed_and_resend) {
  Front f;
  NalEvent ev;
  setup(f);
  feed(f, make_sps(), ev);  // identical: not changed
  CHECK(ev.param_set && !ev.param_set_changed && ev.err.ok());
  SpsOptions o;
  o.default_display_window = true;  // different content, same id
  feed(f, make_sps(o), ev);
  CHECK(ev.param_set && ev.param_set_changed && ev.err.ok());
  CHECK(f.sps(0) && f.sps(0)->vui.default_display_window_flag);
  feed(f, make_idr_slice(), ev);  // the PPS is bound again to the new SPS
  CHECK(ev.err.ok() && ev.header_parsed);
}

TEST(hevc_missing_references) {
  Front f;
  NalEvent ev;
  feed(f, make_idr_slice(), ev);  // nothing received
  CHECK(ev.err.status == ParseStatus::kMissingRef);
  CHECK_STR(ev.err.element, "slice_pic_parameter_set_id");
  CHECK(!ev.header_parsed && ev.first_slice_of_picture);
  feed(f, make_pps(0, 3), ev);  // PPS on absent SPS 3: stored, bound at first use
  CHECK(ev.err.ok());
  feed(f, make_idr_slice(), ev);
  CHECK(ev.err.status == ParseStatus::kMissingRef);
  CHECK_STR(ev.err.element, "pps_seq_parameter_set_id");
  feed(f, make_sps(), ev);
  feed(f, make_pps(), ev);
  feed(f, make_idr_slice(), ev);  // SPS and PPS, no VPS: reported, slice still read
  CHECK(ev.err.status == ParseStatus::kMissingRef);
  CHECK_STR(ev.err.element, "sps_video_parameter_set_id");
  CHECK(ev.header_parsed);
}

TEST(hevc_sei_messages) {
  Front f;
  NalEvent ev;
  // Prefix SEI, recovery_point (payloadType 6, payloadSize 1): recovery_poc_cnt se = -1 ('011'),
  // exact_match_flag 1, broken_link_flag 0, payload_bit_equal_to_one, two zero bits => 0x74.
  const std::vector<uint8_t> rp = {0x4E, 0x01, 0x06, 0x01, 0x74, 0x80};
  feed(f, rp, ev);
  CHECK(ev.err.ok());
  CHECK(ev.recovery_point);
  CHECK_EQ(ev.recovery_frame_cnt, -1);
  CHECK(ev.exact_match && !ev.broken_link);
  CHECK_EQ(f.sei_counters().by_type[6], 1u);
  // Suffix SEI, decoded_picture_hash (132), size 13: hash_type 2 + three 32-bit checksums.
  std::vector<uint8_t> dph = {0x50, 0x01, 0x84, 0x0D, 0x02, 0, 0x0F, 0xE0, 0, 0, 0x09, 0xF8, 0, 0, 0x09, 0xF8, 0, 0x80};
  feed(f, dph, ev);
  CHECK(ev.err.ok());
  CHECK(f.last_sei().has_decoded_picture_hash);
  CHECK_EQ(f.last_sei().decoded_picture_hash.hash_type, 2);
  CHECK_EQ(f.last_sei().decoded_picture_hash.picture_checksum[0], 0x000FE000u);
  // 0x00 0x00 0x09 is written with an emulation prevention byte in the NAL: 00 00 03 09.
  CHECK_EQ(f.last_sei().decoded_picture_hash.picture_checksum[1], 0x0009F800u);
  // decoded_picture_hash in a prefix SEI: Table D.1 placement violation, counted and reported.
  std::vector<uint8_t> misplaced = {0x4E, 0x01, 0x84, 0x01, 0x02, 0x80};
  feed(f, misplaced, ev);
  CHECK(ev.err.status == ParseStatus::kInvalid);
  CHECK_STR(ev.err.element, "payloadType");
  CHECK_EQ(f.sei_counters().misplaced, 1u);
  // payloadSize past the end of the RBSP.
  std::vector<uint8_t> past = {0x4E, 0x01, 0x05, 0x20, 0x11, 0x22, 0x80};
  feed(f, past, ev);
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  CHECK_STR(ev.err.element, "payloadSize");
  // Two messages in one NAL (user data unregistered size 2, then recovery point).
  std::vector<uint8_t> two = {0x4E, 0x01, 0x05, 0x02, 0xAA, 0xBB, 0x06, 0x01, 0x74, 0x80};
  feed(f, two, ev);
  CHECK(ev.err.ok() && ev.recovery_point);
  CHECK_EQ(f.last_sei().message_count, 2u);
}

TEST(hevc_poc_wrap_and_no_rasl_output_flag) {
  // 8.3.1 with MaxPicOrderCntLsb 16 (half 8).
  PocState st;
  PocResult r = decode_picture_order_count(st, nut::CRA_NUT, 0, 0, 16);
  CHECK(r.NoRaslOutputFlag);  // 8.1.3: first picture in the bitstream
  r = decode_picture_order_count(st, nut::TRAIL_R, 0, 14, 16);
  CHECK_EQ(r.PicOrderCntVal, -2);  // (8-1): 14 - 0 > 8 => PicOrderCntMsb = 0 - 16
  st = PocState();
  decode_picture_order_count(st, nut::IDR_N_LP, 0, 0, 16);
  r = decode_picture_order_count(st, nut::TRAIL_R, 0, 6, 16);
  CHECK_EQ(r.PicOrderCntVal, 6);
  r = decode_picture_order_count(st, nut::TRAIL_R, 0, 12, 16);
  CHECK_EQ(r.PicOrderCntVal, 12);
  r = decode_picture_order_count(st, nut::TRAIL_R, 0, 2, 16);
  CHECK_EQ(r.PicOrderCntVal, 18);  // 12 - 2 >= 8 => PicOrderCntMsb 16
  r = decode_picture_order_count(st, nut::TRAIL_N, 0, 9, 16);  // SLNR: not a prevTid0Pic
  CHECK_EQ(r.PicOrderCntVal, 25);
  r = decode_picture_order_count(st, nut::TRAIL_R, 1, 15, 16);  // TemporalId 1: not a prevTid0Pic
  CHECK_EQ(r.PicOrderCntVal, 15);  // prevTid0Pic 18 (lsb 2): 15 - 2 > 8 => msb 16 - 16 = 0
  r = decode_picture_order_count(st, nut::CRA_NUT, 0, 4, 16);
  CHECK(!r.NoRaslOutputFlag);  // CRA in the middle: HandleCraAsBlaFlag 0
  CHECK_EQ(r.PicOrderCntVal, 20);
  st.after_eos = true;
  r = decode_picture_order_count(st, nut::CRA_NUT, 0, 4, 16);
  CHECK(r.NoRaslOutputFlag);
  CHECK_EQ(r.PicOrderCntVal, 4);  // IRAP with NoRaslOutputFlag: PicOrderCntMsb = 0
  st = PocState();  // joined mid-stream: a trailing picture first, then a CRA
  r = decode_picture_order_count(st, nut::TRAIL_R, 0, 9, 16);
  CHECK(r.anchor_missing);
  r = decode_picture_order_count(st, nut::CRA_NUT, 0, 12, 16);
  CHECK(r.NoRaslOutputFlag);  // the first IRAP is the first decodable picture
  CHECK_EQ(r.PicOrderCntVal, 12);
  r = decode_picture_order_count(st, nut::BLA_W_LP, 0, 7, 16);
  CHECK(r.NoRaslOutputFlag);
  CHECK_EQ(r.PicOrderCntVal, 7);
}

TEST(hevc_profile_names) {
  ProfileTierLevel p;
  p.general_profile_idc = 2;
  CHECK_STR(profile_name(p), "Main 10");
  p.general_profile_idc = 4;
  CHECK_STR(profile_name(p), "Rext");
  p.general_profile_idc = 0;
  CHECK_STR(profile_name(p), "unknown");
  p.general_profile_compatibility_flag[3] = true;  // lowest compatible j
  p.general_profile_compatibility_flag[4] = true;
  CHECK_STR(profile_name(p), "Main Still Picture");
}
