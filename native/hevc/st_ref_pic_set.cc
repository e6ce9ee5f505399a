#include "hevc/st_ref_pic_set.h"
#include "hevc/read.h"

namespace mi::hevc {

// 7.3.7 st_ref_pic_set( stRpsIdx ) — ITU-T H.265 (V8, 08/2021)
bool st_ref_pic_set(BitReader& r, ParseError& err, unsigned stRpsIdx, unsigned num_short_term_ref_pic_sets,
                    const StRefPicSet* sets, unsigned max_dec_pic_buffering_minus1, StRefPicSet& s,
                    ParseError& soft_err) {
  s = StRefPicSet();
  if (stRpsIdx != 0) HFLAG(s, inter_ref_pic_set_prediction_flag);
  if (s.inter_ref_pic_set_prediction_flag) {
    // 7.4.8: delta_idx_minus1 in [0, stRpsIdx - 1]; inferred 0 when absent.
    if (stRpsIdx == num_short_term_ref_pic_sets) HUE(s, delta_idx_minus1, 0, stRpsIdx - 1);
    HFLAG(s, delta_rps_sign);
    HUE(s, abs_delta_rps_minus1, 0, limits::kMaxDeltaPocMinus1);
    const unsigned RefRpsIdx = stRpsIdx - (s.delta_idx_minus1 + 1u);  // (7-59)
    const StRefPicSet& ref = sets[RefRpsIdx];
    const int32_t deltaRps = (1 - 2 * static_cast<int32_t>(s.delta_rps_sign)) *
                             (static_cast<int32_t>(s.abs_delta_rps_minus1) + 1);  // (7-60)
    bool used_by_curr_pic_flag[limits::kMaxDpbSize + 1] = {};
    bool use_delta_flag[limits::kMaxDpbSize + 1] = {};
    for (unsigned j = 0; j <= ref.NumDeltaPocs; ++j) {
      MI_FLAG(used_by_curr_pic_flag[j]);
      use_delta_flag[j] = true;  // 7.4.8: inferred 1 when absent
      if (!used_by_curr_pic_flag[j]) MI_FLAG(use_delta_flag[j]);
    }
    auto push = [&](int32_t* poc, bool* used, unsigned& i, int32_t dPoc, bool u) {
      if (i >= limits::kMaxDpbSize) return false;
      poc[i] = dPoc;
      used[i++] = u;
      return true;
    };
    const auto overflow = [&]() {
      err.set(ParseStatus::kOutOfRange, "NumDeltaPocs", limits::kMaxDpbSize + 1, 0, limits::kMaxDpbSize);
      return false;
    };
    // (7-61)
    unsigned i = 0;
    for (int j = ref.NumPositivePics - 1; j >= 0; --j) {
      int32_t dPoc = ref.DeltaPocS1[j] + deltaRps;
      if (dPoc < 0 && use_delta_flag[ref.NumNegativePics + j] &&
          !push(s.DeltaPocS0, s.UsedByCurrPicS0, i, dPoc, used_by_curr_pic_flag[ref.NumNegativePics + j]))
        return overflow();
    }
    if (deltaRps < 0 && use_delta_flag[ref.NumDeltaPocs] &&
        !push(s.DeltaPocS0, s.UsedByCurrPicS0, i, deltaRps, used_by_curr_pic_flag[ref.NumDeltaPocs]))
      return overflow();
    for (unsigned j = 0; j < ref.NumNegativePics; ++j) {
      int32_t dPoc = ref.DeltaPocS0[j] + deltaRps;
      if (dPoc < 0 && use_delta_flag[j] && !push(s.DeltaPocS0, s.UsedByCurrPicS0, i, dPoc, used_by_curr_pic_flag[j]))
        return overflow();
    }
    s.NumNegativePics = static_cast<uint8_t>(i);
    // (7-62)
    i = 0;
    for (int j = ref.NumNegativePics - 1; j >= 0; --j) {
      int32_t dPoc = ref.DeltaPocS0[j] + deltaRps;
      if (dPoc > 0 && use_delta_flag[j] && !push(s.DeltaPocS1, s.UsedByCurrPicS1, i, dPoc, used_by_curr_pic_flag[j]))
        return overflow();
    }
    if (deltaRps > 0 && use_delta_flag[ref.NumDeltaPocs] &&
        !push(s.DeltaPocS1, s.UsedByCurrPicS1, i, deltaRps, used_by_curr_pic_flag[ref.NumDeltaPocs]))
      return overflow();
    for (unsigned j = 0; j < ref.NumPositivePics; ++j) {
      int32_t dPoc = ref.DeltaPocS1[j] + deltaRps;
      if (dPoc > 0 && use_delta_flag[ref.NumNegativePics + j] &&
          !push(s.DeltaPocS1, s.UsedByCurrPicS1, i, dPoc, used_by_curr_pic_flag[ref.NumNegativePics + j]))
        return overflow();
    }
    s.NumPositivePics = static_cast<uint8_t>(i);
    if (s.NumNegativePics + s.NumPositivePics > limits::kMaxDpbSize) return overflow();
  } else {
    // 7.4.8: num_negative_pics in [0, sps_max_dec_pic_buffering_minus1[sps_max_sub_layers_minus1]],
    // num_positive_pics in [0, that - num_negative_pics]. Hard bound: MaxDpbSize - 1 in total.
    HUE(s, num_negative_pics, 0, limits::kMaxDecPicBufferingMinus1);
    HUE(s, num_positive_pics, 0, limits::kMaxDecPicBufferingMinus1 - s.num_negative_pics);
    if (s.num_negative_pics > max_dec_pic_buffering_minus1)
      soft_err.set(ParseStatus::kOutOfRange, "num_negative_pics", s.num_negative_pics, 0, max_dec_pic_buffering_minus1);
    else if (s.num_positive_pics > max_dec_pic_buffering_minus1 - s.num_negative_pics)
      soft_err.set(ParseStatus::kOutOfRange, "num_positive_pics", s.num_positive_pics, 0,
                   max_dec_pic_buffering_minus1 - s.num_negative_pics);
    for (unsigned i = 0; i < s.num_negative_pics; ++i) {
      uint32_t delta_poc_s0_minus1;
      bool used_by_curr_pic_s0_flag;
      MI_UE(delta_poc_s0_minus1, 0, limits::kMaxDeltaPocMinus1);
      MI_FLAG(used_by_curr_pic_s0_flag);
      // (7-63), (7-65)
      int32_t prev = i == 0 ? 0 : s.DeltaPocS0[i - 1];
      s.DeltaPocS0[i] = prev - static_cast<int32_t>(delta_poc_s0_minus1 + 1);
      s.UsedByCurrPicS0[i] = used_by_curr_pic_s0_flag;
    }
    for (unsigned i = 0; i < s.num_positive_pics; ++i) {
      uint32_t delta_poc_s1_minus1;
      bool used_by_curr_pic_s1_flag;
      MI_UE(delta_poc_s1_minus1, 0, limits::kMaxDeltaPocMinus1);
      MI_FLAG(used_by_curr_pic_s1_flag);
      // (7-64), (7-66)
      int32_t prev = i == 0 ? 0 : s.DeltaPocS1[i - 1];
      s.DeltaPocS1[i] = prev + static_cast<int32_t>(delta_poc_s1_minus1 + 1);
      s.UsedByCurrPicS1[i] = used_by_curr_pic_s1_flag;
    }
    s.NumNegativePics = s.num_negative_pics;  // (7-67)
    s.NumPositivePics = s.num_positive_pics;  // (7-68)
  }
  s.NumDeltaPocs = static_cast<uint8_t>(s.NumNegativePics + s.NumPositivePics);  // (7-71)
  return true;
}

}  // namespace mi::hevc
