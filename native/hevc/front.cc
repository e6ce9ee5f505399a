#include "hevc/front.h"
#include <utility>
#include "bitstream/syntax.h"
#include "hevc/read.h"

namespace mi::hevc {

namespace {

// FNV-1a, 64 bits: parameter sets are short and rare, so a byte loop is enough.
uint64_t hash_bytes(const uint8_t* p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// A NAL unit never ends with 0x00 (7.4.2.1); zero bytes at the end are trailing_zero_8bits
// of the byte stream (B.2) that a splitter left attached.
size_t trim_trailing_zeros(const uint8_t* p, size_t n) {
  while (n > 2 && p[n - 1] == 0) --n;
  return n;
}

PicType pic_type_of(uint8_t slice_type) {
  switch (slice_type) {
    case kSliceB: return PicType::kB;
    case kSliceP: return PicType::kP;
    case kSliceI: return PicType::kI;
    default: return PicType::kUnknown;
  }
}

// Reads the leading elements of an SPS up to sps_seq_parameter_set_id (7.3.2.2.1).
bool peek_sps_id(BitReader& r, ParseError& err, uint8_t nuh_layer_id, uint32_t& sps_seq_parameter_set_id) {
  uint32_t sps_video_parameter_set_id, sps_max_sub_layers_minus1;
  bool sps_temporal_id_nesting_flag;
  MI_U(sps_video_parameter_set_id, 4);
  MI_U(sps_max_sub_layers_minus1, 3);
  if (nuh_layer_id > 0 && sps_max_sub_layers_minus1 == 7) {
    err.set(ParseStatus::kUnsupported, "sps_ext_or_max_sub_layers_minus1", 7, 0, 6);
    return false;
  }
  if (sps_max_sub_layers_minus1 > limits::kMaxSubLayersMinus1) {  // 7.4.3.2.1
    err.set(ParseStatus::kOutOfRange, "sps_max_sub_layers_minus1", sps_max_sub_layers_minus1, 0,
            limits::kMaxSubLayersMinus1);
    return false;
  }
  MI_FLAG(sps_temporal_id_nesting_flag);
  ProfileTierLevel ptl;
  if (!profile_tier_level(r, err, true, sps_max_sub_layers_minus1, ptl)) return false;
  MI_UE(sps_seq_parameter_set_id, 0, limits::kMaxSpsId);
  return true;
}

}  // namespace

Front::Front()
    : vps_scratch_(std::make_unique<Vps>()), sps_scratch_(std::make_unique<Sps>()), pps_scratch_(std::make_unique<Pps>()) {}

Front::~Front() = default;

void Front::reset() {
  for (auto& s : vps_) s = Slot<Vps>();
  for (auto& s : sps_) s = Slot<Sps>();
  for (auto& s : pps_) s = Slot<Pps>();
  active_vps_ = nullptr;
  active_sps_ = nullptr;
  active_pps_ = nullptr;
  last_sps_ = nullptr;
  have_slice_ = have_independent_ = have_picture_ = false;
  poc_state_ = PocState();
  poc_ = PocResult();
  rps_ = PictureRps();
  irap_no_rasl_output_flag_ = false;
  sei_ = SeiMessages();
  sei_counters_ = SeiCounters();
  aud_pic_type_ = -1;
}

const Vps* Front::vps(unsigned id) const { return id < vps_.size() && vps_[id].valid ? vps_[id].ps.get() : nullptr; }
const Sps* Front::sps(unsigned id) const { return id < sps_.size() && sps_[id].valid ? sps_[id].ps.get() : nullptr; }
const Pps* Front::pps(unsigned id) const { return id < pps_.size() && pps_[id].valid ? pps_[id].ps.get() : nullptr; }

void Front::on_nal(const uint8_t* nal, size_t size, bool prefix_only, NalEvent& ev) {
  ev.reset();
  NalUnitHeader nh;
  const bool header_ok = nal_unit_header(nal, size, nh, ev.err);
  if (size < 2) return;  // header did not fit: nothing is known
  ev.nal_unit_type = nh.nal_unit_type;
  ev.ref_idc_or_layer = nh.nuh_layer_id;
  ev.temporal_id = nh.nuh_temporal_id_plus1 ? nh.TemporalId() : 0;
  ev.forbidden_zero_bit = nh.forbidden_zero_bit;
  const uint8_t t = nh.nal_unit_type;
  ev.is_vcl = is_vcl(t);
  ev.starts_au_after_vcl = nh.nuh_layer_id == 0 && starts_au_after_vcl(t);
  ev.end_of_sequence = t == nut::EOS_NUT;
  ev.end_of_stream = t == nut::EOB_NUT;
  if (ev.is_vcl) {
    ev.idr = is_idr(t);
    ev.irap = is_irap(t);
    ev.cra = is_cra(t);
    ev.bla = is_bla(t);
    ev.rasl = is_rasl(t);
    ev.radl = is_radl(t);
    ev.reference = !is_sub_layer_non_reference(t);
  }
  if (!header_ok) {
    // forbidden_zero_bit or nuh_temporal_id_plus1 == 0: a decoder drops the NAL unit. The slice
    // still marks where its picture starts (first_slice_segment_in_pic_flag, the first payload
    // bit), so the damaged picture is counted and reported as itself, not glued to the previous one.
    if (ev.is_vcl && nh.nuh_layer_id == 0 && size > 2) ev.first_slice_of_picture = (nal[2] & 0x80) != 0;
    return;
  }
  if (!prefix_only) size = trim_trailing_zeros(nal, size);

  if (ev.is_vcl) {
    on_slice(nal, size, nh, prefix_only, ev);
    return;
  }
  ev.header_parsed = true;
  switch (t) {
    case nut::VPS_NUT:
    case nut::SPS_NUT:
    case nut::PPS_NUT:
      ev.param_set = true;
      if (prefix_only) {
        ev.err.set(ParseStatus::kTruncated, t == nut::VPS_NUT   ? "video_parameter_set_rbsp"
                                            : t == nut::SPS_NUT ? "seq_parameter_set_rbsp"
                                                                : "pic_parameter_set_rbsp");
        return;
      }
      if (t == nut::VPS_NUT) {
        if (nh.nuh_layer_id == 0) on_vps(nal, size, ev);
        else ev.param_set = false;  // F.7.4.2.2: a VPS has nuh_layer_id 0; others are ignored
      } else if (t == nut::SPS_NUT) {
        on_sps(nal, size, nh.nuh_layer_id, ev);
      } else {
        on_pps(nal, size, nh.nuh_layer_id, ev);
      }
      return;
    case nut::AUD_NUT:
      if (nh.nuh_layer_id == 0) on_aud(nal, size, ev);
      return;
    case nut::EOS_NUT:
      if (nh.nuh_layer_id == 0) {
        // 8.1.3: the next picture is the first of a CVS (NoRaslOutputFlag = 1).
        poc_state_.after_eos = true;
        have_picture_ = have_independent_ = false;
      }
      return;
    case nut::PREFIX_SEI_NUT:
    case nut::SUFFIX_SEI_NUT:
      if (nh.nuh_layer_id == 0) on_sei(nal, size, t == nut::SUFFIX_SEI_NUT, prefix_only, ev);
      return;
    default:
      return;  // EOB, FD, reserved and unspecified types: nothing to read
  }
}

// 7.3.2.5 access_unit_delimiter_rbsp() — ITU-T H.265 (V8, 08/2021)
void Front::on_aud(const uint8_t* nal, size_t size, NalEvent& ev) {
  BitReader r(nal + 2, size - 2);
  ParseError& err = ev.err;
  uint32_t pic_type;
  if (!read_u_range(r, err, "pic_type", pic_type, 3, 0, 2)) return;  // 7.4.3.5: 3..7 reserved
  aud_pic_type_ = static_cast<int>(pic_type);
  if (!r.at_rbsp_trailing_bits()) err.set(ParseStatus::kInvalid, "rbsp_trailing_bits");
}

void Front::on_vps(const uint8_t* nal, size_t size, NalEvent& ev) {
  if (size < 3) { ev.err.set(ParseStatus::kTruncated, "vps_video_parameter_set_id"); return; }
  const unsigned id = nal[2] >> 4;  // vps_video_parameter_set_id u(4), first bits of the RBSP
  ev.vps_id = static_cast<uint8_t>(id);
  Slot<Vps>& slot = vps_[id];
  const uint32_t len = static_cast<uint32_t>(size - 2);
  const uint64_t hash = hash_bytes(nal + 2, len);
  if (slot.unchanged(hash, len)) {  // re-sent unchanged
    if (!slot.err.ok()) ev.err = slot.err;
    return;
  }
  ev.param_set_changed = slot.present;
  BitReader r(nal + 2, len);
  ParseError err, soft;
  const bool ok = video_parameter_set_rbsp(r, err, *vps_scratch_, soft);
  const Vps* old = slot.store(ok, vps_scratch_, hash, len, err, soft);
  if (active_vps_ == old && old) active_vps_ = slot.valid ? slot.ps.get() : nullptr;
  if (!slot.err.ok()) ev.err = slot.err;
}

void Front::on_sps(const uint8_t* nal, size_t size, uint8_t layer, NalEvent& ev) {
  const uint32_t len = static_cast<uint32_t>(size - 2);
  uint32_t id = 0;
  {
    BitReader r(nal + 2, len);
    if (!peek_sps_id(r, ev.err, layer, id)) return;
  }
  ev.sps_id = static_cast<uint8_t>(id);
  ev.vps_id = static_cast<uint8_t>(nal[2] >> 4);
  ParseError err, soft;
  if (layer > 0) {  // read for its errors only
    if (!seq_parameter_set_rbsp(nal + 2, len, layer, err, *sps_scratch_, soft)) ev.err = err;
    else if (!soft.ok()) ev.err = soft;
    return;
  }
  Slot<Sps>& slot = sps_[id];
  const uint64_t hash = hash_bytes(nal + 2, len);
  if (slot.unchanged(hash, len)) {
    if (!slot.err.ok()) ev.err = slot.err;
    return;
  }
  ev.param_set_changed = slot.present;
  const bool ok = seq_parameter_set_rbsp(nal + 2, len, layer, err, *sps_scratch_, soft);
  const Sps* old = slot.store(ok, sps_scratch_, hash, len, err, soft);
  const Sps* now = slot.valid ? slot.ps.get() : nullptr;
  if (old && active_sps_ == old) active_sps_ = now;
  if (old && last_sps_ == old) last_sps_ = nullptr;
  if (now) last_sps_ = now;
  if (!slot.err.ok()) ev.err = slot.err;
}

bool Front::bind_pps(Slot<Pps>& slot, ParseError& err) {
  const Pps& p = *slot.ps;
  const Slot<Sps>& s = sps_[p.pps_seq_parameter_set_id];
  if (!s.present) {
    err.set(ParseStatus::kMissingRef, "pps_seq_parameter_set_id", p.pps_seq_parameter_set_id, 0, limits::kMaxSpsId);
    return false;
  }
  if (!s.valid) {
    err.set(ParseStatus::kInvalid, "pps_seq_parameter_set_id", p.pps_seq_parameter_set_id, 0, limits::kMaxSpsId);
    return false;
  }
  if (slot.bound_sps_id != p.pps_seq_parameter_set_id || slot.bound_sps_generation != s.generation) {
    slot.bind_err = ParseError();
    pps_bind_sps(*slot.ps, *s.ps, slot.bind_err);
    slot.bound_sps_id = p.pps_seq_parameter_set_id;
    slot.bound_sps_generation = s.generation;
  }
  if (!slot.bind_err.ok()) {
    err.set(slot.bind_err.status, slot.bind_err.element, slot.bind_err.value, slot.bind_err.min, slot.bind_err.max);
    return false;
  }
  return true;
}

void Front::on_pps(const uint8_t* nal, size_t size, uint8_t layer, NalEvent& ev) {
  const uint32_t len = static_cast<uint32_t>(size - 2);
  uint32_t id = 0, sps_id = 0;
  {
    BitReader r(nal + 2, len);
    ParseError& err = ev.err;
    if (!read_ue(r, err, "pps_pic_parameter_set_id", id, 0, limits::kMaxPpsId)) return;
    if (!read_ue(r, err, "pps_seq_parameter_set_id", sps_id, 0, limits::kMaxSpsId)) return;
  }
  ev.pps_id = static_cast<uint8_t>(id);
  ev.sps_id = static_cast<uint8_t>(sps_id);
  ParseError err, soft;
  BitReader r(nal + 2, len);
  if (layer > 0) {
    if (!pic_parameter_set_rbsp(r, err, layer, *pps_scratch_, soft)) ev.err = err;
    else if (!soft.ok()) ev.err = soft;
    return;
  }
  Slot<Pps>& slot = pps_[id];
  const uint64_t hash = hash_bytes(nal + 2, len);
  if (slot.unchanged(hash, len)) {
    if (!slot.err.ok()) ev.err = slot.err;
    return;
  }
  ev.param_set_changed = slot.present;
  const bool ok = pic_parameter_set_rbsp(r, err, layer, *pps_scratch_, soft);
  const Pps* old = slot.store(ok, pps_scratch_, hash, len, err, soft);
  slot.bound_sps_id = 0xFF;
  slot.bound_sps_generation = 0;
  slot.bind_err = ParseError();
  if (old && active_pps_ == old) active_pps_ = slot.valid ? slot.ps.get() : nullptr;
  if (!slot.err.ok()) ev.err = slot.err;
  // Semantics that need the SPS: checked now when it is known, else when a slice activates the PPS.
  if (ok && sps_[sps_id].valid) {
    ParseError bind;
    if (!bind_pps(slot, bind)) ev.err.set(bind.status, bind.element, bind.value, bind.min, bind.max);
  }
}

void Front::on_sei(const uint8_t* nal, size_t size, bool suffix, bool prefix_only, NalEvent& ev) {
  BitReader r(nal + 2, size - 2);
  ParseError soft;
  const bool ok = sei_rbsp(r, ev.err, suffix, active_sps_ ? active_sps_ : last_sps_, prefix_only, sei_,
                           sei_counters_, soft);
  if (sei_.has_recovery_point) {
    ev.recovery_point = true;
    ev.recovery_frame_cnt = sei_.recovery_point.recovery_poc_cnt;
    ev.exact_match = sei_.recovery_point.exact_match_flag;
    ev.broken_link = sei_.recovery_point.broken_link_flag;
  }
  if (ok && !soft.ok()) ev.err = soft;
}

void Front::on_slice(const uint8_t* nal, size_t size, const NalUnitHeader& nh, bool prefix_only, NalEvent& ev) {
  const uint8_t t = nh.nal_unit_type;
  if (nh.nuh_layer_id > 0) {  // other layers (Annex F): slice header syntax not followed
    ev.err.set(ParseStatus::kUnsupported, "nuh_layer_id", nh.nuh_layer_id, 0, 0);
    return;
  }
  if (!is_defined_vcl(t)) return;  // reserved VCL types: content ignored (7.4.2.2)
  if (size < 3) {
    ev.err.set(ParseStatus::kTruncated, "first_slice_segment_in_pic_flag");
    return;
  }
  // first_slice_segment_in_pic_flag is the first RBSP bit (byte 2 cannot be an emulation
  // prevention byte: byte 1 is nonzero because nuh_temporal_id_plus1 > 0).
  ev.first_slice_of_picture = (nal[2] & 0x80) != 0;
  if (ev.first_slice_of_picture) have_independent_ = false;

  have_slice_ = false;
  SliceSegmentHeader& h = slice_;
  BitReader r(nal + 2, size - 2);
  ParseError& err = ev.err;
  if (!slice_segment_header_begin(r, err, t, h)) return;
  const unsigned pps_id = h.slice_pic_parameter_set_id;
  ev.pps_id = static_cast<uint8_t>(pps_id);
  Slot<Pps>& ps = pps_[pps_id];
  if (!ps.present) {
    err.set(ParseStatus::kMissingRef, "slice_pic_parameter_set_id", pps_id, 0, limits::kMaxPpsId);
    return;
  }
  if (!ps.valid) {
    err.set(ParseStatus::kInvalid, "slice_pic_parameter_set_id", pps_id, 0, limits::kMaxPpsId);
    return;
  }
  if (!bind_pps(ps, err)) return;
  const Pps& pps = *ps.ps;
  const Sps& sps = *sps_[pps.pps_seq_parameter_set_id].ps;
  ev.sps_id = pps.pps_seq_parameter_set_id;
  ev.vps_id = sps.sps_video_parameter_set_id;
  const Slot<Vps>& vs = vps_[sps.sps_video_parameter_set_id];
  if (!vs.valid)  // reported, but the slice header does not depend on the VPS
    err.set(vs.present ? ParseStatus::kInvalid : ParseStatus::kMissingRef, "sps_video_parameter_set_id",
            sps.sps_video_parameter_set_id, 0, limits::kMaxVpsId);
  active_pps_ = &pps;
  active_sps_ = &sps;
  active_vps_ = vs.valid ? vs.ps.get() : nullptr;
  ev.field_pic = sps.vui.field_seq_flag;

  const SliceSegmentHeader* independent = have_independent_ ? &independent_ : nullptr;
  ParseError soft;
  if (!slice_segment_header_rest(r, err, t, sps, pps, independent, nal, size, h, soft)) return;
  have_slice_ = true;
  if (!soft.ok()) err.set(soft.status, soft.element, soft.value, soft.min, soft.max);
  // 7.4.7.1: the substreams start inside the slice segment data.
  if (!prefix_only && h.num_entry_point_offsets > 0) {
    const uint64_t data = size > h.slice_data_byte_offset ? size - h.slice_data_byte_offset : 0;
    if (h.entry_point_offset_sum >= data)
      err.set(ParseStatus::kOutOfRange, "entry_point_offset_minus1", static_cast<int64_t>(h.entry_point_offset_sum), 0,
              data > 0 ? static_cast<int64_t>(data) - 1 : 0);
  }
  if (!h.dependent_slice_segment_flag) {
    independent_ = h;
    have_independent_ = true;
  }

  // 8.3.1: PicOrderCntVal once per picture; a slice whose picture's first slice was lost starts one.
  const bool same_picture = have_picture_ && !h.first_slice_segment_in_pic_flag &&
                            is_idr(picture_nal_unit_type_) == is_idr(t) &&
                            picture_poc_lsb_ == h.slice_pic_order_cnt_lsb;
  if (!same_picture) {
    poc_ = decode_picture_order_count(poc_state_, t, nh.TemporalId(), h.slice_pic_order_cnt_lsb, sps.MaxPicOrderCntLsb);
    if (is_irap(t)) irap_no_rasl_output_flag_ = poc_.NoRaslOutputFlag;
    derive_picture_rps(h, sps, poc_.PicOrderCntVal, rps_);
    have_picture_ = true;
    picture_nal_unit_type_ = t;
    picture_poc_lsb_ = h.slice_pic_order_cnt_lsb;
  }
  ev.header_parsed = true;
  ev.slice_pic_type = pic_type_of(h.slice_type);
  ev.poc = poc_.PicOrderCntVal;
  ev.first_mb_or_ctb = h.slice_segment_address;
}

void Front::summary(StreamSummary& s) const {
  s = StreamSummary();
  s.codec = Codec::kHevc;
  const Sps* sps = active_sps_ ? active_sps_ : last_sps_;
  if (!sps) return;
  s.valid = true;
  const ProfileTierLevel& ptl = sps->profile_tier_level;
  s.profile_idc = ptl.general_profile_idc;
  s.level_idc = ptl.general_level_idc;
  s.profile_name = profile_name(ptl);
  s.width = sps->cropped_width;
  s.height = sps->cropped_height;
  s.coded_width = sps->pic_width_in_luma_samples;
  s.coded_height = sps->pic_height_in_luma_samples;
  s.chroma_format_idc = sps->chroma_format_idc;
  s.bit_depth_luma = sps->BitDepthY;
  s.bit_depth_chroma = sps->BitDepthC;
  s.interlaced = sps->vui_parameters_present_flag && sps->vui.field_seq_flag;
  if (sps->vui_parameters_present_flag && sps->vui.vui_timing_info_present_flag && sps->vui.vui_num_units_in_tick &&
      sps->vui.vui_time_scale) {
    s.frame_rate_num = sps->vui.vui_time_scale;
    s.frame_rate_den = sps->vui.vui_num_units_in_tick;
  } else if (const Vps* v = vps(sps->sps_video_parameter_set_id);
             v && v->vps_timing_info_present_flag && v->vps_num_units_in_tick && v->vps_time_scale) {
    s.frame_rate_num = v->vps_time_scale;
    s.frame_rate_den = v->vps_num_units_in_tick;
  }
}

}  // namespace mi::hevc
