// hevc::Checks on hand-built streams: every NAL unit is written element by element with
// hevc_bitwriter.h, run through hevc::Front, then the checks; each test asserts the exact
// catalogue code, the NAL unit (picture) it is raised at, and its values. Clauses: ITU-T H.265
// (V8, 08/2021).
#include <cstring>
#include <string>
#include <vector>
#include "check.h"
#include "hevc/front.h"
#include "hevc_bitwriter.h"
#include "validate/hevc_checks.h"
#include "validate/hevc_level_limits.h"

using hevctest::BitWriter;
using namespace mi;
using namespace mi::hevc;

namespace {

// ---------------------------------------------------------------------------------------------
// Parameter sets

struct Params {
  unsigned profile = 1;               ///< general_profile_idc (1 Main, 2 Main 10, 4 RExt)
  uint32_t rext_flags = 0;            ///< RExt: the 9 constraint flags, max_12bit first (bit 8)
  unsigned level = 60;                ///< general_level_idc (60: level 2)
  unsigned vps_sub_layers_minus1 = 0;
  bool vps_nesting = true;
  bool vps_timing = false;
  uint32_t vps_units = 1, vps_scale = 25;
  unsigned sub_layers_minus1 = 0;
  bool nesting = true;
  unsigned chroma_format_idc = 1;
  unsigned bit_depth_minus8 = 0;
  uint32_t width = 64, height = 64;
  unsigned log2_min_cb_minus3 = 0, log2_diff_cb = 1;  // CTB 16
  std::vector<unsigned> dpb_minus1 = {4};             ///< per sub-layer (ordering info present)
  std::vector<unsigned> reorder = {2};
  bool long_term = false;
  bool vui = false;
  int aspect_ratio_idc = -1;          ///< -1: no aspect ratio info
  bool field_seq_flag = false;
  bool vui_timing = false;
  uint32_t vui_units = 1, vui_scale = 25;
  bool frame_only = true;
  // PPS
  bool dependent_slices = false;
  bool tiles = false;
  unsigned tile_cols_minus1 = 1, tile_rows_minus1 = 1;
};

unsigned log2_max_poc_lsb() { return 8; }  // log2_max_pic_order_cnt_lsb_minus4 = 4

unsigned ceil_log2(uint32_t x) {
  unsigned n = 0;
  while ((uint64_t{1} << n) < x) ++n;
  return n;
}

uint32_t pic_size_in_ctbs(const Params& p) {
  const uint32_t ctb = 1u << (3 + p.log2_min_cb_minus3 + p.log2_diff_cb);
  return ((p.width + ctb - 1) / ctb) * ((p.height + ctb - 1) / ctb);
}

// 7.3.3 profile_tier_level( 1, maxNumSubLayersMinus1 ): no sub-layer profile or level.
void ptl(BitWriter& w, const Params& p, unsigned max_sub_layers_minus1) {
  w.u(2, 0).flag(0).u(5, p.profile);
  uint32_t compat = 1u << (31 - p.profile);
  if (p.profile == 1) compat |= 1u << 29;  // Main is Main 10 compatible
  w.u(32, compat);
  w.flag(1).flag(0).flag(0).flag(p.frame_only);
  if (p.profile == 4) w.u(9, p.rext_flags).u(34, 0);
  else w.u(43, 0);
  w.flag(0);  // general_inbld_flag
  w.u(8, p.level);
  for (unsigned i = 0; i < max_sub_layers_minus1; ++i) w.flag(0).flag(0);
  if (max_sub_layers_minus1 > 0)
    for (unsigned i = max_sub_layers_minus1; i < 8; ++i) w.u(2, 0);
}

// 7.3.2.1
std::vector<uint8_t> vps(const Params& p) {
  BitWriter w;
  w.u(4, 0).flag(1).flag(1).u(6, 0).u(3, p.vps_sub_layers_minus1).flag(p.vps_nesting).u(16, 0xFFFF);
  ptl(w, p, p.vps_sub_layers_minus1);
  w.flag(1);
  for (unsigned i = 0; i <= p.vps_sub_layers_minus1; ++i) w.ue(6).ue(2).ue(0);
  w.u(6, 0).ue(0);
  w.flag(p.vps_timing);
  if (p.vps_timing) w.u(32, p.vps_units).u(32, p.vps_scale).flag(0).ue(0);
  w.flag(0).trailing();
  return w.nal(nut::VPS_NUT);
}

// 7.3.2.2: no short-term RPS in the SPS (every slice codes its own), MaxPicOrderCntLsb 256.
std::vector<uint8_t> sps(const Params& p, uint8_t tid_plus1 = 1) {
  BitWriter w;
  w.u(4, 0).u(3, p.sub_layers_minus1).flag(p.nesting);
  ptl(w, p, p.sub_layers_minus1);
  w.ue(0).ue(p.chroma_format_idc);
  if (p.chroma_format_idc == 3) w.flag(0);
  w.ue(p.width).ue(p.height).flag(0);
  w.ue(p.bit_depth_minus8).ue(p.bit_depth_minus8).ue(log2_max_poc_lsb() - 4);
  w.flag(1);
  for (unsigned i = 0; i <= p.sub_layers_minus1; ++i) {
    const unsigned k = i < p.dpb_minus1.size() ? i : static_cast<unsigned>(p.dpb_minus1.size() - 1);
    w.ue(p.dpb_minus1[k]).ue(p.reorder[k < p.reorder.size() ? k : p.reorder.size() - 1]).ue(0);
  }
  w.ue(p.log2_min_cb_minus3).ue(p.log2_diff_cb);
  const unsigned ctb_log2 = 3 + p.log2_min_cb_minus3 + p.log2_diff_cb;
  const unsigned max_tb = ctb_log2 < 5 ? ctb_log2 : 5;
  w.ue(0).ue(max_tb - 2).ue(0).ue(0);  // TB 4..max_tb, hierarchy depths
  w.flag(0).flag(0).flag(0).flag(0);   // scaling lists, amp, sao, pcm
  w.ue(0);                             // num_short_term_ref_pic_sets
  w.flag(p.long_term);
  if (p.long_term) w.ue(0);            // num_long_term_ref_pics_sps
  w.flag(0).flag(0);                   // temporal MVP, strong intra smoothing
  w.flag(p.vui);
  if (p.vui) {
    w.flag(p.aspect_ratio_idc >= 0);
    if (p.aspect_ratio_idc >= 0) w.u(8, static_cast<uint32_t>(p.aspect_ratio_idc));
    w.flag(0).flag(0).flag(0).flag(0);  // overscan, video signal, chroma loc, neutral chroma
    w.flag(p.field_seq_flag).flag(0).flag(0);
    w.flag(p.vui_timing);
    if (p.vui_timing) w.u(32, p.vui_units).u(32, p.vui_scale).flag(0).flag(0);
    w.flag(0);  // bitstream_restriction_flag
  }
  w.flag(0).trailing();
  return w.nal(nut::SPS_NUT, 0, tid_plus1);
}

// 7.3.2.3
std::vector<uint8_t> pps(const Params& p, uint8_t pps_id = 0, uint8_t tid_plus1 = 1) {
  BitWriter w;
  w.ue(pps_id).ue(0).flag(p.dependent_slices).flag(0).u(3, 0).flag(0).flag(0);
  w.ue(0).ue(0).se(0).flag(0).flag(0).flag(0);
  w.se(0).se(0).flag(0).flag(0).flag(0).flag(0);
  w.flag(p.tiles).flag(0);
  if (p.tiles) w.ue(p.tile_cols_minus1).ue(p.tile_rows_minus1).flag(1).flag(1);
  w.flag(0).flag(0).flag(0).flag(0).ue(0).flag(0).flag(0);
  w.trailing();
  return w.nal(nut::PPS_NUT, 0, tid_plus1);
}

// ---------------------------------------------------------------------------------------------
// Slices

struct Lt {
  uint32_t poc_lsb;
  bool used;
  bool msb_present = false;
  uint32_t cycle = 0;
};

struct Slice {
  uint8_t type = nut::TRAIL_R;
  uint8_t tid_plus1 = 1;
  uint8_t layer = 0;
  bool first = true;
  bool dependent = false;
  uint32_t address = 0;
  uint8_t pps_id = 0;
  uint8_t slice_type = kSliceP;
  uint32_t poc_lsb = 0;
  std::vector<int> neg;  ///< POC deltas < 0, closest first
  std::vector<int> pos;  ///< POC deltas > 0, closest first
  std::vector<bool> neg_used, pos_used;  ///< default: all used
  std::vector<Lt> lt;
};

// 7.3.6.1 slice_segment_header() for the Params' SPS/PPS, then 4 bytes of slice data.
std::vector<uint8_t> slice(const Params& p, const Slice& s) {
  BitWriter w;
  w.flag(s.first);
  if (s.type >= nut::BLA_W_LP && s.type <= nut::RSV_IRAP_VCL23) w.flag(0);
  w.ue(s.pps_id);
  if (!s.first) {
    if (p.dependent_slices) w.flag(s.dependent);
    w.u(ceil_log2(pic_size_in_ctbs(p)), s.address);
  }
  if (!s.dependent) {
    w.ue(s.slice_type);
    if (s.type != nut::IDR_W_RADL && s.type != nut::IDR_N_LP) {
      w.u(log2_max_poc_lsb(), s.poc_lsb).flag(0);  // short_term_ref_pic_set_sps_flag 0
      // 7.3.7 st_ref_pic_set( 0 ) with num_short_term_ref_pic_sets 0: no prediction flag.
      w.ue(static_cast<uint32_t>(s.neg.size())).ue(static_cast<uint32_t>(s.pos.size()));
      int prev = 0;
      for (size_t i = 0; i < s.neg.size(); ++i) {
        w.ue(static_cast<uint32_t>(prev - s.neg[i] - 1)).flag(i < s.neg_used.size() ? s.neg_used[i] : true);
        prev = s.neg[i];
      }
      prev = 0;
      for (size_t i = 0; i < s.pos.size(); ++i) {
        w.ue(static_cast<uint32_t>(s.pos[i] - prev - 1)).flag(i < s.pos_used.size() ? s.pos_used[i] : true);
        prev = s.pos[i];
      }
      if (p.long_term) {
        w.ue(static_cast<uint32_t>(s.lt.size()));  // num_long_term_pics (num_long_term_ref_pics_sps 0)
        for (const Lt& e : s.lt) {
          w.u(log2_max_poc_lsb(), e.poc_lsb).flag(e.used).flag(e.msb_present);
          if (e.msb_present) w.ue(e.cycle);
        }
      }
    }
    if (s.slice_type != kSliceI) {
      w.flag(0);                          // num_ref_idx_active_override_flag
      if (s.slice_type == kSliceB) w.flag(0);  // mvd_l1_zero_flag
      w.ue(0);                            // five_minus_max_num_merge_cand
    }
    w.se(0);  // slice_qp_delta
  }
  if (p.tiles) w.ue(0);  // num_entry_point_offsets
  w.align_one();
  w.u(32, 0x5A5A5A5A);
  return w.nal(s.type, s.layer, s.tid_plus1);
}

std::vector<uint8_t> aud(uint8_t tid_plus1 = 1, unsigned pic_type = 2) {
  BitWriter w;
  w.u(3, pic_type).trailing();
  return w.nal(nut::AUD_NUT, 0, tid_plus1);
}

// A prefix / suffix SEI with one user_data_unregistered message (payloadType 5, 16-byte UUID).
std::vector<uint8_t> sei(bool suffix, uint8_t tid_plus1 = 1) {
  BitWriter w;
  w.u(8, 5).u(8, 16);
  for (int i = 0; i < 16; ++i) w.u(8, 0x11 * (i + 1) & 0xFF);
  w.trailing();
  return w.nal(suffix ? nut::SUFFIX_SEI_NUT : nut::PREFIX_SEI_NUT, 0, tid_plus1);
}

std::vector<uint8_t> raw_nal(uint8_t type, uint8_t layer = 0, uint8_t tid_plus1 = 1) {
  BitWriter w;
  w.u(8, 0xAB).trailing();
  return w.nal(type, layer, tid_plus1);
}

Slice idr(uint8_t type = nut::IDR_W_RADL) {
  Slice s;
  s.type = type;
  s.slice_type = kSliceI;
  return s;
}

Slice trail(uint32_t poc, std::vector<int> neg, std::vector<int> pos = {}, uint8_t type = nut::TRAIL_R) {
  Slice s;
  s.type = type;
  s.slice_type = pos.empty() ? kSliceP : kSliceB;
  s.poc_lsb = poc & 255;
  s.neg = std::move(neg);
  s.pos = std::move(pos);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Recording sink and the front-end + checks pair

struct Finding {
  IssueCode code;
  uint64_t offset;
  std::string element;
  int64_t found, min, max;
  size_t nal;  ///< index of the NAL unit being fed
};

class Harness : public IssueSink {
 public:
  // Feeds one NAL unit; returns the findings raised for it.
  std::vector<Finding> feed(const std::vector<uint8_t>& nal) {
    NalEvent ev;
    front.on_nal(nal.data(), nal.size(), false, ev);
    NalSpan s;
    s.data = nal.data();
    s.avail = nal.size();
    s.size = static_cast<uint32_t>(nal.size());
    s.offset = offset_ + 4;
    last_lost_first_slice = checks.lost_first_slice(ev, front);
    last_reported_by_checks = Checks::reports_parse_error(ev);
    last_err = ev.err;
    const size_t before = all.size();
    checks.on_nal(ev, s, front, *this);
    offset_ += 4 + nal.size();
    ++nal_index_;
    return std::vector<Finding>(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
  }
  uint64_t next_offset() const { return offset_ + 4; }
  void raise(IssueCode code, uint64_t offset, const char* element, int64_t found, int64_t min, int64_t max) override {
    all.push_back(Finding{code, offset, element ? element : "", found, min, max, nal_index_});
  }
  // Parameter sets of `p` (VPS, SPS, PPS).
  void headers(const Params& p) {
    feed(vps(p));
    feed(sps(p));
    feed(pps(p));
  }

  Front front;
  Checks checks;
  std::vector<Finding> all;
  bool last_lost_first_slice = false;
  bool last_reported_by_checks = false;
  ParseError last_err;

 private:
  uint64_t offset_ = 0;
  size_t nal_index_ = 0;
};

bool has(const std::vector<Finding>& v, IssueCode c) {
  for (const Finding& f : v)
    if (f.code == c) return true;
  return false;
}

const Finding* first(const std::vector<Finding>& v, IssueCode c) {
  for (const Finding& f : v)
    if (f.code == c) return &f;
  return nullptr;
}

#define CHECK_ONE(findings, c, elem, f, lo, hi)                                         \
  do {                                                                                  \
    const auto& fs_ = (findings);                                                       \
    CHECK_EQ(fs_.size(), 1u);                                                           \
    if (!fs_.empty()) {                                                                 \
      CHECK_EQ(static_cast<int>(fs_[0].code), static_cast<int>(c));                     \
      CHECK_STR(fs_[0].element, elem);                                                  \
      CHECK_EQ(fs_[0].found, (f));                                                      \
      CHECK_EQ(fs_[0].min, (lo));                                                       \
      CHECK_EQ(fs_[0].max, (hi));                                                       \
    }                                                                                   \
  } while (0)

}  // namespace

// A closed GOP with P and B pictures, AUDs, prefix and suffix SEI, a second IDR: nothing to say.
TEST(hevc_checks_clean_stream) {
  Params p;
  Harness h;
  h.feed(aud());
  h.headers(p);
  h.feed(sei(false));
  h.feed(slice(p, idr()));
  h.feed(sei(true));
  // Decoding order POC 0, 4, 2, 1, 3, 8, 6, 5, 7 (hierarchical B, dpb 5, reorder 2).
  h.feed(aud(1, 1));
  h.feed(slice(p, trail(4, {-4})));
  h.feed(aud(1, 2));
  h.feed(slice(p, trail(2, {-2}, {2})));
  h.feed(aud());
  h.feed(slice(p, trail(1, {-1}, {1, 3}, nut::TRAIL_N)));
  h.feed(aud());
  h.feed(slice(p, trail(3, {-1, -3}, {1}, nut::TRAIL_N)));
  h.feed(aud());
  h.feed(slice(p, trail(8, {-4})));
  h.feed(aud());
  h.feed(slice(p, trail(6, {-2}, {2})));
  h.feed(aud());
  h.feed(slice(p, trail(5, {-1}, {1, 3}, nut::TRAIL_N)));
  h.feed(aud());
  h.feed(slice(p, trail(7, {-1}, {1}, nut::TRAIL_N)));
  h.feed(raw_nal(nut::FD_NUT));  // filler after the slice: allowed
  h.feed(aud());
  h.headers(p);
  h.feed(slice(p, idr(nut::IDR_N_LP)));
  h.feed(raw_nal(nut::EOS_NUT));
  h.feed(slice(p, idr()));
  h.checks.on_flush(h);
  for (const Finding& f : h.all)
    std::fprintf(stderr, "unexpected finding %d %s at NAL %zu\n", static_cast<int>(f.code), f.element.c_str(), f.nal);
  CHECK_EQ(h.all.size(), 0u);
  CHECK_EQ(h.checks.layer_nal_count(0), 31u);
}

// 7.4.2.2: nuh_temporal_id_plus1 == 0 — reported under its own code, not the generic one.
TEST(hevc_checks_temporal_id_zero_plus1) {
  Params p;
  Harness h;
  h.headers(p);
  h.feed(slice(p, idr()));
  Slice s = trail(1, {-1});
  s.tid_plus1 = 0;
  const uint64_t at = h.next_offset();
  const auto f = h.feed(slice(p, s));
  CHECK(h.last_reported_by_checks);
  CHECK_ONE(f, IssueCode::TEMPORAL_ID_ZERO_PLUS1, "nuh_temporal_id_plus1", 0, 1, 7);
  if (!f.empty()) CHECK_EQ(f[0].offset, at);
  // The picture was dropped: the next one, predicted from it, misses POC 1.
  const auto g = h.feed(slice(p, trail(2, {-1})));
  CHECK_ONE(g, IssueCode::MISSING_REFERENCE, "RefPicSetStCurrBefore", 1, 0, 0);
}

// 7.4.2.2 TemporalId rules: IRAP, TSA/STSA, VPS/SPS/EOS/EOB, AUD, PPS/SEI against the access unit.
TEST(hevc_checks_temporal_id_rules) {
  Params p;
  p.sub_layers_minus1 = 2;
  p.vps_sub_layers_minus1 = 2;
  p.nesting = p.vps_nesting = false;
  p.dpb_minus1 = {4, 4, 4};
  p.reorder = {2, 2, 2};
  {
    Harness h;
    h.headers(p);
    Slice s = idr();
    s.tid_plus1 = 2;  // IRAP with TemporalId 1, in the access unit of the VPS, SPS and PPS (TemporalId 0)
    const auto f = h.feed(slice(p, s));
    CHECK_EQ(f.size(), 3u);
    if (f.size() == 3) {
      CHECK(f[0].code == IssueCode::TEMPORAL_ID_INVALID);
      CHECK_STR(f[0].element, "TemporalId");
      CHECK_EQ(f[0].found, 1);
      CHECK_EQ(f[0].min, 0);
      CHECK_EQ(f[0].max, nut::IDR_W_RADL);
      CHECK_EQ(f[1].found, 0);  // the PPS: below the access unit's TemporalId
      CHECK_EQ(f[1].min, 1);
      CHECK_EQ(f[1].max, nut::PPS_NUT);
      CHECK_STR(f[2].element, "TemporalId of an access unit with a VPS or SPS");
      CHECK_EQ(f[2].max, nut::VPS_NUT);
    }
  }
  {
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    Slice s = trail(1, {-1}, {}, nut::TSA_N);  // TSA with TemporalId 0
    CHECK_ONE(h.feed(slice(p, s)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 0, 1, nut::TSA_N);
    Slice t = trail(2, {-2}, {}, nut::STSA_R);
    CHECK_ONE(h.feed(slice(p, t)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 0, 1, nut::STSA_R);
    CHECK_ONE(h.feed(raw_nal(nut::EOS_NUT, 0, 3)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 2, 0, nut::EOS_NUT);
  }
  {
    // SPS with TemporalId 1; an AUD (TemporalId 2) and a PPS (TemporalId 0) in an access unit
    // whose slices have TemporalId 1: reported when the first slice shows the access unit's.
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    CHECK_ONE(h.feed(sps(p, 2)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 1, 0, nut::SPS_NUT);
    const uint64_t aud_at = h.next_offset();
    CHECK_EQ(h.feed(aud(3)).size(), 0u);
    const uint64_t pps_at = h.next_offset();
    CHECK_EQ(h.feed(pps(p, 0, 1)).size(), 0u);
    CHECK_EQ(h.feed(sei(false, 3)).size(), 0u);  // prefix SEI above the access unit's: allowed
    Slice s = trail(1, {-1});
    s.tid_plus1 = 2;
    const auto f = h.feed(slice(p, s));
    CHECK_EQ(f.size(), 3u);
    if (f.size() == 3) {
      CHECK_EQ(static_cast<int>(f[0].code), static_cast<int>(IssueCode::TEMPORAL_ID_INVALID));
      CHECK_EQ(f[0].offset, aud_at);
      CHECK_EQ(f[0].found, 2);
      CHECK_EQ(f[0].min, 1);
      CHECK_EQ(f[0].max, nut::AUD_NUT);
      CHECK_EQ(f[1].offset, pps_at);
      CHECK_EQ(f[1].found, 0);
      CHECK_EQ(f[1].min, 1);
      CHECK_EQ(f[1].max, nut::PPS_NUT);
      CHECK_STR(f[2].element, "TemporalId of an access unit with a VPS or SPS");
      CHECK_EQ(f[2].found, 1);
    }
    // A second slice segment of the picture with another TemporalId; a suffix SEI below it.
    Slice t = trail(1, {-1});
    t.first = false;
    t.address = 8;
    t.tid_plus1 = 3;
    CHECK_ONE(h.feed(slice(p, t)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 2, 1, nut::TRAIL_R);
    CHECK_ONE(h.feed(sei(true, 1)), IssueCode::TEMPORAL_ID_INVALID, "TemporalId", 0, 1, nut::SUFFIX_SEI_NUT);
  }
}

// 7.4.2.2 / Annex F: nuh_layer_id > 0 — once per layer, counted, never dropped silently.
TEST(hevc_checks_layer_not_base) {
  Params p;
  Harness h;
  h.headers(p);
  h.feed(slice(p, idr()));
  Slice s = trail(1, {-1});
  s.layer = 1;
  const auto a = h.feed(slice(p, s));
  CHECK(h.last_reported_by_checks);  // the front-end's "unsupported nuh_layer_id" is this finding
  CHECK_ONE(a, IssueCode::LAYER_NOT_BASE, "nuh_layer_id", 1, 0, 0);
  CHECK_EQ(h.feed(slice(p, s)).size(), 0u);
  CHECK_EQ(h.feed(raw_nal(nut::PREFIX_SEI_NUT, 1)).size(), 0u);
  // A layer with parameter sets but no picture yet: said at its first picture, or at the end.
  const uint64_t pps2 = h.next_offset();
  CHECK_EQ(h.feed(raw_nal(nut::PPS_NUT, 2)).size(), 0u);
  CHECK_EQ(h.checks.layer_nal_count(1), 3u);
  CHECK_EQ(h.checks.layer_nal_count(2), 1u);
  CHECK_EQ(h.checks.layer_nal_count(0), 4u);
  // The base layer goes on unaffected.
  CHECK_EQ(h.feed(slice(p, trail(1, {-1}))).size(), 0u);
  const size_t before = h.all.size();
  h.checks.on_flush(h);
  CHECK_EQ(h.all.size(), before + 1);
  if (h.all.size() == before + 1) {
    CHECK(h.all.back().code == IssueCode::LAYER_NOT_BASE);
    CHECK_EQ(h.all.back().found, 2);
    CHECK_EQ(h.all.back().offset, pps2);
  }
}

// 7.4.2.4.4: suffix SEI and filler data do not precede the first VCL NAL unit of the access unit.
TEST(hevc_checks_nal_order) {
  Params p;
  Harness h;
  h.feed(aud());
  h.headers(p);
  CHECK_ONE(h.feed(sei(true)), IssueCode::NAL_ORDER_INVALID, "nal_unit_type", nut::SUFFIX_SEI_NUT, 0, 0);
  h.feed(slice(p, idr()));
  CHECK_EQ(h.feed(sei(true)).size(), 0u);
  h.feed(aud());
  CHECK_ONE(h.feed(raw_nal(nut::FD_NUT)), IssueCode::NAL_ORDER_INVALID, "nal_unit_type", nut::FD_NUT, 0, 0);
  CHECK_EQ(h.feed(slice(p, trail(1, {-1}))).size(), 0u);
}

// 7.4.7.1: an IRAP picture has only I slices.
TEST(hevc_checks_irap_not_intra) {
  Params p;
  Harness h;
  h.headers(p);
  Slice s = idr(nut::CRA_NUT);
  s.slice_type = kSliceP;
  s.neg = {-1};
  s.poc_lsb = 0;
  const auto f = h.feed(slice(p, s));
  CHECK_ONE(f, IssueCode::IDR_NOT_INTRA, "slice_type", kSliceP, kSliceI, kSliceI);
}

// 7.4.7.1 slice_segment_address: in range, increasing in tile scan; a picture that starts
// without its first slice segment.
TEST(hevc_checks_slice_addresses) {
  Params p;
  p.height = 80;  // 4 x 5 CTBs of 16: PicSizeInCtbsY 20, 5-bit addresses
  {
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    Slice s = idr();
    s.first = false;
    s.address = 27;  // >= 20
    const auto f = h.feed(slice(p, s));
    CHECK(h.last_reported_by_checks);
    CHECK_ONE(f, IssueCode::SLICE_ADDRESS_OUT_OF_RANGE, "slice_segment_address", 27, 0, 20);
    s.address = 8;
    CHECK_EQ(h.feed(slice(p, s)).size(), 0u);
    s.address = 4;  // backwards
    CHECK_ONE(h.feed(slice(p, s)), IssueCode::SLICE_ORDER_INVALID, "slice_segment_address", 4, 8, 0);
    s.address = 4;  // repeated
    CHECK_ONE(h.feed(slice(p, s)), IssueCode::SLICE_ORDER_INVALID, "slice_segment_address", 4, 4, 0);
    // Next picture (POC 1) loses its first slice segment: its second one starts it.
    Slice t = trail(1, {-1});
    t.first = false;
    t.address = 12;
    const auto g = h.feed(slice(p, t));
    CHECK(h.last_lost_first_slice);
    CHECK_ONE(g, IssueCode::MISSING_SLICES, "slice_segment_address", 12, 0, 0);
    t.address = 16;
    CHECK_EQ(h.feed(slice(p, t)).size(), 0u);
    CHECK(!h.last_lost_first_slice);
  }
  {
    // Tiles (2 x 2 on 64 x 8 CTBs, 1024 x 128, level 3): the order is the tile scan (6.5.1), not
    // the raster scan. Raster 64 (tile 0, scan 32) then 32 (tile 1, scan 128) is increasing.
    Params t;
    t.width = 1024;
    t.height = 128;
    t.level = 90;
    t.tiles = true;
    Harness h;
    h.headers(t);
    h.feed(slice(t, idr()));
    Slice s = idr();
    s.first = false;
    for (uint32_t a : {64u, 32u, 256u}) {
      s.address = a;
      CHECK_EQ(h.feed(slice(t, s)).size(), 0u);
    }
    s.address = 96;  // tile 1 again (scan 160 < 256)
    CHECK_ONE(h.feed(slice(t, s)), IssueCode::SLICE_ORDER_INVALID, "slice_segment_address", 96, 256, 0);
    for (const Finding& f : h.all) CHECK(f.code == IssueCode::SLICE_ORDER_INVALID);
  }
}

// 7.4.7.1: slice_pic_parameter_set_id (and the other listed elements) agree across a picture.
TEST(hevc_checks_picture_invariants) {
  Params p;
  Harness h;
  h.headers(p);
  h.feed(pps(p, 1));
  h.feed(slice(p, idr()));
  Slice s = idr();
  s.first = false;
  s.address = 4;
  s.pps_id = 1;
  CHECK_ONE(h.feed(slice(p, s)), IssueCode::SLICE_HEADER_VALUE_OUT_OF_RANGE, "slice_pic_parameter_set_id", 1, 0, 0);
  Slice t = trail(1, {-1});
  h.feed(slice(p, t));
  t.first = false;
  t.address = 4;
  t.type = nut::TRAIL_N;
  CHECK_ONE(h.feed(slice(p, t)), IssueCode::SLICE_HEADER_VALUE_OUT_OF_RANGE, "nal_unit_type", nut::TRAIL_N, nut::TRAIL_R,
            nut::TRAIL_R);
}

// 8.3.2: RPS entries of StCurrBefore / StCurrAfter / LtCurr missing from the DPB.
TEST(hevc_checks_missing_reference) {
  Params p;
  {
    // POC 2 lost: POC 3 misses it (once); POC 4 still lists it (no second finding).
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    h.feed(slice(p, trail(1, {-1})));
    const uint64_t at = h.next_offset();
    const auto f = h.feed(slice(p, trail(3, {-1, -2})));
    CHECK_ONE(f, IssueCode::MISSING_REFERENCE, "RefPicSetStCurrBefore", 2, 0, 0);
    if (!f.empty()) CHECK_EQ(f[0].offset, at);
    CHECK_EQ(h.feed(slice(p, trail(4, {-1, -2}))).size(), 0u);
    // A missing entry the picture does not use (RefPicSetStFoll) is no finding.
    Slice s = trail(5, {-1, -4});
    s.neg_used = {true, false};
    CHECK_EQ(h.feed(slice(p, s)).size(), 0u);
    // A future reference that never came (StCurrAfter).
    CHECK_ONE(h.feed(slice(p, trail(6, {-1}, {3}))), IssueCode::MISSING_REFERENCE, "RefPicSetStCurrAfter", 9, 0, 0);
  }
  {
    // An IDR empties the DPB (8.3.2, NoRaslOutputFlag 1): POC 1 of the old sequence is gone.
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    h.feed(slice(p, trail(1, {-1})));
    h.feed(slice(p, idr()));
    CHECK_ONE(h.feed(slice(p, trail(2, {-1, -2}))), IssueCode::MISSING_REFERENCE, "RefPicSetStCurrBefore", 1, 0, 0);
  }
  {
    // RASL pictures of a CRA that starts the stream (NoRaslOutputFlag 1) may miss theirs
    // (8.3.3); those of a CRA in the middle of the stream may not.
    Harness h;
    h.headers(p);
    Slice cra = idr(nut::CRA_NUT);
    cra.poc_lsb = 8;
    h.feed(slice(p, cra));
    Slice rasl = trail(6, {-2}, {2}, nut::RASL_N);
    CHECK_EQ(h.feed(slice(p, rasl)).size(), 0u);
    h.feed(slice(p, trail(9, {-1})));
    cra.poc_lsb = 16;
    h.feed(slice(p, cra));
    Slice rasl2 = trail(14, {-4}, {2}, nut::RASL_N);  // POC 10 never existed
    CHECK_ONE(h.feed(slice(p, rasl2)), IssueCode::MISSING_REFERENCE, "RefPicSetStCurrBefore", 10, 0, 0);
  }
  {
    // Long-term: POC 1 kept as long-term by POC 2 and 3 (LSB 1), then used by POC 4; a long-term
    // entry for LSB 7 (never decoded) is missing.
    Params l = p;
    l.long_term = true;
    Harness h;
    h.headers(l);
    h.feed(slice(l, idr()));
    h.feed(slice(l, trail(1, {-1})));
    Slice s = trail(2, {-2});
    s.lt = {Lt{1, false}};
    CHECK_EQ(h.feed(slice(l, s)).size(), 0u);
    Slice t = trail(3, {-1});
    t.lt = {Lt{1, true}};
    CHECK_EQ(h.feed(slice(l, t)).size(), 0u);
    Slice u = trail(4, {-1});
    u.lt = {Lt{1, true}, Lt{7, true}};
    CHECK_ONE(h.feed(slice(l, u)), IssueCode::MISSING_REFERENCE, "RefPicSetLtCurr", 7, 0, 0);
  }
}

// C.4: reference pictures plus pictures waiting for output beyond sps_max_dec_pic_buffering_minus1;
// C.5.2 / 7.4.3.2.1: reorder depth; 8.3.1: repeated POC.
TEST(hevc_checks_dpb_reorder_poc) {
  {
    Params p;
    p.dpb_minus1 = {1};
    p.reorder = {1};
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    CHECK_EQ(h.feed(slice(p, trail(8, {-8}))).size(), 0u);
    CHECK_EQ(h.feed(slice(p, trail(6, {}, {2}, nut::TRAIL_N))).size(), 0u);
    // POC 4: 8 (reference) and 6 (waiting for output) are held: 2 > 1; both follow it in output order.
    const auto f = h.feed(slice(p, trail(4, {}, {4}, nut::TRAIL_N)));
    CHECK_EQ(f.size(), 2u);
    const Finding* dpb = first(f, IssueCode::DPB_OVERFLOW);
    CHECK(dpb != nullptr);
    if (dpb) {
      CHECK_EQ(dpb->found, 2);
      CHECK_EQ(dpb->max, 1);
    }
    const Finding* reorder = first(f, IssueCode::REORDER_DEPTH_EXCEEDED);
    CHECK(reorder != nullptr);
    if (reorder) {
      CHECK_EQ(reorder->found, 2);
      CHECK_EQ(reorder->max, 1);
    }
    // Once per coded video sequence.
    CHECK(!has(h.feed(slice(p, trail(2, {}, {6}, nut::TRAIL_N))), IssueCode::DPB_OVERFLOW));
  }
  {
    // The RPS itself larger than the DPB (7.4.8) is the front-end's finding: no second one here.
    Params p;
    p.dpb_minus1 = {0};
    p.reorder = {0};
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    CHECK_EQ(h.feed(slice(p, trail(1, {-1}))).size(), 0u);
    CHECK(h.last_err.element && std::strcmp(h.last_err.element, "num_negative_pics") == 0);
  }
  {
    Params p;
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    h.feed(slice(p, trail(1, {-1})));
    CHECK_ONE(h.feed(slice(p, trail(1, {-1}))), IssueCode::POC_DUPLICATE, "PicOrderCnt", 1, 0, 0);
  }
}

// VPS / SPS / VUI semantics (7.4.3.1, 7.4.3.2.1, E.3.1, 7.4.4), checked when the sets are activated.
TEST(hevc_checks_parameter_sets) {
  {
    Params p;
    p.vps_nesting = false;  // one sub-layer: must be 1
    p.nesting = false;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (f.size() == 2) {
      CHECK_EQ(static_cast<int>(f[0].code), static_cast<int>(IssueCode::PARAM_SET_INVALID));
      CHECK_STR(f[0].element, "vps_temporal_id_nesting_flag");
      CHECK_STR(f[1].element, "sps_temporal_id_nesting_flag");
    }
    // Checked once per activation, again after a changed re-send.
    CHECK_EQ(h.feed(slice(p, trail(1, {-1}))).size(), 0u);
  }
  {
    Params p;
    p.sub_layers_minus1 = 1;  // the VPS has one sub-layer only
    p.nesting = false;
    p.dpb_minus1 = {4, 3};    // decreasing
    p.reorder = {2, 1};
    p.vps_timing = true;
    p.vps_scale = 0;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    std::vector<std::string> names;
    for (const Finding& x : f) names.push_back(x.element);
    CHECK_EQ(f.size(), 5u);
    if (f.size() == 5) {
      CHECK_STR(names[0], "vps_time_scale");
      CHECK_STR(names[1], "sps_max_sub_layers_minus1");
      CHECK_EQ(f[1].found, 1);
      CHECK_EQ(f[1].max, 0);
      CHECK_STR(names[2], "sps_temporal_id_nesting_flag");
      CHECK_STR(names[3], "sps_max_dec_pic_buffering_minus1");
      CHECK_EQ(f[3].found, 3);
      CHECK_EQ(f[3].min, 4);
      CHECK_STR(names[4], "sps_max_num_reorder_pics");
    }
  }
  {
    Params p;
    p.vui = true;
    p.aspect_ratio_idc = 20;
    p.field_seq_flag = true;
    p.vui_timing = true;
    p.vui_scale = 0;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 3u);
    for (const Finding& x : f) CHECK(x.code == IssueCode::VUI_VALUE_INVALID);
    if (f.size() == 3) {
      CHECK_STR(f[0].element, "vui_time_scale");
      CHECK_STR(f[1].element, "aspect_ratio_idc");
      CHECK_EQ(f[1].found, 20);
      CHECK_STR(f[2].element, "field_seq_flag (general_frame_only_constraint_flag is 1)");
    }
  }
}

// A.4.1 / A.4.2, Tables A.8 / A.9.
TEST(hevc_checks_level_limits) {
  CHECK(hevc_level(255) == nullptr);  // level 8.5: no limits
  CHECK(hevc_level(93) != nullptr && hevc_level(93)->MaxLumaPs == 983040);
  {
    Params p;  // 1920 x 1080 at level 2
    p.width = 1920;
    p.height = 1080;
    p.log2_diff_cb = 3;
    Harness h;
    h.headers(p);
    CHECK_ONE(h.feed(slice(p, idr())), IssueCode::LEVEL_LIMIT_EXCEEDED, "PicSizeInSamplesY", 1920 * 1080, 0, 122880);
    p.level = 255;
    Harness g;
    g.headers(p);
    CHECK_EQ(g.feed(slice(p, idr())).size(), 0u);
  }
  {
    Params p;  // 576 x 16 at level 1: size fits, width > Sqrt(36864 * 8) = 543
    p.level = 30;
    p.width = 576;
    p.height = 16;
    Harness h;
    h.headers(p);
    CHECK_ONE(h.feed(slice(p, idr())), IssueCode::LEVEL_LIMIT_EXCEEDED, "pic_width_in_luma_samples", 576, 0, 543);
  }
  {
    Params p;  // 192 x 192 = MaxLumaPs of level 1: MaxDpbSize 6; 60 pictures/s > MaxLumaSr
    p.level = 30;
    p.width = p.height = 192;
    p.dpb_minus1 = {6};
    p.vui = true;
    p.vui_timing = true;
    p.vui_scale = 60;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (f.size() == 2) {
      CHECK_STR(f[0].element, "sps_max_dec_pic_buffering_minus1 + 1 (MaxDpbSize)");
      CHECK_EQ(f[0].found, 7);
      CHECK_EQ(f[0].max, 6);
      CHECK_STR(f[1].element, "luma samples per second (picture rate from the VUI/VPS timing)");
      CHECK_EQ(f[1].found, 192 * 192 * 60);
      CHECK_EQ(f[1].max, 552960);
    }
  }
  {
    Params p;  // 2 x 2 tiles at level 2.1 (one tile only)
    p.width = 1024;
    p.height = 128;
    p.level = 63;
    p.tiles = true;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (f.size() == 2) {
      CHECK_STR(f[0].element, "num_tile_columns_minus1 + 1 (MaxTileCols)");
      CHECK_EQ(f[0].found, 2);
      CHECK_EQ(f[0].max, 1);
      CHECK_STR(f[1].element, "num_tile_rows_minus1 + 1 (MaxTileRows)");
    }
  }
  {
    Params p;  // 17 slice segments in a picture at level 1 (at most 16)
    p.level = 30;
    p.height = 80;
    Harness h;
    h.headers(p);
    h.feed(slice(p, idr()));
    Slice s = idr();
    s.first = false;
    for (uint32_t a = 1; a < 16; ++a) {
      s.address = a;
      CHECK_EQ(h.feed(slice(p, s)).size(), 0u);
    }
    s.address = 16;
    CHECK_ONE(h.feed(slice(p, s)), IssueCode::LEVEL_LIMIT_EXCEEDED, "slice segments per picture (MaxSliceSegmentsPerPicture)",
              17, 0, 16);
  }
}

// A.3: Main / Main 10 formats, CtbLog2SizeY, Main tile sizes, RExt constraint flags.
TEST(hevc_checks_profile_constraints) {
  {
    Params p;
    p.bit_depth_minus8 = 2;  // Main at 10 bits
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (!f.empty()) {
      CHECK(f[0].code == IssueCode::PROFILE_CONSTRAINT_VIOLATED);
      CHECK_STR(f[0].element, "bit_depth_luma_minus8 (Main: 8 bits only)");
      CHECK_EQ(f[0].found, 2);
      CHECK_EQ(f[0].max, 0);
    }
    p.profile = 2;  // Main 10: fine
    Harness g;
    g.headers(p);
    CHECK_EQ(g.feed(slice(p, idr())).size(), 0u);
    p.chroma_format_idc = 2;  // Main 10 at 4:2:2
    Harness k;
    k.headers(p);
    CHECK_ONE(k.feed(slice(p, idr())), IssueCode::PROFILE_CONSTRAINT_VIOLATED, "chroma_format_idc (Main/Main 10: 4:2:0 only)", 2,
              1, 1);
  }
  {
    Params p;
    p.log2_diff_cb = 0;  // 8 x 8 CTBs
    Harness h;
    h.headers(p);
    CHECK_ONE(h.feed(slice(p, idr())), IssueCode::PROFILE_CONSTRAINT_VIOLATED, "CtbLog2SizeY (profiles: 16x16 CTBs at least)", 3,
              4, 6);
  }
  {
    Params p;  // Main, 64 x 64 in 2 x 2 tiles: 32-sample columns, 32-sample rows
    p.tiles = true;
    p.level = 120;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (f.size() == 2) {
      CHECK_STR(f[0].element, "ColumnWidthInLumaSamples (Main/Main 10: >= 256)");
      CHECK_EQ(f[0].found, 32);
      CHECK_STR(f[1].element, "RowHeightInLumaSamples (Main/Main 10: >= 64)");
    }
  }
  {
    Params p;  // RExt with general_max_8bit_constraint_flag (and 10, 12), 10-bit 4:4:4, 4:2:2 max
    p.profile = 4;
    p.rext_flags = 0x1E0;  // max_12bit, max_10bit, max_8bit, max_422chroma (first 4 of the 9 flags)
    p.bit_depth_minus8 = 2;
    p.chroma_format_idc = 3;
    Harness h;
    h.headers(p);
    const auto f = h.feed(slice(p, idr()));
    CHECK_EQ(f.size(), 2u);
    if (f.size() == 2) {
      CHECK_STR(f[0].element, "BitDepthY (general_max_Nbit_constraint_flag)");
      CHECK_EQ(f[0].found, 10);
      CHECK_EQ(f[0].max, 8);
      CHECK_STR(f[1].element, "chroma_format_idc (general_max_*chroma_constraint_flag)");
      CHECK_EQ(f[1].found, 3);
      CHECK_EQ(f[1].max, 2);
    }
  }
}

// Hostile input: random and bit-flipped units never crash, allocate nothing unbounded, and
// every array index stays in range (run under ASan/UBSan).
TEST(hevc_checks_hostile_input) {
  Params p;
  p.long_term = true;
  std::vector<std::vector<uint8_t>> units = {vps(p), sps(p), pps(p), slice(p, idr())};
  for (uint32_t poc = 1; poc < 40; ++poc) {
    Slice s = trail(poc, {-1, -2, -3}, {1});
    s.lt = {Lt{poc & 7, true}, Lt{(poc * 3) & 255, true, true, 1}};
    units.push_back(slice(p, s));
  }
  uint32_t seed = 12345;
  auto rnd = [&seed]() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 200; ++round) {
    Harness h;
    for (const auto& u : units) {
      std::vector<uint8_t> v = u;
      if (rnd() % 3 == 0 && v.size() > 2) v[2 + rnd() % (v.size() - 2)] ^= static_cast<uint8_t>(1u << (rnd() % 8));
      if (rnd() % 7 == 0) v[1] = static_cast<uint8_t>(rnd());  // layer / TemporalId bits
      if (rnd() % 11 == 0) v.resize(2 + rnd() % v.size());
      h.feed(v);
    }
    for (int i = 0; i < 50; ++i) {
      std::vector<uint8_t> v(2 + rnd() % 40);
      for (auto& b : v) b = static_cast<uint8_t>(rnd());
      v[0] &= 0x7F;
      h.feed(v);
    }
    h.checks.on_flush(h);
    CHECK(h.checks.layer_nal_count(64) == 0);
  }
  Checks c;
  c.reset();
  CHECK_EQ(c.layer_nal_count(0), 0u);
}
