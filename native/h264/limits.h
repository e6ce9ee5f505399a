// H.264 value ranges — ITU-T H.264 (08/2021).
#pragma once

namespace mi::h264 {

constexpr unsigned kMaxSpsId = 31;          // 7.4.2.1.1 seq_parameter_set_id in [0, 31]
constexpr unsigned kMaxPpsId = 255;         // 7.4.2.2 pic_parameter_set_id in [0, 255]
constexpr unsigned kMaxLog2FrameNumMinus4 = 12;   // 7.4.2.1.1
constexpr unsigned kMaxLog2PocLsbMinus4 = 12;     // 7.4.2.1.1
constexpr unsigned kMaxRefFramesInPocCycle = 255; // 7.4.2.1.1
constexpr unsigned kMaxBitDepthMinus8 = 6;        // 7.4.2.1.1
constexpr unsigned kMaxDpbFrames = 16;            // A.3.1 item h): max_num_ref_frames <= MaxDpbFrames <= 16
constexpr unsigned kMaxSliceGroupsMinus1 = 7;     // 7.4.2.2
constexpr unsigned kMaxRefIdxDefaultMinus1 = 31;  // 7.4.2.2
constexpr unsigned kMaxIdrPicId = 65535;          // 7.4.3
constexpr unsigned kMaxRedundantPicCnt = 127;     // 7.4.3
constexpr unsigned kMaxCpbCntMinus1 = 31;         // E.2.2
// Implementation bound, far above any level of Table A-1 (MaxFS 139264 MBs): keeps
// every derived size inside 32-bit arithmetic.
constexpr unsigned kMaxPicDimInMbs = 2048;
// Bound on list-modification / MMCO loop iterations: 7.4.3.1 allows at most
// num_ref_idx_lX_active_minus1 + 1 (<= 32) modifications, 7.4.3.3 at most one MMCO
// per reference frame plus a few global operations; anything beyond is broken.
constexpr unsigned kMaxListModifications = 33;
constexpr unsigned kMaxMmcoOps = 66;
constexpr unsigned kMaxMmcoOpsStored = 66;

}  // namespace mi::h264
