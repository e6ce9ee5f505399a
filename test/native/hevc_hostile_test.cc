// HEVC front-end on hostile input: truncation at every byte, absurd counts, wrong layers, random
// bytes and bit-flipped fixtures. Expected: no crash and no UB (run under ASan/UBSan too), a
// ParseError with the element and the spec range.
#include <cstdint>
#include <vector>
#include "check.h"
#include "hevc/front.h"
#include "hevc_bitwriter.h"

using hevctest::BitWriter;
using namespace mi;
using namespace mi::hevc;

namespace {

void ptl(BitWriter& w) {
  w.u(2, 0).flag(0).u(5, 1).u(32, 0x60000000).flag(1).flag(0).flag(0).flag(1).u(43, 0).flag(0).u(8, 93);
}

std::vector<uint8_t> vps() {
  BitWriter w;
  w.u(4, 0).flag(1).flag(1).u(6, 0).u(3, 0).flag(1).u(16, 0xFFFF);
  ptl(w);
  w.flag(1).ue(4).ue(2).ue(0).u(6, 0).ue(0).flag(0).flag(0).trailing();
  return w.nal(nut::VPS_NUT);
}

// 416x240 4:2:0, CTB 16 (PicWidthInCtbsY 26, PicHeightInCtbsY 15), MaxPicOrderCntLsb 256,
// num_short_term_ref_pic_sets as given (each {-1 used}), no VUI.
std::vector<uint8_t> sps(uint32_t num_sets = 1, uint8_t layer = 0, uint32_t max_sub_layers_field = 0,
                         bool vui_legacy = false) {
  BitWriter w;
  w.u(4, 0).u(3, max_sub_layers_field).flag(1);
  ptl(w);
  w.ue(0).ue(1).ue(416).ue(240).flag(0).ue(0).ue(0).ue(4);
  w.flag(1).ue(4).ue(2).ue(0);
  w.ue(0).ue(1).ue(0).ue(2).ue(1).ue(1);  // CB 8..16, TB 4..16
  w.flag(0).flag(0).flag(0).flag(0);
  w.ue(num_sets);
  for (uint32_t i = 0; i < num_sets && i < 64; ++i) {
    if (i) w.flag(0);
    w.ue(1).ue(0).ue(0).flag(1);
  }
  w.flag(0).flag(1).flag(0);
  w.flag(vui_legacy);
  if (vui_legacy) {
    // A VUI in the pre-standard layout without default_display_window_flag: after
    // frame_field_info_present_flag comes vui_timing_info_present_flag = 1 directly.
    w.flag(0).flag(0).flag(0).flag(0).flag(0).flag(0).flag(0);
    w.flag(1).u(32, 1001).u(32, 24000).flag(0).flag(0);  // timing 24000/1001, no HRD
    w.flag(0);                                           // bitstream_restriction_flag
  }
  w.flag(0).trailing();
  return w.nal(nut::SPS_NUT, layer);
}

std::vector<uint8_t> pps_wpp() {
  BitWriter w;
  w.ue(0).ue(0).flag(0).flag(0).u(3, 0).flag(0).flag(0).ue(0).ue(0).se(0);
  w.flag(0).flag(0).flag(0).se(0).se(0).flag(0).flag(0).flag(0).flag(0);
  w.flag(0).flag(1);  // tiles 0, WPP 1: num_entry_point_offsets <= PicHeightInCtbsY - 1 = 14
  w.flag(0).flag(0).flag(0).flag(0).ue(0).flag(0).flag(0).trailing();
  return w.nal(nut::PPS_NUT);
}

std::vector<uint8_t> idr(uint32_t entry_points, size_t data = 64) {
  BitWriter w;
  w.flag(1).flag(0).ue(0).ue(2).se(0).ue(entry_points);
  if (entry_points > 0 && entry_points < 20) {
    w.ue(7);
    for (uint32_t i = 0; i < entry_points; ++i) w.u(8, 1);
  }
  w.align_one();
  for (size_t i = 0; i < data; ++i) w.u(8, 0x55);
  return w.nal(nut::IDR_N_LP);
}

void feed(Front& f, const std::vector<uint8_t>& n, NalEvent& ev, bool prefix_only = false) {
  f.on_nal(n.data(), n.size(), prefix_only, ev);
}

// xorshift64: deterministic pseudo-random input.
struct Rng {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  uint64_t next() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
};

}  // namespace

