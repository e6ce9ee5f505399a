#include "validate/poc_window.h"

namespace mi {

void PocWindow::on_picture(int32_t poc, bool new_sequence, int32_t max_reorder, uint64_t offset, IssueSink& sink) {
  if (new_sequence) {
    n_ = 0;
    reorder_reported_ = false;
  }
  int32_t later = 0;  // earlier in decoding order, later in output order
  bool duplicate = false;
  for (unsigned i = 0; i < n_; ++i) {
    const int32_t p = pocs_[(head_ + kWindow - 1 - i) % kWindow];
    if (p > poc) ++later;
    if (p == poc) duplicate = true;
  }
  if (duplicate) sink.raise(IssueCode::POC_DUPLICATE, offset, "PicOrderCnt", poc, 0, 0);
  if (max_reorder >= 0 && later > max_reorder && !reorder_reported_) {
    sink.raise(IssueCode::REORDER_DEPTH_EXCEEDED, offset, "max_num_reorder", later, 0, max_reorder);
    reorder_reported_ = true;
  }
  pocs_[head_] = poc;
  head_ = (head_ + 1) % kWindow;
  if (n_ < kWindow) ++n_;
}

}  // namespace mi
