// Picture order count checks over the recent pictures of a coded video sequence, in decoding
// order: a repeated POC (H.264 8.2.1, H.265 8.3.1) and the reorder depth — how many pictures
// precede a picture in decoding order and follow it in output order — against the declared
// maximum (H.264 max_num_reorder_frames E.2.1, H.265 sps_max_num_reorder_pics 7.4.3.2.1).
#pragma once
#include <array>
#include <cstdint>
#include "validate/issue_sink.h"

namespace mi {

class PocWindow {
 public:
  // `new_sequence`: the picture starts a coded video sequence (IDR, IRAP with NoRaslOutputFlag,
  // memory_management_control_operation 5 for the following pictures). `max_reorder` < 0: none declared.
  void on_picture(int32_t poc, bool new_sequence, int32_t max_reorder, uint64_t offset, IssueSink& sink);
  void reset() { n_ = 0; reorder_reported_ = false; }

 private:
  // A DPB holds at most 16 pictures, so no legal reordering reaches further back than this.
  static constexpr unsigned kWindow = 32;
  std::array<int32_t, kWindow> pocs_{};
  unsigned n_ = 0;      // pictures in the window (<= kWindow)
  unsigned head_ = 0;   // next slot
  bool reorder_reported_ = false;  // once per sequence: one lie in the VUI is one finding
};

}  // namespace mi
