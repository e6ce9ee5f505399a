// 8.3.1 Decoding process for picture order count, 8.1.3 NoRaslOutputFlag, 8.3.2 RPS POC lists
// — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <cstdint>
#include "hevc/limits.h"

namespace mi::hevc {

struct Sps;
struct SliceSegmentHeader;

/// Decoder state that spans pictures for 8.3.1 (base layer).
struct PocState {
  bool first_picture = true;   ///< no IRAP picture decoded yet: the next IRAP is the first picture (8.1.3)
  bool after_eos = false;      ///< an end of sequence NAL unit came since the last picture (8.1.3)
  bool have_prev_tid0 = false; ///< a prevTid0Pic exists (false after joining mid-stream)
  int32_t prevTid0PicOrderCntVal = 0;
  bool HandleCraAsBlaFlag = false;  ///< external means (8.1.3); false here
};

struct PocResult {
  int32_t PicOrderCntVal = 0;
  int32_t PicOrderCntMsb = 0;
  bool NoRaslOutputFlag = false;  ///< meaningful for IRAP pictures
  bool anchor_missing = false;    ///< non-IRAP picture without a prevTid0Pic (stream joined mid-CVS)
};

/// Derives PicOrderCntVal of a new picture (8.3.1) from its first slice segment and updates
/// the prevTid0Pic state: prevTid0Pic is the previous picture with TemporalId 0 that is not
/// a RASL, RADL or sub-layer non-reference picture.
PocResult decode_picture_order_count(PocState& st, uint8_t nal_unit_type, uint8_t TemporalId,
                                     uint32_t slice_pic_order_cnt_lsb, uint32_t MaxPicOrderCntLsb);

/// 8.3.2 (8-5): the POCs of the current picture's RPS lists.
struct PictureRps {
  uint8_t NumPocStCurrBefore = 0;
  uint8_t NumPocStCurrAfter = 0;
  uint8_t NumPocStFoll = 0;
  uint8_t NumPocLtCurr = 0;
  uint8_t NumPocLtFoll = 0;
  int32_t PocStCurrBefore[limits::kMaxDpbSize] = {};
  int32_t PocStCurrAfter[limits::kMaxDpbSize] = {};
  int32_t PocStFoll[limits::kMaxDpbSize] = {};
  int32_t PocLtCurr[limits::kMaxNumLongTermRefPicsSps] = {};
  int32_t PocLtFoll[limits::kMaxNumLongTermRefPicsSps] = {};
  /// CurrDeltaPocMsbPresentFlag / FollDeltaPocMsbPresentFlag: when false the long-term POC is
  /// only known modulo MaxPicOrderCntLsb (8.3.2: compare PicOrderCntVal & (MaxPicOrderCntLsb - 1)).
  bool CurrDeltaPocMsbPresentFlag[limits::kMaxNumLongTermRefPicsSps] = {};
  bool FollDeltaPocMsbPresentFlag[limits::kMaxNumLongTermRefPicsSps] = {};
};

/// Fills `out` for the picture with PicOrderCntVal `poc` whose (independent) slice segment header is `h`.
void derive_picture_rps(const SliceSegmentHeader& h, const Sps& sps, int32_t poc, PictureRps& out);

}  // namespace mi::hevc
