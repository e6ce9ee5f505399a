// H.264 checks that need the parsed syntax (VALIDATION.md B1 item 6, B2, B3, B5): nal_ref_idc
// rules, IDR rules, slice addresses and order, frame_num / reference bookkeeping, POC, SPS
// semantics beyond the syntax ranges, level and profile limits.
#pragma once
#include <cstdint>
#include "annexb/nal_span.h"
#include "codec/nal_event.h"
#include "h264/front.h"
#include "validate/h264_refs.h"
#include "validate/issue_sink.h"
#include "validate/poc_window.h"

namespace mi::h264 {

class Checks {
 public:
  // After Front::on_nal for every NAL unit, in stream order.
  void on_nal(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink);
  // The stream ended. Nothing is pending: a picture's marking is applied at its first slice.
  void on_flush(IssueSink&) {}
  void reset();

 private:
  void check_sps(const Sps& sps, uint64_t offset, IssueSink& sink);
  void on_slice(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink);

  RefTracker refs_;
  PocWindow pocs_;
  const Sps* checked_sps_ = nullptr;   // the active SPS whose semantics were checked
  // Current picture: slice order (7.4.3 first_mb_in_slice).
  bool aso_allowed_ = false;
  bool picture_open_ = false;
  int64_t last_first_mb_ = -1;
  bool prev_idr_ = false;
  uint32_t prev_idr_pic_id_ = 0;
  bool after_mmco5_ = false;
};

}  // namespace mi::h264
