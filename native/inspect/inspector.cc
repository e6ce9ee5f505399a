#include "inspect/inspector.h"
#include <algorithm>
#include <cstring>
#include "h264/front.h"
#include "h264/nal.h"
#include "hevc/front.h"
#include "hevc/nal.h"
#include "validate/h264_checks.h"
#include "validate/hevc_checks.h"

namespace mi {

using namespace rec;

// A frame being assembled: its attributes and the records that get its index when emitted.
struct Inspector::Pending {
  uint32_t nal_count = 0;
  uint64_t offset = 0;
  uint64_t end = 0;
  uint64_t first_nal = 0;
  uint32_t flags = 0;
  uint8_t pic_type = 0;       // PicType; combined as the "highest" of I < P < B
  bool has_vcl = false;
  bool has_primary = false;
  bool second_field = false;  // this access unit is the second field of the held one
  int32_t poc = 0;
  uint32_t frame_num = 0;
  uint32_t ids = 0xFFFFFFu;   // sps | pps << 8 | vps << 16 | tid << 24
  uint32_t vcl_type = 0xFF;
  uint32_t slice_count = 0;
  uint32_t issue_flags = 0;
  int64_t pts = -1, dts = -1;
  // Access-unit facts for the order and consistency checks.
  int aud_pos = -1;              // index of the access unit delimiter among the AU's NAL units
  int aud_pic_type = -1;         // primary_pic_type (H.264) / pic_type (H.265)
  uint32_t slice_types = 0;      // bit (1 << PicType) of every primary slice
  bool has_pic_timing = false;
  bool needs_pic_timing = false;
  uint32_t sei_nals = 0;         // SEI NAL units so far
  bool after_eos = false;        // the AU began right after an end of sequence / stream
  std::vector<uint32_t> nals;    // kNalStride words each, kNalFrame filled at emit
  std::vector<uint32_t> issues;  // kIssueStride words each, kIssueFrame filled at emit

