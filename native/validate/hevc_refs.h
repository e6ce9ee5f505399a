// HEVC reference bookkeeping without decoding — ITU-T H.265 (V8, 08/2021) 8.3.2: the decoded
// picture buffer as the POCs of the pictures marked "used for reference". Each new picture's
// reference picture set keeps the pictures it lists (RefPicSetLtCurr / LtFoll become long-term)
// and releases the others; an IRAP picture with NoRaslOutputFlag = 1 empties it; after its RPS
// the current picture enters as a short-term reference picture (8.1.3).
//
// Finds entries of RefPicSetStCurrBefore / StCurrAfter / LtCurr that are "no reference picture"
// (a lost or never sent picture the current one predicts from) and a DPB fuller than the SPS
// declares (C.4: reference pictures plus pictures still waiting for output).
//
// Bounded: at most kMaxDpbSize (16) pictures are kept whatever the stream says.
#pragma once
#include <array>
#include <cstdint>
#include "hevc/limits.h"
#include "hevc/poc.h"
#include "validate/issue_sink.h"

namespace mi::hevc {

/// What the model needs to know of the current picture (from its first slice segment).
struct RefPicture {
  int32_t poc = 0;                       ///< PicOrderCntVal (8.3.1)
  bool irap = false;
  bool no_rasl_output_flag = false;      ///< NoRaslOutputFlag of this IRAP picture (8.1.3)
  /// A RASL picture whose associated IRAP picture has NoRaslOutputFlag = 1: its references may be
  /// missing (8.3.3 generates them) and it is not output.
  bool rasl_skipped = false;
  bool pic_output_flag = true;           ///< PicOutputFlag (8.1.3)
  uint32_t MaxPicOrderCntLsb = 16;       ///< (7-8)
  /// sps_max_dec_pic_buffering_minus1[ HighestTid ] (HighestTid = sps_max_sub_layers_minus1).
  uint32_t max_dec_pic_buffering_minus1 = limits::kMaxDecPicBufferingMinus1;
  /// The RPS syntax itself is larger than the DPB (7.4.8 / 7.4.7.1, reported by the front-end):
  /// the DPB fullness finding would repeat it.
  bool rps_size_reported = false;
};

class RefPicSetTracker {
 public:
  /// The first slice segment of a new picture: applies its RPS (`rps`, derived by the front-end
  /// with 8-5) to the DPB, reports at `offset` what is missing, then adds the picture.
  void begin_picture(const RefPicture& cur, const PictureRps& rps, uint64_t offset, IssueSink& sink);
  void reset();

  /// Pictures marked "used for reference" (the current picture included once added).
  unsigned reference_count() const { return n_; }
  /// Whether a picture with this PicOrderCntVal is marked "used for reference".
  bool has_reference(int32_t poc) const;

 private:
  struct Ref {
    int32_t poc = 0;
    uint32_t decode_index = 0;  ///< decoding order, for eviction when the model is full
    bool long_term = false;
    bool generated = false;     ///< stands for a missing picture (8.3.3), already reported
  };
  struct Output {
    int32_t poc = 0;
  };
  int find_long(int32_t value, bool msb_present, uint32_t max_lsb) const;
  int find_short(int32_t poc) const;
  int add(const Ref& r);
  void missing(const char* list, int32_t value, bool long_term, uint64_t offset, IssueSink& sink);

  std::array<Ref, limits::kMaxDpbSize> refs_{};
  std::array<bool, limits::kMaxDpbSize> keep_{};
  unsigned n_ = 0;
  unsigned missing_ = 0;      ///< entries of the current picture found missing
  uint32_t decode_index_ = 0;
  // Output-order window of the coded video sequence: pictures with PicOutputFlag 1 in decoding
  // order (the most recent kWindow), to count those still waiting for output (C.5.2).
  static constexpr unsigned kWindow = 32;
  std::array<Output, kWindow> window_{};
  unsigned window_n_ = 0;
  unsigned window_head_ = 0;
  bool overflow_reported_ = false;  ///< once per coded video sequence
};

}  // namespace mi::hevc
