#include "h264/front.h"
#include "bitstream/syntax.h"
#include "h264/limits.h"
#include "h264/nal.h"

namespace mi::h264 {

uint64_t content_hash(const uint8_t* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) { h ^= p[i]; h *= 1099511628211ull; }
  return h;
}

Front::Front() = default;
Front::~Front() = default;

void Front::reset() {
  for (auto& s : sps_) s.reset();
  for (auto& s : subset_sps_) s.reset();
  for (auto& p : pps_) p.reset();
  for (auto& v : pps_raw_) v.clear();
  sps_slot_.fill(PsSlot{});
  subset_slot_.fill(PsSlot{});
  pps_slot_.fill(PsSlot{});
  first_sps_ = active_sps_ = nullptr;
  active_pps_ = nullptr;
  prev_ = SliceHeader();
  have_prev_ = au_break_ = false;
  poc_state_ = PocState();
  poc_ = 0;
  prev_pic_field_ = prev_pic_paired_ = prev_pic_bottom_ = prev_pic_ref_ = prev_pic_idr_ = false;
  sei_ = SeiSummary();
  sei_counters_ = SeiCounters();
  primary_pic_type_ = 0xFF;
}

const Pps* Front::pps(uint32_t id) const { return id < pps_.size() ? pps_[id].get() : nullptr; }
const Sps* Front::sps(uint32_t id) const { return id < sps_.size() ? sps_[id].get() : nullptr; }

void Front::on_nal(const uint8_t* nal, size_t size, bool prefix_only, NalEvent& ev) {
  ev.reset();
  if (size == 0) return;
  const NalHeader h = nal_unit_header(nal[0]);
  ev.nal_unit_type = h.nal_unit_type;
  ev.ref_idc_or_layer = h.nal_ref_idc;
  ev.forbidden_zero_bit = h.forbidden_zero_bit != 0;
  ev.is_vcl = is_vcl(h.nal_unit_type);
  ev.starts_au_after_vcl = starts_access_unit(h.nal_unit_type);
  ev.end_of_sequence = h.nal_unit_type == kEndOfSeq;
  ev.end_of_stream = h.nal_unit_type == kEndOfStream;
  // A prefix NAL unit (14) belongs to the slice after it (G.7.4.1.2.3): whether it starts a
  // new access unit is decided by that slice's header.
  if (ev.starts_au_after_vcl && h.nal_unit_type != kPrefix) au_break_ = true;

  BitReader r(nal + 1, size - 1);
  switch (h.nal_unit_type) {
    case kSps: on_sps(r, nal, size, false, ev); break;
    case kSubsetSps: on_sps(r, nal, size, true, ev); break;
    case kPps: on_pps(nal, size, ev); break;
    case kSei: {
      sei_ = SeiSummary();
      if (!sei_rbsp(r, ev.err, active_sps_ ? active_sps_ : first_sps_, sei_, sei_counters_)) break;
      if (sei_.has_recovery_point) {
        ev.recovery_point = true;
        ev.recovery_frame_cnt = static_cast<int32_t>(sei_.recovery_frame_cnt);
        ev.exact_match = sei_.exact_match_flag != 0;
        ev.broken_link = sei_.broken_link_flag != 0;
      }
      break;
    }
    case kAud: {
      uint32_t primary_pic_type = r.u(3);  // 7.3.2.4
      if (r.overread()) ev.err.set(ParseStatus::kTruncated, "primary_pic_type");
      else primary_pic_type_ = static_cast<uint8_t>(primary_pic_type);
      break;
    }
    case kSliceNonIdr:
    case kSliceIdr:
    case kSliceDataA:
      // 7.3.2.9.1: slice_data_partition_a_layer_rbsp() starts with slice_header(), so a
      // partitioned slice (Extended profile) is placed and checked like any other; partitions
      // B and C (7.3.2.9.2, 7.3.2.9.3) carry no header and are only counted.
      on_slice(r, h, ev);
      break;
    default:
      break;
  }
  if (prefix_only && ev.err.status == ParseStatus::kTruncated) {
    // Not enough of the unit was kept to finish the syntax: unsupported here, not broken.
    ev.err = ParseError();
    ev.err.set(ParseStatus::kUnsupported, "nal_unit_size");
  }
  if (ev.is_vcl) au_break_ = false;
}