TEST(hevc_hostile_absurd_counts) {
  Front f;
  NalEvent ev;
  feed(f, vps(), ev);
  feed(f, sps(65), ev);  // 7.4.3.2.1: num_short_term_ref_pic_sets in [0, 64]
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  CHECK_STR(ev.err.element, "num_short_term_ref_pic_sets");
  CHECK_EQ(ev.err.value, 65);
  CHECK_EQ(ev.err.max, 64);
  CHECK(f.sps(0) == nullptr);
  feed(f, sps(1), ev);
  CHECK(ev.err.ok() && ev.param_set_changed);
  feed(f, pps_wpp(), ev);
  CHECK(ev.err.ok());
  feed(f, idr(1000), ev);  // 7.4.7.1: num_entry_point_offsets in [0, PicHeightInCtbsY - 1]
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  CHECK_STR(ev.err.element, "num_entry_point_offsets");
  CHECK_EQ(ev.err.max, 14);
  CHECK(!ev.header_parsed && ev.first_slice_of_picture);
  feed(f, idr(0x7FFFFFFF), ev);
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  feed(f, idr(3, 2), ev);  // offsets 2 + 2 + 2 = 6 bytes into 2 bytes of slice data
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  CHECK_STR(ev.err.element, "entry_point_offset_minus1");
  CHECK(ev.header_parsed);
  feed(f, idr(3), ev);
  CHECK(ev.err.ok() && ev.header_parsed);
}

TEST(hevc_hostile_layers_and_headers) {
  Front f;
  NalEvent ev;
  feed(f, vps(), ev);
  feed(f, sps(), ev);
  feed(f, pps_wpp(), ev);
  // F.7.3.2.2.1: nuh_layer_id > 0 and sps_ext_or_max_sub_layers_minus1 == 7 (MultiLayerExtSpsFlag).
  feed(f, sps(1, 1, 7), ev);
  CHECK(ev.err.status == ParseStatus::kUnsupported);
  CHECK_STR(ev.err.element, "sps_ext_or_max_sub_layers_minus1");
  CHECK(f.sps(0) != nullptr);  // the base layer's SPS 0 is untouched
  // A layer-1 SPS without the multi-layer form is read but not stored.
  feed(f, sps(2, 1, 0), ev);
  CHECK(ev.err.ok());
  CHECK_EQ(f.sps(0)->num_short_term_ref_pic_sets, 1);
  // A layer-1 slice: classified, not read.
  std::vector<uint8_t> s = idr(0);
  s[0] = static_cast<uint8_t>(s[0] | 0);
  s[1] = static_cast<uint8_t>((1 << 3) | 1);
  feed(f, s, ev);
  CHECK(ev.err.status == ParseStatus::kUnsupported);
  CHECK_STR(ev.err.element, "nuh_layer_id");
  CHECK(ev.is_vcl && ev.idr && !ev.first_slice_of_picture && !ev.header_parsed);
  // 7.4.2.2: forbidden_zero_bit and nuh_temporal_id_plus1 == 0.
  s = idr(0);
  s[0] |= 0x80;
  feed(f, s, ev);
  CHECK(ev.forbidden_zero_bit && ev.err.status == ParseStatus::kInvalid);
  s = idr(0);
  s[1] &= 0xF8;
  feed(f, s, ev);
  CHECK(ev.err.status == ParseStatus::kOutOfRange);
  CHECK_STR(ev.err.element, "nuh_temporal_id_plus1");
  const uint8_t one = 0x26;
  f.on_nal(&one, 1, false, ev);
  CHECK(ev.err.status == ParseStatus::kTruncated);
  f.on_nal(&one, 0, true, ev);
  CHECK(ev.err.status == ParseStatus::kTruncated && !ev.header_parsed);
}