  void clear() {
    std::vector<uint32_t> n = std::move(nals), i = std::move(issues);
    *this = Pending();
    nals = std::move(n);
    issues = std::move(i);
    nals.clear();
    issues.clear();
  }
};

Inspector::Inspector(const InspectorConfig& cfg)
    : cfg_(cfg), codec_(cfg.codec),
      cur_(new Pending()), tail_(new Pending()), held_(new Pending()), stray_(new Pending()) {
  if (codec_ != Codec::kUnknown) create_front();
  if (cfg_.length_prefixed) lp_.reset(new LengthPrefixedSplitter(*this, cfg_.length_size));
  else annexb_.reset(new AnnexBSplitter(*this));
  elements_.push_back("");
}

Inspector::~Inspector() = default;

void Inspector::clear_output() {
  out_frames_.clear();
  out_nals_.clear();
  out_issues_.clear();
}

uint32_t Inspector::element_id(const char* name) {
  if (!name) return 0;
  // Syntax reads name elements by their C++ expression ("s.log2_max_frame_num_minus4"):
  // keep the part after the last member access.
  const char* n = name;
  for (const char* p = name; *p; ++p)
    if (*p == '.' || (*p == '>' && p > name && p[-1] == '-')) n = p + 1;
  for (size_t i = 1; i < elements_.size(); ++i)
    if (elements_[i] == n || std::strcmp(elements_[i], n) == 0) return static_cast<uint32_t>(i);
  elements_.push_back(n);
  return static_cast<uint32_t>(elements_.size() - 1);
}

const char* Inspector::element_name(uint32_t id) const {
  return id < elements_.size() ? elements_[id] : "";
}

// Findings that repeat with every re-sent parameter set or every slice of a stream (a broken
// encoder setting): the same code, element and value is reported once per GOP. Whether a GOP
// starts is known only once the access unit's picture has come (its SPS, PPS and SEI precede
// it), so the repeats are settled when the frame is emitted (settle_repeats).
static bool once_per_gop(IssueCode c) {
  switch (c) {
    case IssueCode::PARAM_SET_TRUNCATED: case IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE:
    case IssueCode::PARAM_SET_INVALID: case IssueCode::VUI_MALFORMED: case IssueCode::PARAM_SET_REF_MISSING:
    case IssueCode::SLICE_HEADER_VALUE_OUT_OF_RANGE: case IssueCode::SEI_MALFORMED:
    case IssueCode::UNSUPPORTED_SYNTAX: case IssueCode::SYNTAX_INVALID: case IssueCode::AUD_MALFORMED:
    case IssueCode::RESERVED_NAL_TYPE: case IssueCode::UNSPECIFIED_NAL_TYPE: case IssueCode::MISSING_ZERO_BYTE:
    case IssueCode::NAL_REF_IDC_INVALID: case IssueCode::VUI_VALUE_INVALID: case IssueCode::LEVEL_LIMIT_EXCEEDED:
    case IssueCode::PROFILE_CONSTRAINT_VIOLATED: case IssueCode::CROP_INVALID:
    case IssueCode::DIRECT_8X8_INFERENCE_REQUIRED: case IssueCode::TEMPORAL_ID_INVALID:
    case IssueCode::LAYER_NOT_BASE: case IssueCode::AUD_PIC_TYPE_MISMATCH: case IssueCode::SEI_ORDER_INVALID:
    case IssueCode::PARAM_SET_CHANGED:
      return true;
    default:
      return false;
  }
}

void Inspector::issue(Pending& f, IssueCode code, uint64_t offset, uint32_t nal, const char* element,
                      int64_t found, int64_t min, int64_t max) {
  if (!issue_def(code)) return;
  const uint32_t words[kIssueStride] = {
      static_cast<uint32_t>(code), static_cast<uint32_t>(offset), static_cast<uint32_t>(offset >> 32), nal,
      kNone, element_id(element),
      static_cast<uint32_t>(found), static_cast<uint32_t>(static_cast<uint64_t>(found) >> 32),
      static_cast<uint32_t>(min), static_cast<uint32_t>(static_cast<uint64_t>(min) >> 32),
      static_cast<uint32_t>(max), static_cast<uint32_t>(static_cast<uint64_t>(max) >> 32)};
  f.issues.insert(f.issues.end(), words, words + kIssueStride);
  if (!once_per_gop(code)) count_issue(f, code);
}

void Inspector::count_issue(Pending& f, IssueCode code) {
  const IssueDef* d = issue_def(code);
  f.issue_flags |= 1u << static_cast<unsigned>(d->kind);
  if (d->severity >= Severity::medium) f.issue_flags |= kClassDamaged;
  ++counters_.issues;
  ++counters_.issues_by_severity[static_cast<unsigned>(d->severity)];
}

// Drops the once-per-GOP findings of `f` that repeat one reported in this GOP (counted as
// suppressed) and counts the others; `new_gop`: `f` starts a GOP (IDR / IRAP access unit).
void Inspector::settle_repeats(Pending& f, bool new_gop) {
  if (new_gop) repeats_.clear();
  size_t kept = 0;
  for (size_t i = 0; i < f.issues.size(); i += kIssueStride) {
    const uint32_t* w = &f.issues[i];
    const IssueCode code = static_cast<IssueCode>(w[0]);
    if (once_per_gop(code)) {
      // Element ids are unique per name, so the name pointers compare.
      const char* element = element_name(w[5]);
      const int64_t found = static_cast<int64_t>(static_cast<uint64_t>(w[7]) << 32 | w[6]);
      bool repeat = false;
      for (const Repeat& r : repeats_) repeat = repeat || (r.code == code && r.element == element && r.found == found);
      if (repeat) {
        ++counters_.issues_suppressed;
        continue;
      }
      if (repeats_.size() < 64) repeats_.push_back(Repeat{code, element, found});
      count_issue(f, code);
    }
    if (kept != i) std::copy(w, w + kIssueStride, f.issues.begin() + static_cast<std::ptrdiff_t>(kept));
    kept += kIssueStride;
  }
  f.issues.resize(kept);
}

void Inspector::raise(IssueCode code, uint64_t offset, const char* element, int64_t found, int64_t min, int64_t max) {
  issue(target_ ? *target_ : *cur_, code, offset, cur_nal_,
        element, found, min, max);
}

void Inspector::add_issue(IssueCode code, uint64_t offset, const char* element, int64_t found) {
  issue(*cur_, code, offset, kNone, element, found, 0, 0);
  if (cur_->nal_count == 0) {  // not tied to a frame: out now
    settle_repeats(*cur_, false);
    for (size_t i = 0; i < cur_->issues.size(); i += kIssueStride) cur_->issues[i + kIssueFrame] = kNone;
    out_issues_.insert(out_issues_.end(), cur_->issues.begin(), cur_->issues.end());
    cur_->issues.clear();
  }
}

void Inspector::mark_damage(IssueCode code, uint64_t stream_offset, int64_t found) {
  if (damage_.size() >= 1024) return;  // bounded; a stream this broken is reported already
  damage_.push_back(Damage{code, stream_offset, found});
}

void Inspector::push(const uint8_t* data, size_t n, int64_t pts, int64_t dts) {
  // Each push opens a timestamp range [bytes so far, next push); a chunk without timestamps is
  // recorded only while earlier ranges wait, so an access unit starting in it takes none.
  // A continuation (kContinues) opens no range: it extends the previous one.
  if (pts != kContinues && (pts >= 0 || dts >= 0 || !ts_queue_.empty())) {
    if (ts_queue_.size() >= 64) ts_queue_.erase(ts_queue_.begin());  // bounded: no access unit for 64 pushes
    ts_queue_.push_back(TsRange{counters_.bytes, pts, dts});
  }
  counters_.bytes += n;
  if (annexb_) annexb_->push(data, n);
  else lp_->push(data, n);
}

void Inspector::end_sample() {
  if (!lp_) return;
  lp_->end_sample();
  take_stray(tail_->nal_count ? *tail_ : *cur_);  // bytes of a sample belong to its access unit
}

void Inspector::flush() {
  if (annexb_) annexb_->flush();
  else lp_->flush();
  take_stray(tail_->nal_count ? *tail_ : *cur_);
  for (const Damage& d : damage_) issue(*cur_, d.code, d.offset, kNone, nullptr, d.found, 0, 0);
  damage_.clear();
  target_ = cur_.get();
  if (codec_ == Codec::kH264) h264_checks_->on_flush(*this);
  else if (codec_ == Codec::kHevc) hevc_checks_->on_flush(*this);
  close_current();
  if (tail_->nal_count) {  // non-VCL units after the last picture: an access unit of their own
    std::swap(cur_, tail_);
    close_current();
  }
  if (held_->nal_count) {
    held_->flags |= kUnpairedField;
    issue(*held_, IssueCode::UNPAIRED_FIELD, held_->offset, kNone, nullptr, held_->frame_num, 0, 0);
    emit(*held_);
  }
  if (counters_.bytes == 0) add_issue(IssueCode::EMPTY_INPUT, 0, nullptr, 0);
  else if (codec_ == Codec::kUnknown) add_issue(IssueCode::UNKNOWN_CODEC, 0, nullptr, static_cast<int64_t>(counters_.nals));
  // Issues left without a frame (e.g. trailing garbage after the last frame).
  settle_repeats(*cur_, false);
  if (!cur_->issues.empty()) {
    for (size_t i = 0; i < cur_->issues.size(); i += kIssueStride) cur_->issues[i + kIssueFrame] = kNone;
    out_issues_.insert(out_issues_.end(), cur_->issues.begin(), cur_->issues.end());
    cur_->issues.clear();
  }
}

void Inspector::summary(StreamSummary& s) const {
  if (codec_ == Codec::kH264) h264_->summary(s);
  else if (codec_ == Codec::kHevc) hevc_->summary(s);
  else s = StreamSummary();
}

// The codec's front-end and checks exist only once the codec is known (they are large; an
// inspector per stream should not carry both).
void Inspector::create_front() {
  if (codec_ == Codec::kH264) {
    h264_.reset(new h264::Front());
    h264_checks_.reset(new h264::Checks());
  } else if (codec_ == Codec::kHevc) {
    hevc_.reset(new hevc::Front());
    hevc_checks_.reset(new hevc::Checks());
  }
}

bool Inspector::detect_codec(const uint8_t* p, size_t n) {
  // Decide from NAL unit headers that can only be one codec's (7.3.1 / 7.3.1.2).
  if (n < 2 || (p[0] & 0x80)) return false;
  const uint8_t t264 = p[0] & 0x1F, ref = (p[0] >> 5) & 3;
  const uint8_t t265 = (p[0] >> 1) & 0x3F;
  const uint8_t layer = static_cast<uint8_t>(((p[0] & 1) << 5) | (p[1] >> 3)), tid1 = p[1] & 7;
  const bool hevc_ps = layer == 0 && tid1 == 1 && t265 >= hevc::nut::VPS_NUT && t265 <= hevc::nut::AUD_NUT;
  const bool h264_ps = (t264 == h264::kSps && ref != 0) || (t264 == h264::kPps && ref != 0) || (t264 == h264::kAud && ref == 0) ||
                       (t264 == h264::kSliceIdr && ref != 0) || (t264 == h264::kSubsetSps && ref != 0);
  if (hevc_ps && !h264_ps) { codec_ = Codec::kHevc; return true; }
  if (h264_ps && !hevc_ps) { codec_ = Codec::kH264; return true; }
  // Undecided after a few units: fall back to what the header allows.
  if (++undecided_nals_ >= 8) {
    const bool hevc_ok = layer == 0 && tid1 != 0 && (t265 <= 21 || (t265 >= 32 && t265 <= 40));
    codec_ = hevc_ok && !(t264 >= 1 && t264 <= 12) ? Codec::kHevc : Codec::kH264;
    return true;
  }
  return false;
}

void Inspector::report_scan_issues(const NalSpan& s, uint32_t nal) {
  static const IssueCode kMap[] = {IssueCode::LEADING_GARBAGE,  IssueCode::ZERO_SEQUENCE_000,
                                   IssueCode::ZERO_SEQUENCE_001, IssueCode::ZERO_SEQUENCE_002,
                                   IssueCode::EPB_BAD_FOLLOWER,  IssueCode::TRAILING_ZERO_BYTE,
                                   IssueCode::LENGTH_OVERRUN,    IssueCode::EMPTY_NAL_UNIT,
                                   IssueCode::LEADING_GARBAGE};
  for (unsigned k = 0; k < static_cast<unsigned>(ScanIssue::kCount); ++k) {
    if (!(s.issue_mask & (1u << k))) continue;
    if (static_cast<ScanIssue>(k) == ScanIssue::kMissingZeroByte) continue;  // not raised by splitters
    const bool first = static_cast<ScanIssue>(k) == s.first_issue;
    issue(*target_, kMap[k], first ? s.first_issue_offset : s.offset, nal, nullptr,
          first ? s.issue_count : 1, 0, 0);
  }
}

void Inspector::report_parse_error(const NalEvent& ev, uint64_t offset, uint32_t nal) {
  const ParseError& e = ev.err;
  if (e.ok()) return;
  // Header findings have their own catalogue entries (reported from the NalEvent fields).
  if (e.element && std::strcmp(e.element, "forbidden_zero_bit") == 0) return;
  if (codec_ == Codec::kHevc && hevc::Checks::reports_parse_error(ev)) return;  // reported by hevc::Checks
  const uint8_t t = ev.nal_unit_type;
  enum { kParamSet, kSei, kVcl, kAud, kOther } cat = kOther;
  if (codec_ == Codec::kH264) {
    if (t == h264::kSps || t == h264::kPps || t == h264::kSubsetSps || t == h264::kSpsExt) cat = kParamSet;
    else if (t == h264::kSei) cat = kSei;
    else if (ev.is_vcl || t == h264::kSliceDataA) cat = kVcl;
    else if (t == h264::kAud) cat = kAud;
  } else {
    if (t >= hevc::nut::VPS_NUT && t <= hevc::nut::PPS_NUT) cat = kParamSet;
    else if (t == hevc::nut::PREFIX_SEI_NUT || t == hevc::nut::SUFFIX_SEI_NUT) cat = kSei;
    else if (ev.is_vcl) cat = kVcl;
    else if (t == hevc::nut::AUD_NUT) cat = kAud;
  }
  IssueCode code = IssueCode::SYNTAX_INVALID;
  if (e.status == ParseStatus::kUnsupported) {
    code = IssueCode::UNSUPPORTED_SYNTAX;
  } else if (cat == kSei) {
    code = IssueCode::SEI_MALFORMED;
  } else if (cat == kAud) {
    code = IssueCode::AUD_MALFORMED;
  } else if (cat == kParamSet) {
    if (ev.err_in_vui) code = IssueCode::VUI_MALFORMED;
    else if (e.status == ParseStatus::kTruncated) code = IssueCode::PARAM_SET_TRUNCATED;
    else if (e.status == ParseStatus::kOutOfRange) code = IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE;
    else if (e.status == ParseStatus::kMissingRef) code = IssueCode::PARAM_SET_REF_MISSING;
    else code = IssueCode::PARAM_SET_INVALID;
  } else if (cat == kVcl) {
    if (e.status == ParseStatus::kTruncated) code = IssueCode::SLICE_HEADER_TRUNCATED;
    else if (e.status == ParseStatus::kOutOfRange) code = IssueCode::SLICE_HEADER_VALUE_OUT_OF_RANGE;
    else if (e.status == ParseStatus::kMissingRef) code = IssueCode::SLICE_PARAM_SET_MISSING;
    else if (e.element && std::strstr(e.element, "parameter_set_id")) code = IssueCode::SLICE_PARAM_SET_INVALID;
  }
  if (e.status == ParseStatus::kMissingRef || code == IssueCode::SLICE_PARAM_SET_INVALID) {
    // Once per gap (VALIDATION.md B2 item 19): until a parameter set arrives.
    for (const MissingRef& m : missing_reported_)
      if (m.code == code && m.value == e.value && std::strcmp(m.element, e.element) == 0) return;
    missing_reported_.push_back(MissingRef{code, e.element, e.value});
  }
  issue(*target_, code, offset, nal, e.element, e.value, e.min, e.max);
}

void Inspector::on_stray_bytes(ScanIssue kind, uint64_t offset, uint64_t size) {
  IssueCode code = IssueCode::LEADING_GARBAGE;
  if (kind == ScanIssue::kEmptyNal) code = IssueCode::EMPTY_NAL_UNIT;
  else if (kind == ScanIssue::kLengthOverrun) code = IssueCode::LENGTH_OVERRUN;
  // Bytes between units belong with the unit that follows them (on_nal takes them there).
  issue(*stray_, code, offset, kNone, nullptr, static_cast<int64_t>(size), 0, 0);
}

void Inspector::take_stray(Pending& f) {
  if (stray_->issues.empty()) return;
  f.issues.insert(f.issues.end(), stray_->issues.begin(), stray_->issues.end());
  f.issue_flags |= stray_->issue_flags;
  stray_->clear();
}

void Inspector::on_nal(const NalSpan& s) {
  const uint32_t nal_idx = static_cast<uint32_t>(nal_index_);
  if (codec_ == Codec::kUnknown && s.avail > 0 && detect_codec(s.data, s.avail)) create_front();
  NalEvent& ev = ev_;
  ev.reset();
  if (s.avail > 0) {
    if (codec_ == Codec::kH264) h264_->on_nal(s.data, s.avail, s.prefix_only, ev);
    else if (codec_ == Codec::kHevc) hevc_->on_nal(s.data, s.avail, s.prefix_only, ev);
    else ev.forbidden_zero_bit = (s.data[0] & 0x80) != 0;
  }

  // Access-unit boundary (H.264 7.4.1.2.3, H.265 7.4.2.4.4). A NAL unit that starts a new
  // access unit "after the last VCL NAL unit of a picture" can only be placed once the
  // next VCL NAL unit shows whether the picture had ended (an SVC prefix NAL unit sits
  // between slices of one picture): such units wait in tail_ until then.
  const bool was_after_eos = after_eos_;
  if (after_eos_ && cur_->nal_count) close_current();
  after_eos_ = ev.end_of_sequence || ev.end_of_stream;
  if (ev.param_set) missing_reported_.clear();
  if (ev.is_vcl) {
    if (tail_->nal_count) {
      // An access unit delimiter is the first NAL unit of its access unit (H.264 7.4.1.2.3,
      // H.265 7.4.2.4.4): a tail that begins with one is a new access unit even when the slice
      // that follows does not say it starts a picture (e.g. nuh_layer_id > 0).
      if (ev.first_slice_of_picture || !cur_->has_primary || tail_->aud_pos == 0) {
        close_current();
        std::swap(cur_, tail_);
      } else {
        merge_tail();
      }
    } else if (ev.first_slice_of_picture && cur_->has_primary) {
      close_current();
    }
  }
  if (s.avail && (codec_ == Codec::kH264 ? ev.nal_unit_type == h264::kAud : (codec_ == Codec::kHevc && ev.nal_unit_type == hevc::nut::AUD_NUT))) {
    // H.264 7.4.1.2.3 / H.265 7.4.2.4.4: at most one access unit delimiter per access unit, and
    // it comes first. A second one ends the access unit it would join: a picture was lost
    // between them, and that access unit has none.
    if (tail_->nal_count && tail_->aud_pos >= 0) {
      close_current();
      std::swap(cur_, tail_);
      close_current();
    } else if (!tail_->nal_count && !cur_->has_vcl && cur_->aud_pos >= 0) {
      close_current();
    }
  }
  Pending& f = (!ev.is_vcl && (tail_->nal_count || (ev.starts_au_after_vcl && cur_->has_vcl))) ? *tail_ : *cur_;
  target_ = &f;
  cur_nal_ = nal_idx;
  if (f.nal_count == 0) {
    f.offset = s.offset;
    f.first_nal = nal_index_;
    f.after_eos = was_after_eos;
    take_timestamps(f, s.offset);
  }
  take_stray(f);
  note_nal(f, s, s.avail ? ev.nal_unit_type : 0xFF);
  ++f.nal_count;
  f.end = s.offset + s.size;

  uint32_t nflags = 0;
  if (ev.forbidden_zero_bit) nflags |= kNalForbiddenBit;
  if (s.prefix_only) nflags |= kNalPrefixOnly;
  if (s.cut_by_eof) nflags |= kNalCutByEof;
  if (!ev.err.ok()) nflags |= kNalParseError;
  if (ev.first_slice_of_picture) nflags |= kNalFirstSliceOfPicture;
  if (ev.param_set_changed) nflags |= kNalParamSetChanged;
  if (ev.is_vcl) nflags |= kNalVcl;
  const uint32_t type = s.avail ? ev.nal_unit_type : 0xFF;
  const uint32_t words[kNalStride] = {
      static_cast<uint32_t>(s.offset), static_cast<uint32_t>(s.offset >> 32), s.size,
      type | static_cast<uint32_t>(ev.ref_idc_or_layer) << 8 | static_cast<uint32_t>(ev.temporal_id) << 16 |
          static_cast<uint32_t>(s.prefix_len) << 24,
      kNone, s.epb_count, nflags, s.issue_mask};
  f.nals.insert(f.nals.end(), words, words + kNalStride);
  ++counters_.nals;
  if (s.avail) ++counters_.nal_types[type & 63];

  // Per-NAL findings.
  if (s.issue_mask) report_scan_issues(s, nal_idx);
  if (ev.forbidden_zero_bit) issue(f, IssueCode::FORBIDDEN_ZERO_BIT, s.offset, nal_idx, "forbidden_zero_bit", 1, 0, 0);
  if (s.cut_by_eof) issue(f, IssueCode::NAL_TRUNCATED, s.offset, nal_idx, nullptr, s.size, 0, 0);
  if (s.avail && codec_ != Codec::kUnknown) {
    const bool reserved = codec_ == Codec::kH264 ? h264::is_reserved(type) : hevc::is_reserved(type);
    const bool unspecified = codec_ == Codec::kH264 ? h264::is_unspecified(type) : hevc::is_unspecified(type);
    if (reserved) issue(f, IssueCode::RESERVED_NAL_TYPE, s.offset, nal_idx, "nal_unit_type", type, 0, 0);
    else if (unspecified) issue(f, IssueCode::UNSPECIFIED_NAL_TYPE, s.offset, nal_idx, "nal_unit_type", type, 0, 0);
  }
  if (!s.cut_by_eof) report_parse_error(ev, s.offset, nal_idx);
  if (!damage_.empty()) {
    // Transport damage inside (or before) this unit belongs to this unit's frame.
    size_t kept = 0;
    for (const Damage& d : damage_) {
      if (d.offset < s.offset + s.size) issue(f, d.code, d.offset, nal_idx, nullptr, d.found, 0, 0);
      else damage_[kept++] = d;
    }
    damage_.resize(kept);
  }
  if (ev.param_set_changed) issue(f, IssueCode::PARAM_SET_CHANGED, s.offset, nal_idx, nullptr, type, 0, 0);

  // Frame attributes.
  if (ev.param_set) {
    if (codec_ == Codec::kH264) f.flags |= type == h264::kPps ? kHasPps : kHasSps;
    else f.flags |= type == hevc::nut::VPS_NUT ? kHasVps : (type == hevc::nut::SPS_NUT ? kHasSps : kHasPps);
    if (ev.param_set_changed) f.flags |= kParamSetChanged;
  }
  if (codec_ == Codec::kH264 ? type == h264::kAud : type == hevc::nut::AUD_NUT) f.flags |= kHasAud;
  if (codec_ == Codec::kH264 ? type == h264::kSei : (type == hevc::nut::PREFIX_SEI_NUT || type == hevc::nut::SUFFIX_SEI_NUT))
    f.flags |= kHasSei;
  if (ev.end_of_sequence) f.flags |= kEndOfSequence;
  if (s.cut_by_eof) f.flags |= kCutByEof;
  if (ev.recovery_point) {
    f.flags |= kRecoveryPoint;
    if (codec_ == Codec::kH264) f.flags |= kKeyframe;  // D.2.8 random access point (HEVC: IRAP only)
  }
  if (ev.is_vcl) {
    f.has_vcl = true;
    const bool primary = codec_ == Codec::kH264 ? h264::is_base_vcl(type) : ev.ref_idc_or_layer == 0;
    if (primary) {
      if (!f.has_primary) {
        f.has_primary = true;
        f.vcl_type = type;
        f.second_field = ev.second_field_of_pair;
        f.poc = ev.poc;
        f.frame_num = ev.frame_num;
        f.ids = ev.sps_id | static_cast<uint32_t>(ev.pps_id) << 8 | static_cast<uint32_t>(ev.vps_id) << 16 |
                static_cast<uint32_t>(ev.temporal_id) << 24;
        if (ev.idr) f.flags |= kIdr | kKeyframe;
        if (ev.irap) f.flags |= kIrap | kKeyframe;
        if (ev.cra) f.flags |= kCra;
        if (ev.bla) f.flags |= kBla;
        if (ev.rasl) f.flags |= kRasl;
        if (ev.radl) f.flags |= kRadl;
        if (ev.reference) f.flags |= kReference;
        if (ev.field_pic) f.flags |= kField;
        if (ev.bottom_field) f.flags |= kBottomField;
        if (ev.mbaff) f.flags |= kMbaff;
      }
      ++f.slice_count;
      if (static_cast<uint8_t>(ev.slice_pic_type) > f.pic_type) f.pic_type = static_cast<uint8_t>(ev.slice_pic_type);
      f.slice_types |= 1u << static_cast<unsigned>(ev.slice_pic_type);
    }
  }
  if (codec_ == Codec::kH264) {
    if (type == h264::kSei) {
      const h264::SeiSummary& sei = h264_->last_sei();
      if (sei.has_pic_timing) f.has_pic_timing = true;
      // 7.4.1.2.3: a buffering period SEI message is the first message of the first SEI NAL unit
      // of its access unit (h264::Checks checks the messages inside one SEI NAL unit).
      if (ev.err.ok() && sei.has_buffering_period && sei.buffering_period_first && f.sei_nals > 0)
        issue(f, IssueCode::SEI_ORDER_INVALID, s.offset, nal_idx, "buffering_period", 0, 0, 0);
      ++f.sei_nals;
    }
    if (type == h264::kAud && ev.err.ok()) f.aud_pic_type = h264_->last_primary_pic_type();
    if (ev.first_slice_of_picture && ev.header_parsed && h264_->active_sps()) {
      const h264::Vui& v = h264_->active_sps()->vui;
      // D.2.3 / C.1: pic timing SEI in every access unit when CpbDpbDelaysPresentFlag or
      // pic_struct_present_flag. A VUI that failed to parse is reported itself; the flags read
      // before the failure require nothing.
      f.needs_pic_timing = h264_->active_sps()->vui_complete &&
                           (v.pic_struct_present_flag || v.nal_hrd_parameters_present_flag || v.vcl_hrd_parameters_present_flag);
    }
    h264_checks_->on_nal(ev, s, *h264_, *this);
  } else if (codec_ == Codec::kHevc) {
    if (type == hevc::nut::AUD_NUT && ev.err.ok()) f.aud_pic_type = hevc_->last_aud_pic_type();
    if (ev.is_vcl && ev.rasl && ev.ref_idc_or_layer == 0 && hevc_->irap_no_rasl_output_flag()) f.flags |= kLeadingSkipped;
    hevc_checks_->on_nal(ev, s, *hevc_, *this);
  }
  check_parameter_change(ev, s.offset);
  cur_nal_ = kNone;
  ++nal_index_;
}

// Called before the unit is counted in `f` (f.nal_count units precede it in its access unit).
void Inspector::note_nal(Pending& f, const NalSpan& s, uint8_t type) {
  const bool h264 = codec_ == Codec::kH264;
  if (type != 0xFF && (h264 ? type == h264::kAud : type == hevc::nut::AUD_NUT)) {
    // H.264 7.4.1.2.3 / H.265 7.4.2.4.4: the access unit delimiter is the first NAL unit.
    if (f.nal_count > 0) issue(f, IssueCode::AUD_NOT_FIRST, s.offset, cur_nal_, nullptr, f.nal_count, 0, 0);
    f.aud_pos = static_cast<int>(f.nal_count);
  }
  // B.1.2 / B.2.2: zero_byte (a 4-byte start code) before parameter sets and the first NAL
  // unit of an access unit. Only Annex B input has start codes.
  if (!cfg_.length_prefixed && s.prefix_len == 3 && type != 0xFF) {
    const bool ps = h264 ? (type == h264::kSps || type == h264::kPps || type == h264::kSubsetSps)
                         : (type >= hevc::nut::VPS_NUT && type <= hevc::nut::PPS_NUT);
    if (ps || f.nal_count == 0) issue(f, IssueCode::MISSING_ZERO_BYTE, s.offset - 3, cur_nal_, nullptr, type, 0, 0);
  }
}

void Inspector::check_parameter_change(const NalEvent& ev, uint64_t offset) {
  const uint8_t t = ev.nal_unit_type;
  const bool sps = codec_ == Codec::kH264 ? t == h264::kSps : (codec_ == Codec::kHevc && t == hevc::nut::SPS_NUT);
  // H.264 7.4.1.2.1 / H.265 7.4.2.4.2: the active SPS may change content only where a new coded
  // video sequence starts (IDR; IRAP with NoRaslOutputFlag = 1).
  if (sps && ev.param_set_changed && ev.sps_id == active_sps_id_) sps_change_pending_ = true;
  if (!(ev.is_vcl && ev.first_slice_of_picture && ev.header_parsed)) return;
  const bool new_cvs = codec_ == Codec::kH264 ? ev.idr : (ev.idr || ev.bla || (ev.cra && hevc_->irap_no_rasl_output_flag()));
  if (sps_change_pending_ && !new_cvs) issue(*target_, IssueCode::SPS_CHANGED_MID_CVS, offset, cur_nal_, "seq_parameter_set_id", ev.sps_id, 0, 0);
  sps_change_pending_ = false;
  active_sps_id_ = ev.sps_id;
  if (new_cvs || ev.irap) {
    StreamSummary now;
    summary(now);
    const StreamSummary& was = rap_summary_;
    if (was.valid && now.valid) {
      // A resolution, profile or format change is an event for a live pipeline (re-initialise the decoder).
      const char* what = nullptr;
      if (was.width != now.width || was.height != now.height) what = "resolution";
      else if (was.profile_idc != now.profile_idc) what = "profile";
      else if (was.chroma_format_idc != now.chroma_format_idc || was.bit_depth_luma != now.bit_depth_luma) what = "chroma format / bit depth";
      else if (was.level_idc != now.level_idc) what = "level";
      if (what) issue(*target_, IssueCode::STREAM_PARAMETERS_CHANGED, offset, cur_nal_, what,
                      static_cast<int64_t>(now.width) << 16 | now.height, 0, static_cast<int64_t>(was.width) << 16 | was.height);
    }
    rap_summary_ = now;
  }
}

void Inspector::check_access_unit(Pending& f) {
  // H.264 Table 7-5 / H.265 Table 7-2: slice types the AUD's pic type allows (bit per PicType).
  if (f.aud_pic_type >= 0 && f.slice_types) {
    static const uint32_t kH264Allowed[8] = {0x2, 0x6, 0xE, 0x2, 0x6, 0x2, 0x6, 0xE};  // SI/SP counted as I/P
    static const uint32_t kHevcAllowed[3] = {0x2, 0x6, 0xE};
    const uint32_t allowed = codec_ == Codec::kH264 ? kH264Allowed[f.aud_pic_type & 7]
                                                    : (f.aud_pic_type < 3 ? kHevcAllowed[f.aud_pic_type] : 0xE);
    if (f.slice_types & ~allowed & 0xE) issue(f, IssueCode::AUD_PIC_TYPE_MISMATCH, f.offset, kNone, nullptr, f.aud_pic_type, 0, 0);
  }
  if (f.needs_pic_timing && !f.has_pic_timing && f.has_primary && !pic_timing_reported_) {
    issue(f, IssueCode::PIC_TIMING_MISSING, f.offset, kNone, nullptr, 0, 0, 0);
    pic_timing_reported_ = true;  // once per stream: the same cause every frame
  }
}

void Inspector::take_timestamps(Pending& f, uint64_t offset) {
  // The access unit starting at `offset` takes the timestamps of the push that holds its
  // first byte (PES semantics, ISO/IEC 13818-1 2.4.3.7), once.
  size_t drop = 0;
  while (drop + 1 < ts_queue_.size() && ts_queue_[drop + 1].from <= offset) ++drop;
  if (drop < ts_queue_.size() && ts_queue_[drop].from <= offset) {
    f.pts = ts_queue_[drop].pts;
    f.dts = ts_queue_[drop].dts;
    ++drop;
  }
  if (drop) ts_queue_.erase(ts_queue_.begin(), ts_queue_.begin() + static_cast<std::ptrdiff_t>(drop));
}

void Inspector::merge_tail() {
  Pending& f = *cur_;
  Pending& t = *tail_;
  f.nals.insert(f.nals.end(), t.nals.begin(), t.nals.end());
  f.issues.insert(f.issues.end(), t.issues.begin(), t.issues.end());
  f.nal_count += t.nal_count;
  f.end = t.end;
  f.flags |= t.flags;
  f.issue_flags |= t.issue_flags;
  if (f.pts < 0 && f.dts < 0) { f.pts = t.pts; f.dts = t.dts; }
  t.clear();
}

void Inspector::close_current() {
  Pending& f = *cur_;
  if (f.nal_count == 0) return;
  if (!f.has_primary) {
    f.flags |= kNoPicture;
    // After an end of sequence NAL unit the AU must start with a picture; units left there are
    // misplaced rather than a lost picture.
    issue(f, f.after_eos ? IssueCode::NAL_AFTER_END_OF_SEQUENCE : IssueCode::ACCESS_UNIT_WITHOUT_PICTURE, f.offset,
          kNone, nullptr, f.nal_count, 0, 0);
  }
  check_access_unit(f);
  if (held_->nal_count) {
    if (f.second_field) {
      // Merge the second field into the held first field: one frame (3.30).
      Pending& h = *held_;
      h.nals.insert(h.nals.end(), f.nals.begin(), f.nals.end());
      h.issues.insert(h.issues.end(), f.issues.begin(), f.issues.end());
      h.nal_count += f.nal_count;
      h.end = f.end;
      h.flags |= (f.flags & ~(kBottomField | kIdr | kIrap | kKeyframe)) | kFieldPair;
      h.issue_flags |= f.issue_flags;
      h.slice_count += f.slice_count;
      if (f.pic_type > h.pic_type) h.pic_type = f.pic_type;
      if (f.poc < h.poc) h.poc = f.poc;
      emit(h);
      f.clear();
      return;
    }
    held_->flags |= kUnpairedField;
    issue(*held_, IssueCode::UNPAIRED_FIELD, held_->offset, kNone, nullptr, held_->frame_num, 0, 0);
    emit(*held_);
  }
  if ((f.flags & kField) && !f.second_field) {
    std::swap(held_, cur_);  // wait for the second field
    cur_->clear();
    return;
  }
  emit(f);
  f.clear();
}

void Inspector::emit(Pending& f) {
  const uint32_t idx = static_cast<uint32_t>(frame_index_++);
  settle_repeats(f, (f.flags & (kIdr | kIrap)) != 0);
  if (!(f.flags & kNoPicture)) {
    if (!seen_picture_ && !(f.flags & kKeyframe)) {
      // A stream (or segment) that starts mid-GOP: nothing decodes until a random access point.
      issue(f, IssueCode::NO_KEYFRAME_AT_START, f.offset, kNone, nullptr, 0, 0, 0);
      propagating_ = true;
    }
    seen_picture_ = true;
    // Damage extent: a damaged reference picture spoils every frame after it until the next
    // random access point that is itself clean; a damaged non-reference picture only itself.
    const bool own = (f.issue_flags & kClassDamaged) != 0;
    if ((f.flags & kKeyframe) && !own) propagating_ = false;
    if (propagating_) f.flags |= kDamageInherited;
    // A lost reference (frame_num gap, missing RPS entry, missing parameter set) spoils what follows
    // whatever this frame is; broken syntax spreads only through a reference picture.
    if (own && ((f.flags & (kReference | kKeyframe)) || (f.issue_flags & kClassMissingReference))) propagating_ = true;
  }
  for (size_t i = 0; i < f.nals.size(); i += kNalStride) f.nals[i + kNalFrame] = idx;
  for (size_t i = 0; i < f.issues.size(); i += kIssueStride) f.issues[i + kIssueFrame] = idx;
  out_nals_.insert(out_nals_.end(), f.nals.begin(), f.nals.end());
  out_issues_.insert(out_issues_.end(), f.issues.begin(), f.issues.end());
  const uint64_t size = f.end - f.offset;
  const uint32_t words[kFrameStride] = {
      static_cast<uint32_t>(f.offset), static_cast<uint32_t>(f.offset >> 32),
      static_cast<uint32_t>(size > 0xFFFFFFFFull ? 0xFFFFFFFFull : size), static_cast<uint32_t>(f.first_nal),
      f.nal_count, f.flags, f.pic_type, static_cast<uint32_t>(f.poc), f.frame_num, f.ids,
      (f.vcl_type & 0xFF) | (f.slice_count << 8), f.issue_flags,
      static_cast<uint32_t>(f.pts), static_cast<uint32_t>(static_cast<uint64_t>(f.pts) >> 32),
      static_cast<uint32_t>(f.dts), static_cast<uint32_t>(static_cast<uint64_t>(f.dts) >> 32)};
  out_frames_.insert(out_frames_.end(), words, words + kFrameStride);
  ++counters_.frames;
  if (f.flags & kKeyframe) ++counters_.keyframes;
  if (f.issue_flags & kClassDamaged) ++counters_.damaged_frames;
  f.clear();
}

}  // namespace mi
