#include "validate/hevc_refs.h"

namespace mi::hevc {

void RefPicSetTracker::reset() { *this = RefPicSetTracker(); }

bool RefPicSetTracker::has_reference(int32_t poc) const {
  for (unsigned i = 0; i < n_; ++i)
    if (refs_[i].poc == poc) return true;
  return false;
}

// 8.3.2: a long-term entry names "a reference picture picX in the DPB" by its PicOrderCntVal, or
// by PicOrderCntVal & ( MaxPicOrderCntLsb - 1 ) when its delta_poc_msb_present_flag is 0.
int RefPicSetTracker::find_long(int32_t value, bool msb_present, uint32_t max_lsb) const {
  for (unsigned i = 0; i < n_; ++i) {
    const int32_t poc = refs_[i].poc;
    const bool match = msb_present ? poc == value
                                   : (static_cast<uint32_t>(poc) & (max_lsb - 1)) == static_cast<uint32_t>(value);
    if (match) return static_cast<int>(i);
  }
  return -1;
}

// 8.3.2: a short-term entry names "a short-term reference picture picX in the DPB" by PicOrderCntVal.
int RefPicSetTracker::find_short(int32_t poc) const {
  for (unsigned i = 0; i < n_; ++i)
    if (!refs_[i].long_term && refs_[i].poc == poc) return static_cast<int>(i);
  return -1;
}

int RefPicSetTracker::add(const Ref& r) {
  if (n_ == refs_.size()) {
    // Full (only a stream that overflows its DPB gets here; reported): a stand-in goes first,
    // else the picture decoded earliest.
    unsigned victim = 0;
    for (unsigned i = 0; i < n_; ++i) {
      const Ref& a = refs_[i];
      const Ref& b = refs_[victim];
      if ((a.generated && !b.generated) || (a.generated == b.generated && a.decode_index < b.decode_index)) victim = i;
    }
    for (unsigned i = victim; i + 1 < n_; ++i) refs_[i] = refs_[i + 1];
    --n_;
  }
  refs_[n_] = r;
  return static_cast<int>(n_++);
}

void RefPicSetTracker::missing(const char* list, int32_t value, bool long_term, uint64_t offset, IssueSink& sink) {
  // 8.3.2: "no reference picture" in RefPicSetStCurrBefore, RefPicSetStCurrAfter or
  // RefPicSetLtCurr: the picture predicts from a picture the decoder does not have. One finding
  // per picture: the first entry found missing in the order of 8.3.2 (RefPicSetLtCurr, then
  // RefPicSetStCurrBefore, whose first entry is the closest preceding picture, then StCurrAfter).
  ++missing_;
  if (missing_ == 1) sink.raise(IssueCode::MISSING_REFERENCE, offset, list, value, 0, 0);
  // A stand-in (as 8.3.3 generates one) keeps the pictures that follow from reporting the same
  // loss again: the damage is one finding, its extent is the inspector's damage propagation.
  if (n_ < refs_.size()) {
    Ref g;
    g.poc = value;
    g.decode_index = decode_index_;
    g.long_term = long_term;
    g.generated = true;
    keep_[n_] = true;
    add(g);
  }
}

void RefPicSetTracker::begin_picture(const RefPicture& cur, const PictureRps& rps, uint64_t offset, IssueSink& sink) {
  // 8.3.2: an IRAP picture with NoRaslOutputFlag = 1 marks every reference picture "unused for
  // reference"; C.5.2.2: the pictures waiting for output are output (or discarded) before it.
  const bool new_cvs = cur.irap && cur.no_rasl_output_flag;
  if (new_cvs) {
    n_ = 0;
    window_n_ = 0;
    window_head_ = 0;
    overflow_reported_ = false;
  }
  // Entries equal to "no reference picture" are allowed only where nothing can precede: an IRAP
  // picture with NoRaslOutputFlag = 1 and the RASL pictures associated with it (8.3.3).
  const bool check = !new_cvs && !cur.rasl_skipped;
  keep_.fill(false);
  missing_ = 0;
  const uint32_t max_lsb = cur.MaxPicOrderCntLsb ? cur.MaxPicOrderCntLsb : 16;
  // 8.3.2: the long-term lists first; their pictures are marked "used for long-term reference".
  for (unsigned i = 0; i < rps.NumPocLtCurr && i < limits::kMaxNumLongTermRefPicsSps; ++i) {
    const int k = find_long(rps.PocLtCurr[i], rps.CurrDeltaPocMsbPresentFlag[i], max_lsb);
    if (k >= 0) {
      keep_[k] = true;
      refs_[k].long_term = true;
    } else if (check) {
      missing("RefPicSetLtCurr", rps.PocLtCurr[i], true, offset, sink);
    }
  }
  for (unsigned i = 0; i < rps.NumPocLtFoll && i < limits::kMaxNumLongTermRefPicsSps; ++i) {
    const int k = find_long(rps.PocLtFoll[i], rps.FollDeltaPocMsbPresentFlag[i], max_lsb);
    if (k >= 0) {
      keep_[k] = true;
      refs_[k].long_term = true;
    }
  }
  // Then the short-term lists, among the pictures still short-term. RefPicSetStFoll entries may
  // be missing: the current picture does not use them.
  for (unsigned i = 0; i < rps.NumPocStCurrBefore && i < limits::kMaxDpbSize; ++i) {
    const int k = find_short(rps.PocStCurrBefore[i]);
    if (k >= 0) keep_[k] = true;
    else if (check) missing("RefPicSetStCurrBefore", rps.PocStCurrBefore[i], false, offset, sink);
  }
  for (unsigned i = 0; i < rps.NumPocStCurrAfter && i < limits::kMaxDpbSize; ++i) {
    const int k = find_short(rps.PocStCurrAfter[i]);
    if (k >= 0) keep_[k] = true;
    else if (check) missing("RefPicSetStCurrAfter", rps.PocStCurrAfter[i], false, offset, sink);
  }
  for (unsigned i = 0; i < rps.NumPocStFoll && i < limits::kMaxDpbSize; ++i) {
    const int k = find_short(rps.PocStFoll[i]);
    if (k >= 0) keep_[k] = true;
  }
  // 8.3.2: every picture in none of the five lists is marked "unused for reference".
  unsigned kept = 0;
  for (unsigned i = 0; i < n_; ++i)
    if (keep_[i]) refs_[kept++] = refs_[i];
  n_ = kept;

  // C.4: after the RPS, the reference pictures and the pictures still waiting for output must fit
  // in sps_max_dec_pic_buffering_minus1[ HighestTid ] (the current picture excluded). A picture
  // decoded earlier with a higher PicOrderCntVal (and PicOutputFlag 1) cannot have been output
  // yet: output follows PicOrderCntVal within a coded video sequence.
  unsigned held = 0;
  for (unsigned i = 0; i < n_; ++i) held += refs_[i].generated ? 0 : 1;
  for (unsigned i = 0; i < window_n_; ++i) {
    const int32_t poc = window_[(window_head_ + kWindow - 1 - i) % kWindow].poc;
    if (poc > cur.poc && !has_reference(poc)) ++held;
  }
  if (held > cur.max_dec_pic_buffering_minus1 && !overflow_reported_ && !cur.rps_size_reported) {
    sink.raise(IssueCode::DPB_OVERFLOW, offset, "pictures held in the DPB (reference or waiting for output)", held, 0,
               cur.max_dec_pic_buffering_minus1);
    overflow_reported_ = true;  // once per coded video sequence: one wrong SPS value is one finding
  }

  // 8.1.3: after decoding, the current picture is "used for short-term reference".
  Ref self;
  self.poc = cur.poc;
  self.decode_index = decode_index_++;
  add(self);
  if (cur.pic_output_flag && !cur.rasl_skipped) {
    window_[window_head_] = Output{cur.poc};
    window_head_ = (window_head_ + 1) % kWindow;
    if (window_n_ < kWindow) ++window_n_;
  }
}

}  // namespace mi::hevc