TEST(hevc_hostile_prefix_only) {
  Front f;
  NalEvent ev;
  feed(f, vps(), ev);
  feed(f, sps(), ev);
  feed(f, pps_wpp(), ev);
  const std::vector<uint8_t> s = idr(2);
  // The header needs the first 5 bytes (2 NAL header + 3 RBSP); a 3-byte prefix is "need more data".
  f.on_nal(s.data(), 3, true, ev);
  CHECK(ev.err.status == ParseStatus::kTruncated);
  CHECK(!ev.header_parsed && ev.first_slice_of_picture);
  f.on_nal(s.data(), 20, true, ev);  // header fits: parsed, entry points not checked against the size
  CHECK(ev.err.ok() && ev.header_parsed);
  const std::vector<uint8_t> p = pps_wpp();
  f.on_nal(p.data(), p.size(), true, ev);  // parameter sets are not read from a prefix
  CHECK(ev.err.status == ParseStatus::kTruncated);
}

TEST(hevc_vui_legacy_layout) {
  Front f;
  NalEvent ev;
  feed(f, vps(), ev);
  feed(f, sps(1, 0, 0, true), ev);
  // Read with default_display_window_flag the SPS fails (the timing bits become window offsets);
  // the pre-standard layout parses and is reported as non-conforming but kept.
  CHECK(ev.err.status == ParseStatus::kInvalid);
  CHECK_STR(ev.err.element, "default_display_window_flag");
  const Sps* s = f.sps(0);
  CHECK(s != nullptr);
  if (s) {
    CHECK(s->vui.legacy_without_default_display_window);
    CHECK_EQ(s->vui.vui_time_scale, 24000u);
  }
}

TEST(hevc_hostile_truncation_every_byte) {
  const std::vector<std::vector<uint8_t>> nals = {vps(), sps(3), pps_wpp(), idr(2)};
  for (size_t k = 0; k < nals.size(); ++k) {
    for (size_t len = 0; len < nals[k].size(); ++len) {
      for (int prefix = 0; prefix < 2; ++prefix) {
        Front f;
        NalEvent ev;
        for (size_t j = 0; j < k; ++j) feed(f, nals[j], ev);
        std::vector<uint8_t> cut(nals[k].begin(), nals[k].begin() + static_cast<long>(len));
        f.on_nal(cut.data(), cut.size(), prefix != 0, ev);
        // Parameter sets cut anywhere must fail; a slice may only succeed once its header fits.
        if (k < 3) CHECK(!ev.err.ok());
        if (prefix && !ev.err.ok()) CHECK(ev.err.status == ParseStatus::kTruncated);
      }
    }
  }
}

TEST(hevc_hostile_random_and_bitflips) {
  Rng rng;
  Front f;
  NalEvent ev;
  std::vector<uint8_t> buf;
  long errors = 0;
  for (int i = 0; i < 20000; ++i) {
    buf.resize(rng.next() % 96);
    for (auto& b : buf) b = static_cast<uint8_t>(rng.next());
    if (buf.size() >= 2) buf[1] = static_cast<uint8_t>((buf[1] & 0xF8) | 1);  // valid temporal id
    f.on_nal(buf.data(), buf.size(), (i & 7) == 0, ev);
    errors += !ev.err.ok();
  }
  CHECK(errors > 0);
  // Bit flips in valid parameter sets and slices, fed in order so the slices meet real sets.
  const std::vector<std::vector<uint8_t>> base = {vps(), sps(5), pps_wpp(), idr(3)};
  for (int i = 0; i < 20000; ++i) {
    Front g;
    for (const auto& n : base) {
      std::vector<uint8_t> m = n;
      const unsigned flips = 1 + static_cast<unsigned>(rng.next() % 3);
      for (unsigned j = 0; j < flips; ++j) m[2 + rng.next() % (m.size() - 2)] ^= static_cast<uint8_t>(1u << (rng.next() % 8));
      g.on_nal(m.data(), m.size(), false, ev);
    }
    StreamSummary s;
    g.summary(s);
  }
  CHECK(true);
}