void Front::on_sps(BitReader& r, const uint8_t* nal, size_t size, bool subset, NalEvent& ev) {
  ev.param_set = true;
  auto s = std::make_unique<Sps>();
  s->subset = subset;
  s->seq_parameter_set_id = 0xFFFFFFFFu;  // stays so until the id has been read
  if (!(subset ? seq_parameter_set_data(r, ev.err, *s) : seq_parameter_set_rbsp(r, ev.err, *s))) {
    if (!subset && s->seq_parameter_set_id < sps_broken_.size()) sps_broken_[s->seq_parameter_set_id] = true;
    return;
  }
  ev.err_in_vui = !s->vui_complete;
  const uint32_t id = s->seq_parameter_set_id;
  if (!subset) sps_broken_[id] = false;
  ev.sps_id = static_cast<uint8_t>(id);
  PsSlot& slot = subset ? subset_slot_[id] : sps_slot_[id];
  const uint64_t hash = content_hash(nal + 1, size - 1);
  auto& table = subset ? subset_sps_ : sps_;
  if (table[id] && (slot.hash != hash || slot.size != size)) ev.param_set_changed = true;
  const bool unchanged = table[id] && !ev.param_set_changed;
  slot.hash = hash;
  slot.size = static_cast<uint32_t>(size);
  if (unchanged) return;  // a repeated SPS: keep the stored one (pointers stay valid)
  if (table[id] && active_sps_ == table[id].get()) active_sps_ = nullptr;
  if (table[id] && first_sps_ == table[id].get()) first_sps_ = nullptr;
  table[id] = std::move(s);
  if (!subset) {
    if (!first_sps_) first_sps_ = sps_[id].get();
    reparse_pps_of(id);
  }
}

void Front::reparse_pps_of(uint32_t sps_id) {
  for (size_t i = 0; i < pps_.size(); ++i) {
    if (!pps_[i] || pps_[i]->seq_parameter_set_id != sps_id || pps_raw_[i].empty()) continue;
    const std::vector<uint8_t>& raw = pps_raw_[i];
    BitReader r(raw.data() + 1, raw.size() - 1);
    ParseError ignored;  // reported when the PPS was received
    Pps p;
    if (pic_parameter_set_rbsp(r, ignored, sps_[sps_id].get(), p)) *pps_[i] = p;
    if (active_pps_ == pps_[i].get()) active_pps_ = nullptr;
  }
}

void Front::on_pps(const uint8_t* nal, size_t size, NalEvent& ev) {
  ev.param_set = true;
  uint32_t pps_id = 0, sps_id = 0;
  {
    BitReader r(nal + 1, size - 1);
    if (!pps_ids(r, ev.err, pps_id, sps_id)) return;
  }
  ev.pps_id = static_cast<uint8_t>(pps_id);
  ev.sps_id = static_cast<uint8_t>(sps_id);
  const uint64_t hash = content_hash(nal + 1, size - 1);
  PsSlot& slot = pps_slot_[pps_id];
  if (pps_[pps_id] && (slot.hash != hash || slot.size != size)) ev.param_set_changed = true;
  if (pps_[pps_id] && !ev.param_set_changed) return;  // repeated PPS
  BitReader r(nal + 1, size - 1);
  Pps p;
  // A PPS may refer to a subset SPS (SVC / MVC layers, G.7.4.2.2 / H.7.4.2.2).
  const Sps* sps = sps_[sps_id] ? sps_[sps_id].get() : subset_sps_[sps_id].get();
  if (!pic_parameter_set_rbsp(r, ev.err, sps, p)) {
    pps_broken_[pps_id] = true;
    return;
  }
  pps_broken_[pps_id] = false;
  // No SPS yet is not an error here: 7.4.1.2.1 needs the SPS when a slice activates this PPS
  // (then a missing one is SLICE_PARAM_SET_MISSING); the PPS is parsed again when it arrives.
  slot.hash = hash;
  slot.size = static_cast<uint32_t>(size);
  if (!pps_[pps_id]) pps_[pps_id] = std::make_unique<Pps>();
  *pps_[pps_id] = p;
  pps_raw_[pps_id].assign(nal, nal + size);
  if (active_pps_ == pps_[pps_id].get()) active_pps_ = nullptr;
}

bool Front::starts_new_picture(const SliceHeader& sh, const Sps& sps) const {
  // 7.4.1.2.4: the first VCL NAL unit of a new primary coded picture differs from the
  // previous one in any of these.
  const SliceHeader& p = prev_;
  if (sh.frame_num != p.frame_num) return true;
  if (sh.pic_parameter_set_id != p.pic_parameter_set_id) return true;
  if (sh.field_pic_flag != p.field_pic_flag) return true;
  if (sh.field_pic_flag && sh.bottom_field_flag != p.bottom_field_flag) return true;
  if ((sh.nal.nal_ref_idc == 0) != (p.nal.nal_ref_idc == 0)) return true;
  if (sps.pic_order_cnt_type == 0 &&
      (sh.pic_order_cnt_lsb != p.pic_order_cnt_lsb || sh.delta_pic_order_cnt_bottom != p.delta_pic_order_cnt_bottom))
    return true;
  if (sps.pic_order_cnt_type == 1 &&
      (sh.delta_pic_order_cnt[0] != p.delta_pic_order_cnt[0] || sh.delta_pic_order_cnt[1] != p.delta_pic_order_cnt[1]))
    return true;
  if (sh.IdrPicFlag() != p.IdrPicFlag()) return true;
  if (sh.IdrPicFlag() && p.IdrPicFlag() && sh.idr_pic_id != p.idr_pic_id) return true;
  return false;
}

