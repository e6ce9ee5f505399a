// H.264 reference bookkeeping without decoding: frame_num continuity (7.4.3, 8.2.5.2) and the
// decoded reference picture marking process (8.2.5: IDR, sliding window, MMCO 1–6), at frame
// granularity (a complementary field pair is marked once). Finds frame_num gaps, MMCOs whose
// target is not a reference picture, inter slices with an empty DPB and reference overflow.
// A picture's marking is applied when its first slice arrives (every slice of a picture carries
// the same dec_ref_pic_marking(), 7.4.3.3), so its findings belong to that picture; the DPB as it
// was before the marking is kept for the picture's own slices.
#pragma once
#include <array>
#include <cstdint>
#include "h264/slice_header.h"
#include "h264/sps.h"
#include "validate/issue_sink.h"

namespace mi::h264 {

class RefTracker {
 public:
  // First slice of a primary picture; `second_field` for the second field of a complementary
  // pair. Reports frame_num findings, then applies the picture's marking (8.2.5) and reports its
  // findings, at `offset`.
  void begin_picture(const Sps& sps, const SliceHeader& sh, bool second_field, uint64_t offset, IssueSink& sink);
  // Every slice of the current picture: an inter slice needs at least one reference picture.
  void check_slice(const SliceHeader& sh, uint64_t offset, IssueSink& sink);
  void reset();

  unsigned reference_count() const { return n_; }

 private:
  struct Ref {
    uint32_t frame_num = 0;
    bool long_term = false;
    uint32_t long_term_frame_idx = 0;
  };
  int64_t pic_num(const Ref& r) const;  // 8-28 FrameNumWrap (short-term) / 8-29 LongTermPicNum
  int find_short(int64_t pic_num) const;
  int find_long(int64_t long_term_pic_num) const;
  void remove(int i);
  void add(const Ref& r);
  void sliding_window(uint32_t max_refs);
  void check_frame_num(const Sps& sps, const SliceHeader& sh, uint64_t offset, IssueSink& sink);
  void mark(IssueSink& sink);

  std::array<Ref, 34> refs_{};
  unsigned n_ = 0;
  bool have_prev_ref_ = false;
  uint32_t prev_ref_frame_num_ = 0;  // PrevRefFrameNum (7.4.3)
  bool prev_ref_was_frame_ = true;
  // The picture being decoded.
  bool second_field_ = false;
  unsigned refs_before_ = 0;  // reference frames before its marking (what its slices predict from)
  bool missing_ref_reported_ = false;
  uint64_t offset_ = 0;
  uint32_t max_frame_num_ = 16;
  uint32_t max_refs_ = 1;
  SliceHeader cur_;
};

}  // namespace mi::h264
