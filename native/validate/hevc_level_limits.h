// HEVC profile and level limits checked against the active parameter sets — ITU-T H.265
// (V8, 08/2021) A.3 (profiles), A.4.1 / Table A.8 (general tier and level limits), A.4.2 /
// Table A.9 (profile-specific level limits: luma sample rate, DPB size ).
#pragma once
#include <cstdint>
#include "hevc/pps.h"
#include "hevc/sps.h"
#include "hevc/vps.h"
#include "validate/issue_sink.h"

namespace mi::hevc {

/// One row of Tables A.8 and A.9 (the limits this inspector can check without a CPB model).
struct HevcLevel {
  uint8_t general_level_idc;            ///< 30 times the level number
  uint32_t MaxLumaPs;                   ///< maximum luma picture size (samples)
  uint16_t MaxSliceSegmentsPerPicture;
  uint8_t MaxTileRows;
  uint8_t MaxTileCols;
  uint64_t MaxLumaSr;                   ///< maximum luma sample rate (samples per second)
};

/// The Table A.8 / A.9 row of `general_level_idc`; null for level 8.5 (general_level_idc 255,
/// no limits, A.4.1) and for values the tables do not define.
const HevcLevel* hevc_level(uint32_t general_level_idc);

/// A.4.2 MaxDpbSize for a picture of `PicSizeInSamplesY` samples at `level`
/// (maxDpbPicBuf = 6, 7 when the current picture is a reference, SCC).
uint32_t hevc_max_dpb_size(const HevcLevel& level, uint64_t PicSizeInSamplesY, bool curr_pic_ref);

/// Picture rate declared by the VUI (else the VPS) timing information, 0 when none is usable:
/// vui_time_scale / (vui_num_units_in_tick * (elemental_duration_in_tc_minus1 + 1)) with a
/// fixed picture rate (E.3.2), else vui_time_scale / vui_num_units_in_tick (E.3.1: one clock tick).
double hevc_picture_rate(const Sps& sps, const Vps* vps);

/// Level limits of the SPS (A.4.1 a–c: picture size and dimensions; A.4.2: DPB size, luma
/// sample rate with the declared picture rate) and profile constraints (A.3.2–A.3.5: chroma
/// format, bit depth, CtbLog2SizeY, RExt constraint flags). `vps` may be null.
void check_hevc_sps_limits(const Sps& sps, const Vps* vps, uint64_t offset, IssueSink& sink);

/// Level and profile limits of a PPS used with `sps`: tile rows / columns (Table A.8) and the
/// Main / Main 10 minimum tile size (A.3.2, A.3.3).
void check_hevc_pps_limits(const Pps& pps, const Sps& sps, uint64_t offset, IssueSink& sink);

}  // namespace mi::hevc