void Front::on_slice(BitReader& r, const NalHeader& h, NalEvent& ev) {
  SliceHeader sh;
  const Sps* sps = nullptr;
  const Pps* pps = nullptr;
  const bool ok = slice_header(r, ev.err, h, *this, sh, &sps, &pps);
  ev.first_mb_or_ctb = sh.first_mb_in_slice;
  ev.pps_id = static_cast<uint8_t>(sh.pic_parameter_set_id);
  ev.idr = h.nal_unit_type == kSliceIdr;
  ev.irap = ev.idr;
  ev.reference = h.nal_ref_idc != 0;
  if (!ok && ev.err.status == ParseStatus::kMissingRef) {
    // The set was received but failed to parse: broken, not missing (7.4.1.2.1).
    const bool sps_ref = ev.err.element && ev.err.element[0] == 's';
    const int64_t id = ev.err.value;
    if ((sps_ref && id >= 0 && id < 32 && sps_broken_[id]) || (!sps_ref && id >= 0 && id < 256 && pps_broken_[id])) {
      const ParseError e = ev.err;
      ev.err = ParseError();
      ev.err.set(ParseStatus::kInvalid, e.element, e.value, e.min, e.max);
    }
  }
  if (!ok || !sps || !pps) {
    // Without its header the slice can only be placed by first_mb_in_slice.
    ev.first_slice_of_picture = !have_prev_ || au_break_ || sh.first_mb_in_slice == 0;
    if (sps) ev.sps_id = static_cast<uint8_t>(pps->seq_parameter_set_id);
    if (ev.err.status == ParseStatus::kTruncated || ev.err.status == ParseStatus::kOutOfRange) {
      switch (sh.type()) {
        case kI: case kSI: ev.slice_pic_type = PicType::kI; break;
        case kB: ev.slice_pic_type = PicType::kB; break;
        default: ev.slice_pic_type = PicType::kP; break;
      }
    }
    return;
  }
  ev.header_parsed = true;
  ev.sps_id = static_cast<uint8_t>(pps->seq_parameter_set_id);
  ev.frame_num = sh.frame_num;
  ev.field_pic = sh.field_pic_flag != 0;
  ev.bottom_field = sh.bottom_field_flag != 0;
  ev.mbaff = sh.MbaffFrameFlag(*sps);
  switch (sh.type()) {
    case kI: case kSI: ev.slice_pic_type = PicType::kI; break;
    case kB: ev.slice_pic_type = PicType::kB; break;
    default: ev.slice_pic_type = PicType::kP; break;
  }
  const bool redundant = sh.redundant_pic_cnt > 0;  // 7.4.1.2.5: follows its primary picture
  const bool first = !redundant && (!have_prev_ || au_break_ || starts_new_picture(sh, *sps));
  ev.first_slice_of_picture = first;
  if (first) {
    // Complementary field pair (3.30): opposite parity, same frame_num, both reference or
    // both non-reference, the second not an IDR unless the first is one with the same id.
    ev.second_field_of_pair = sh.field_pic_flag && prev_pic_field_ && !prev_pic_paired_ &&
                              sh.bottom_field_flag != prev_pic_bottom_ && sh.frame_num == prev_pic_frame_num_ &&
                              (h.nal_ref_idc != 0) == prev_pic_ref_ &&
                              (!ev.idr || (prev_pic_idr_ && sh.idr_pic_id == prev_pic_idr_id_));
    prev_pic_paired_ = ev.second_field_of_pair;
    prev_pic_field_ = sh.field_pic_flag != 0;
    prev_pic_bottom_ = sh.bottom_field_flag != 0;
    prev_pic_ref_ = h.nal_ref_idc != 0;
    prev_pic_idr_ = ev.idr;
    prev_pic_idr_id_ = sh.idr_pic_id;
    prev_pic_frame_num_ = sh.frame_num;
    const Poc poc = decode_poc(*sps, sh, poc_state_);
    poc_ = poc.pic;
    active_sps_ = sps;
    active_pps_ = pps;
  }
  ev.poc = static_cast<int32_t>(poc_ > INT32_MAX ? INT32_MAX : (poc_ < INT32_MIN ? INT32_MIN : poc_));
  if (!redundant) {
    prev_ = sh;
    have_prev_ = true;
  }
}

void Front::summary(StreamSummary& out) const {
  const Sps* s = active_sps_ ? active_sps_ : first_sps_;
  out = StreamSummary();
  out.codec = Codec::kH264;
  if (!s) return;
  out.valid = true;
  out.profile_idc = s->profile_idc;
  out.level_idc = s->level_idc;
  out.profile_name = profile_name(*s);
  out.width = s->width();
  out.height = s->height();
  out.coded_width = 16 * s->PicWidthInMbs();
  out.coded_height = 16 * s->FrameHeightInMbs();
  out.chroma_format_idc = s->chroma_format_idc;
  out.bit_depth_luma = s->bit_depth_luma_minus8 + 8;
  out.bit_depth_chroma = s->bit_depth_chroma_minus8 + 8;
  out.interlaced = !s->frame_mbs_only_flag;
  if (s->vui.timing_info_present_flag && s->vui.num_units_in_tick && s->vui.time_scale) {
    // E.2.1: a frame lasts 2 * num_units_in_tick clock ticks (one tick per field).
    out.frame_rate_num = s->vui.time_scale;
    out.frame_rate_den = 2 * s->vui.num_units_in_tick;
  }
}

}  // namespace mi::h264
