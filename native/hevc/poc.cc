#include "hevc/poc.h"
#include "hevc/nal.h"
#include "hevc/slice_segment_header.h"
#include "hevc/sps.h"

namespace mi::hevc {

// 8.3.1 Decoding process for picture order count — ITU-T H.265 (V8, 08/2021)
PocResult decode_picture_order_count(PocState& st, uint8_t nal_unit_type, uint8_t TemporalId,
                                     uint32_t slice_pic_order_cnt_lsb, uint32_t MaxPicOrderCntLsb) {
  PocResult res;
  const bool irap = is_irap(nal_unit_type);
  // 8.1.3: NoRaslOutputFlag of an IRAP picture.
  if (irap)
    res.NoRaslOutputFlag = is_idr(nal_unit_type) || is_bla(nal_unit_type) || st.first_picture || st.after_eos ||
                           st.HandleCraAsBlaFlag;
  if (irap && res.NoRaslOutputFlag) {
    res.PicOrderCntMsb = 0;
  } else {
    if (!st.have_prev_tid0) res.anchor_missing = true;
    const int64_t prevPicOrderCntLsb = st.prevTid0PicOrderCntVal & static_cast<int64_t>(MaxPicOrderCntLsb - 1);
    const int64_t prevPicOrderCntMsb = st.prevTid0PicOrderCntVal - prevPicOrderCntLsb;
    const int64_t lsb = slice_pic_order_cnt_lsb, max = MaxPicOrderCntLsb;
    int64_t msb;
    if (lsb < prevPicOrderCntLsb && (prevPicOrderCntLsb - lsb) >= max / 2)  // (8-1)
      msb = prevPicOrderCntMsb + max;
    else if (lsb > prevPicOrderCntLsb && (lsb - prevPicOrderCntLsb) > max / 2)
      msb = prevPicOrderCntMsb - max;
    else
      msb = prevPicOrderCntMsb;
    res.PicOrderCntMsb = static_cast<int32_t>(msb);
  }
  res.PicOrderCntVal = res.PicOrderCntMsb + static_cast<int32_t>(slice_pic_order_cnt_lsb);  // (8-2)
  if (TemporalId == 0 && !is_rasl(nal_unit_type) && !is_radl(nal_unit_type) &&
      !is_sub_layer_non_reference(nal_unit_type)) {
    st.prevTid0PicOrderCntVal = res.PicOrderCntVal;
    st.have_prev_tid0 = true;
  }
  // Pictures before the first IRAP (a stream joined mid-CVS) cannot be decoded: the first IRAP
  // after them is still the first picture of the bitstream for 8.1.3, as is the first IRAP
  // after an end of sequence NAL unit.
  if (irap) {
    st.first_picture = false;
    st.after_eos = false;
  }
  return res;
}

// 8.3.2 (8-5) — ITU-T H.265 (V8, 08/2021)
void derive_picture_rps(const SliceSegmentHeader& h, const Sps& sps, int32_t poc, PictureRps& out) {
  out = PictureRps();
  const StRefPicSet& s = current_st_rps(h, sps);
  // IDR pictures have no RPS in the header: every list is empty (8.3.2).
  const bool has_rps = h.short_term_ref_pic_set_sps_flag || h.CurrRpsIdx == sps.num_short_term_ref_pic_sets;
  if (has_rps) {
    for (unsigned i = 0; i < s.NumNegativePics; ++i) {
      if (s.UsedByCurrPicS0[i]) out.PocStCurrBefore[out.NumPocStCurrBefore++] = poc + s.DeltaPocS0[i];
      else out.PocStFoll[out.NumPocStFoll++] = poc + s.DeltaPocS0[i];
    }
    for (unsigned i = 0; i < s.NumPositivePics; ++i) {
      if (s.UsedByCurrPicS1[i]) out.PocStCurrAfter[out.NumPocStCurrAfter++] = poc + s.DeltaPocS1[i];
      else if (out.NumPocStFoll < limits::kMaxDpbSize) out.PocStFoll[out.NumPocStFoll++] = poc + s.DeltaPocS1[i];
    }
  }
  const int64_t MaxPicOrderCntLsb = sps.MaxPicOrderCntLsb;
  int64_t DeltaPocMsbCycleLt = 0;
  for (unsigned i = 0; i < static_cast<unsigned>(h.num_long_term_sps + h.num_long_term_pics); ++i) {
    // (7-52)
    if (i == 0 || i == h.num_long_term_sps) DeltaPocMsbCycleLt = h.delta_poc_msb_cycle_lt[i];
    else DeltaPocMsbCycleLt += h.delta_poc_msb_cycle_lt[i];
    const bool sps_entry = i < h.num_long_term_sps;
    int64_t pocLt = sps_entry ? sps.lt_ref_pic_poc_lsb_sps[h.lt_idx_sps[i]] : h.poc_lsb_lt[i];  // PocLsbLt
    const bool used = sps_entry ? sps.used_by_curr_pic_lt_sps_flag[h.lt_idx_sps[i]] : h.used_by_curr_pic_lt_flag[i];
    if (h.delta_poc_msb_present_flag[i])
      pocLt += poc - DeltaPocMsbCycleLt * MaxPicOrderCntLsb - (poc & (MaxPicOrderCntLsb - 1));
    if (used) {
      out.CurrDeltaPocMsbPresentFlag[out.NumPocLtCurr] = h.delta_poc_msb_present_flag[i];
      out.PocLtCurr[out.NumPocLtCurr++] = static_cast<int32_t>(pocLt);
    } else {
      out.FollDeltaPocMsbPresentFlag[out.NumPocLtFoll] = h.delta_poc_msb_present_flag[i];
      out.PocLtFoll[out.NumPocLtFoll++] = static_cast<int32_t>(pocLt);
    }
  }
}

}  // namespace mi::hevc
