#include "validate/level_limits.h"
#include <cmath>

namespace mi {
namespace {

// ITU-T H.264 (08/2021) Table A-1 — level limits.
constexpr H264Level kLevels[] = {
    {9, 1485, 99, 396},            // 1b
    {10, 1485, 99, 396},           {11, 3000, 396, 900},          {12, 6000, 396, 2376},
    {13, 11880, 396, 2376},        {20, 11880, 396, 2376},        {21, 19800, 792, 4752},
    {22, 20250, 1620, 8100},       {30, 40500, 1620, 8100},       {31, 108000, 3600, 18000},
    {32, 216000, 5120, 20480},     {40, 245760, 8192, 32768},     {41, 245760, 8192, 32768},
    {42, 522240, 8704, 34816},     {50, 589824, 22080, 110400},   {51, 983040, 36864, 184320},
    {52, 2073600, 36864, 184320},  {60, 4177920, 139264, 696320}, {61, 8355840, 139264, 696320},
    {62, 16711680, 139264, 696320},
};

}  // namespace

const H264Level* h264_level(uint32_t level_idc, bool level_1b) {
  if (level_1b) level_idc = 9;
  for (const H264Level& l : kLevels)
    if (l.level_idc == level_idc) return &l;
  return nullptr;
}

void check_h264_level(const h264::Sps& sps, uint64_t offset, IssueSink& sink) {
  // A.3.1 / A.3.3: level 1b is level_idc 11 with constraint_set3_flag in Baseline, Main and
  // Extended, or level_idc 9 in the High profiles.
  const bool b = sps.level_idc == 11 && sps.constraint_set3_flag &&
                 (sps.profile_idc == 66 || sps.profile_idc == 77 || sps.profile_idc == 88);
  const H264Level* l = h264_level(sps.level_idc, b);
  if (!l) return;
  const uint64_t w = sps.PicWidthInMbs(), h = sps.FrameHeightInMbs();
  const uint64_t fs = w * h;
  // A.3.1 a), f), g): PicSizeInMbs <= MaxFS, width and height <= Sqrt( MaxFS * 8 ).
  const uint64_t side = static_cast<uint64_t>(std::sqrt(static_cast<double>(l->max_fs) * 8.0));
  if (fs > l->max_fs) sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "FrameSizeInMbs", static_cast<int64_t>(fs), 0, l->max_fs);
  else if (w > side) sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "PicWidthInMbs", static_cast<int64_t>(w), 0, static_cast<int64_t>(side));
  else if (h > side) sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "FrameHeightInMbs", static_cast<int64_t>(h), 0, static_cast<int64_t>(side));
  // A.3.1 h): max_num_ref_frames <= MaxDpbFrames = Min( MaxDpbMbs / ( PicWidthInMbs * FrameHeightInMbs ), 16 ).
  if (fs > 0) {
    uint64_t max_dpb_frames = l->max_dpb_mbs / fs;
    if (max_dpb_frames > 16) max_dpb_frames = 16;
    if (sps.max_num_ref_frames > max_dpb_frames)
      sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "max_num_ref_frames", sps.max_num_ref_frames, 0,
                 static_cast<int64_t>(max_dpb_frames));
  }
  // A.3.1 / A.3.2: macroblock processing rate, with the frame rate the VUI declares (frame pictures).
  const h264::Vui& v = sps.vui;
  if (v.timing_info_present_flag && v.fixed_frame_rate_flag && v.num_units_in_tick > 0 && v.time_scale > 0) {
    const double fps = static_cast<double>(v.time_scale) / (2.0 * v.num_units_in_tick);
    const double mbps = fps * static_cast<double>(fs);
    if (mbps > l->max_mbps * 1.0001)
      sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "MbPerSecond", static_cast<int64_t>(mbps), 0, l->max_mbps);
  }
}

}  // namespace mi
