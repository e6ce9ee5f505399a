#include "validate/h264_refs.h"

namespace mi::h264 {

void RefTracker::reset() { *this = RefTracker(); }

int64_t RefTracker::pic_num(const Ref& r) const {
  if (r.long_term) return r.long_term_frame_idx;  // 8-29 (frames)
  // 8-27 FrameNumWrap: frame_num greater than the current one wraps below it.
  return r.frame_num > cur_.frame_num ? static_cast<int64_t>(r.frame_num) - max_frame_num_ : r.frame_num;
}

int RefTracker::find_short(int64_t pn) const {
  for (unsigned i = 0; i < n_; ++i)
    if (!refs_[i].long_term && pic_num(refs_[i]) == pn) return static_cast<int>(i);
  return -1;
}

int RefTracker::find_long(int64_t pn) const {
  for (unsigned i = 0; i < n_; ++i)
    if (refs_[i].long_term && refs_[i].long_term_frame_idx == pn) return static_cast<int>(i);
  return -1;
}

void RefTracker::remove(int i) {
  for (unsigned j = static_cast<unsigned>(i); j + 1 < n_; ++j) refs_[j] = refs_[j + 1];
  --n_;
}

void RefTracker::add(const Ref& r) {
  if (n_ < refs_.size()) refs_[n_++] = r;
}

// 8.2.5.3: when the DPB holds Max( max_num_ref_frames, 1 ) reference frames, the short-term one
// with the smallest FrameNumWrap is no longer used for reference.
void RefTracker::sliding_window(uint32_t max_refs) {
  while (n_ >= max_refs) {
    int oldest = -1;
    for (unsigned i = 0; i < n_; ++i)
      if (!refs_[i].long_term && (oldest < 0 || pic_num(refs_[i]) < pic_num(refs_[oldest]))) oldest = static_cast<int>(i);
    if (oldest < 0) return;  // only long-term frames: nothing the window may drop
    remove(oldest);
  }
}

void RefTracker::begin_picture(const Sps& sps, const SliceHeader& sh, bool second_field, uint64_t offset,
                               IssueSink& sink) {
  second_field_ = second_field;
  missing_ref_reported_ = false;
  offset_ = offset;
  cur_ = sh;
  max_frame_num_ = sps.MaxFrameNum();
  max_refs_ = sps.max_num_ref_frames > 0 ? sps.max_num_ref_frames : 1;
  if (!second_field) check_frame_num(sps, sh, offset, sink);
  refs_before_ = n_;
  mark(sink);
}

void RefTracker::check_frame_num(const Sps& sps, const SliceHeader& sh, uint64_t offset, IssueSink& sink) {
  if (sh.IdrPicFlag()) {
    if (sh.frame_num != 0) sink.raise(IssueCode::IDR_FRAME_NUM_NONZERO, offset, "frame_num", sh.frame_num, 0, 0);
    return;
  }
  if (!have_prev_ref_) return;  // stream starts without an IDR: reported by the start-of-stream check
  const uint32_t expected = (prev_ref_frame_num_ + 1) % max_frame_num_;
  if (sh.frame_num == prev_ref_frame_num_) {
    // 7.4.3: frame_num equal to PrevRefFrameNum is allowed for the second field, after a
    // reference field, or for non-reference pictures following ... only a repeated reference
    // frame is reported.
    if (sh.nal.nal_ref_idc != 0 && !sh.field_pic_flag && prev_ref_was_frame_)
      sink.raise(IssueCode::FRAME_NUM_REPEATED, offset, "frame_num", sh.frame_num, 0, 0);
    return;
  }
  if (sh.frame_num == expected) return;
  // 8.2.5.2: frame numbers skipped. UnusedShortTermFrameNum values between PrevRefFrameNum and
  // frame_num are reference frames the encoder sent and the stream lost, unless gaps are allowed.
  const uint32_t gap = (sh.frame_num + max_frame_num_ - prev_ref_frame_num_ - 1) % max_frame_num_;
  if (sps.gaps_in_frame_num_value_allowed_flag) {
    sink.raise(IssueCode::FRAME_NUM_GAP_ALLOWED, offset, "frame_num", sh.frame_num, prev_ref_frame_num_, gap);
  } else {
    sink.raise(IssueCode::FRAME_NUM_GAP, offset, "frame_num", sh.frame_num, prev_ref_frame_num_, gap);
  }
  // The "non-existing" frames enter the DPB through the sliding window (8.2.5.2).
  const uint32_t fill = gap < max_refs_ ? gap : max_refs_;
  for (uint32_t k = fill; k > 0; --k) {
    sliding_window(max_refs_);
    Ref r;
    r.frame_num = (sh.frame_num + max_frame_num_ - k) % max_frame_num_;
    add(r);
  }
  prev_ref_frame_num_ = (sh.frame_num + max_frame_num_ - 1) % max_frame_num_;
}

void RefTracker::check_slice(const SliceHeader& sh, uint64_t offset, IssueSink& sink) {
  const uint32_t t = sh.type();
  if (t == kI || t == kSI || missing_ref_reported_) return;
  // 8.2.4.2: an inter slice predicts from RefPicList0/1; with no reference picture at all in
  // the DPB every entry is "no reference picture" (8.2.4.2.1, 8.4.2.1). The second field of a
  // reference frame finds its first field there.
  if (refs_before_ == 0) {
    sink.raise(IssueCode::MISSING_REFERENCE, offset, "RefPicList0", 0, 0, 0);
    missing_ref_reported_ = true;
  }
}

void RefTracker::mark(IssueSink& sink) {
  const SliceHeader& sh = cur_;
  if (sh.nal.nal_ref_idc == 0) return;  // 8.2.5: only reference pictures are marked
  if (second_field_) {
    prev_ref_was_frame_ = false;
    return;  // the frame was marked with its first field
  }
  have_prev_ref_ = true;
  prev_ref_was_frame_ = !sh.field_pic_flag;
  prev_ref_frame_num_ = sh.frame_num;
  Ref self;
  self.frame_num = sh.frame_num;
  if (sh.IdrPicFlag()) {  // 8.2.5.1
    n_ = 0;
    self.long_term = sh.long_term_reference_flag != 0;
    add(self);
    return;
  }
  if (sh.adaptive_ref_pic_marking_mode_flag) {  // 8.2.5.4
    // Marking is kept per frame: a field's picNumX (8-39, PicNum = 2 * FrameNumWrap + 1 for the
    // same parity, 2 * FrameNumWrap for the other) is mapped to its frame, and a missing target is
    // only reported for frames (a field operation may legitimately target a half-unmarked frame).
    const bool field = sh.field_pic_flag != 0;
    const int64_t curr_pic_num = field ? 2 * static_cast<int64_t>(sh.frame_num) + 1 : sh.frame_num;  // 7-28
    auto to_frame = [field](int64_t pic_num) { return field ? (pic_num >= 0 ? pic_num / 2 : -((1 - pic_num) / 2)) : pic_num; };
    for (unsigned i = 0; i < sh.num_mmco; ++i) {
      const Mmco& m = sh.mmco[i];
      const int64_t pic_num_x = to_frame(curr_pic_num - (static_cast<int64_t>(m.difference_of_pic_nums_minus1) + 1));  // 8-39
      switch (m.memory_management_control_operation) {
        case 1: {  // 8.2.5.4.1
          const int k = find_short(pic_num_x);
          if (k >= 0) remove(k);
          else if (!field) sink.raise(IssueCode::MMCO_TARGET_MISSING, offset_, "difference_of_pic_nums_minus1", 1, 0, 0);
          break;
        }
        case 2: {  // 8.2.5.4.2
          const int k = find_long(to_frame(m.long_term_pic_num));
          if (k >= 0) remove(k);
          else if (!field) sink.raise(IssueCode::MMCO_TARGET_MISSING, offset_, "long_term_pic_num", 2, 0, 0);
          break;
        }
        case 3: {  // 8.2.5.4.3
          const int k = find_short(pic_num_x);
          if (k < 0) {
            if (!field) sink.raise(IssueCode::MMCO_TARGET_MISSING, offset_, "difference_of_pic_nums_minus1", 3, 0, 0);
            break;
          }
          const int old = find_long(m.long_term_frame_idx);
          if (old >= 0 && old != k) remove(old);
          const int k2 = find_short(pic_num_x);
          if (k2 >= 0) {
            refs_[k2].long_term = true;
            refs_[k2].long_term_frame_idx = m.long_term_frame_idx;
          }
          break;
        }
        case 4:  // 8.2.5.4.4
          for (unsigned j = n_; j-- > 0;)
            if (refs_[j].long_term && refs_[j].long_term_frame_idx + 1 > m.max_long_term_frame_idx_plus1)
              remove(static_cast<int>(j));
          break;
        case 5:  // 8.2.5.4.5: all unmarked; the picture counts as frame_num 0 afterwards (7.4.3)
          n_ = 0;
          self.frame_num = 0;
          prev_ref_frame_num_ = 0;
          break;
        case 6: {  // 8.2.5.4.6
          const int old = find_long(m.long_term_frame_idx);
          if (old >= 0) remove(old);
          self.long_term = true;
          self.long_term_frame_idx = m.long_term_frame_idx;
          break;
        }
        default:
          break;
      }
    }
  } else {
    sliding_window(max_refs_);  // 8.2.5.3
  }
  add(self);
  // C.4.5.3 / 8.2.5.3: after marking, no more than Max( max_num_ref_frames, 1 ) reference frames.
  if (n_ > max_refs_) sink.raise(IssueCode::DPB_OVERFLOW, offset_, "max_num_ref_frames", n_, 0, max_refs_);
}

}  // namespace mi::h264
