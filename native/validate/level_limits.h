// Level limits (H.264 A.3.1 / Table A-1) checked against the SPS: frame size, macroblock rate
// from the VUI frame rate, and the DPB size.
#pragma once
#include <cstdint>
#include "h264/sps.h"
#include "validate/issue_sink.h"

namespace mi {

struct H264Level {
  uint8_t level_idc;
  uint32_t max_mbps;     ///< MaxMBPS, macroblocks per second
  uint32_t max_fs;       ///< MaxFS, macroblocks per frame
  uint32_t max_dpb_mbs;  ///< MaxDpbMbs
};

// The Table A-1 row of `level_idc` (level 1b: level_idc 11 with constraint_set3_flag in
// Baseline/Main/Extended, or level_idc 9), null for a level_idc the table does not have.
const H264Level* h264_level(uint32_t level_idc, bool level_1b);

void check_h264_level(const h264::Sps& sps, uint64_t offset, IssueSink& sink);

}  // namespace mi
