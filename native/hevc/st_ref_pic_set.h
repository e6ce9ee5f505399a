// 7.3.7 st_ref_pic_set( stRpsIdx ) and its derivation 7.4.8 — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "hevc/limits.h"

namespace mi::hevc {

struct StRefPicSet {
  // Syntax (7.3.7).
  bool inter_ref_pic_set_prediction_flag = false;
  uint8_t delta_idx_minus1 = 0;
  bool delta_rps_sign = false;
  uint16_t abs_delta_rps_minus1 = 0;
  uint8_t num_negative_pics = 0;
  uint8_t num_positive_pics = 0;

  // Derived (7.4.8, (7-61) .. (7-72)). Every set holds at most MaxDpbSize - 1 = 15 pictures
  // when written explicitly and, when predicted, at most NumDeltaPocs[RefRpsIdx] + 1 <= 16.
  uint8_t NumNegativePics = 0;
  uint8_t NumPositivePics = 0;
  uint8_t NumDeltaPocs = 0;
  int32_t DeltaPocS0[limits::kMaxDpbSize] = {};
  int32_t DeltaPocS1[limits::kMaxDpbSize] = {};
  bool UsedByCurrPicS0[limits::kMaxDpbSize] = {};
  bool UsedByCurrPicS1[limits::kMaxDpbSize] = {};
};

/// Reads st_ref_pic_set(stRpsIdx) and derives its variables.
/// `sets` are the SPS's candidate sets 0..num_short_term_ref_pic_sets-1 (for prediction);
/// `num_short_term_ref_pic_sets` decides whether delta_idx_minus1 is present (slice header:
/// stRpsIdx == num_short_term_ref_pic_sets); `max_dec_pic_buffering_minus1` is
/// sps_max_dec_pic_buffering_minus1[sps_max_sub_layers_minus1]: a set larger than it violates
/// 7.4.8 and is reported through `soft_err` (the syntax stays readable up to 16 pictures, the
/// hard bound, MaxDpbSize).
bool st_ref_pic_set(BitReader& r, ParseError& err, unsigned stRpsIdx, unsigned num_short_term_ref_pic_sets,
                    const StRefPicSet* sets, unsigned max_dec_pic_buffering_minus1, StRefPicSet& out,
                    ParseError& soft_err);

}  // namespace mi::hevc
