#include "validate/hevc_level_limits.h"
#include <cmath>

namespace mi::hevc {
namespace {

// ITU-T H.265 (V8, 08/2021) Table A.8 (MaxLumaPs, MaxSliceSegmentsPerPicture, MaxTileRows,
// MaxTileCols) and Table A.9 (MaxLumaSr).
constexpr HevcLevel kLevels[] = {
    {30, 36864, 16, 1, 1, 552960},              // 1
    {60, 122880, 16, 1, 1, 3686400},            // 2
    {63, 245760, 20, 1, 1, 7372800},            // 2.1
    {90, 552960, 30, 2, 2, 16588800},           // 3
    {93, 983040, 40, 3, 3, 33177600},           // 3.1
    {120, 2228224, 75, 5, 5, 66846720},         // 4
    {123, 2228224, 75, 5, 5, 133693440},        // 4.1
    {150, 8912896, 200, 11, 10, 267386880},     // 5
    {153, 8912896, 200, 11, 10, 534773760},     // 5.1
    {156, 8912896, 200, 11, 10, 1069547520},    // 5.2
    {180, 35651584, 600, 22, 20, 1069547520},   // 6
    {183, 35651584, 600, 22, 20, 2139095040},   // 6.1
    {186, 35651584, 600, 22, 20, 4278190080u},  // 6.2
};

// A.3: a bitstream conforms to profile j when general_profile_idc == j or
// general_profile_compatibility_flag[j] == 1 (general_profile_space 0).
bool claims(const ProfileTierLevel& p, unsigned j) {
  return p.general_profile_space == 0 && (p.general_profile_idc == j || p.general_profile_compatibility_flag[j]);
}

}  // namespace

const HevcLevel* hevc_level(uint32_t general_level_idc) {
  for (const HevcLevel& l : kLevels)
    if (l.general_level_idc == general_level_idc) return &l;
  return nullptr;
}

uint32_t hevc_max_dpb_size(const HevcLevel& level, uint64_t PicSizeInSamplesY, bool curr_pic_ref) {
  // A.4.2; maxDpbPicBuf is 7 when the current picture is used for reference (SCC).
  const uint32_t maxDpbPicBuf = curr_pic_ref ? 7 : 6;
  const uint64_t ps = level.MaxLumaPs;
  uint32_t size;
  if (PicSizeInSamplesY <= (ps >> 2)) size = 4 * maxDpbPicBuf;
  else if (PicSizeInSamplesY <= (ps >> 1)) size = 2 * maxDpbPicBuf;
  else if (PicSizeInSamplesY <= ((3 * ps) >> 2)) size = (4 * maxDpbPicBuf) / 3;
  else size = maxDpbPicBuf;
  return size < 16 ? size : 16;
}

double hevc_picture_rate(const Sps& sps, const Vps* vps) {
  const VuiParameters& v = sps.vui;
  if (sps.vui_parameters_present_flag && v.vui_timing_info_present_flag && v.vui_num_units_in_tick && v.vui_time_scale) {
    double tick = static_cast<double>(v.vui_num_units_in_tick) / v.vui_time_scale;  // E.3.1 clock tick
    const unsigned t = sps.sps_max_sub_layers_minus1;
    const HrdParameters& h = v.hrd_parameters;
    // E.3.2: with a fixed picture rate, consecutive pictures are (elemental_duration_in_tc_minus1 + 1) ticks apart.
    if (v.vui_hrd_parameters_present_flag && (h.fixed_pic_rate_general_flag[t] || h.fixed_pic_rate_within_cvs_flag[t]))
      tick *= h.elemental_duration_in_tc_minus1[t] + 1.0;
    return 1.0 / tick;
  }
  if (vps && vps->vps_timing_info_present_flag && vps->vps_num_units_in_tick && vps->vps_time_scale)
    return static_cast<double>(vps->vps_time_scale) / vps->vps_num_units_in_tick;  // 7.4.3.1
  return 0;
}

void check_hevc_sps_limits(const Sps& sps, const Vps* vps, uint64_t offset, IssueSink& sink) {
  const ProfileTierLevel& ptl = sps.profile_tier_level;
  // Profiles (A.3). Main (A.3.2) and Main Still Picture (A.3.4): 4:2:0, 8 bits; Main 10 (A.3.3):
  // 4:2:0, up to 10 bits; all three: CtbLog2SizeY in [4, 6].
  const bool main = claims(ptl, 1) || claims(ptl, 3);
  const bool main10 = claims(ptl, 2);
  if (main || main10) {
    const unsigned max_depth = main ? 0 : 2;
    if (sps.chroma_format_idc != 1)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "chroma_format_idc (Main/Main 10: 4:2:0 only)",
                 sps.chroma_format_idc, 1, 1);
    if (sps.bit_depth_luma_minus8 > max_depth)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset,
                 main ? "bit_depth_luma_minus8 (Main: 8 bits only)" : "bit_depth_luma_minus8 (Main 10: up to 10 bits)",
                 sps.bit_depth_luma_minus8, 0, max_depth);
    if (sps.bit_depth_chroma_minus8 > max_depth)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset,
                 main ? "bit_depth_chroma_minus8 (Main: 8 bits only)" : "bit_depth_chroma_minus8 (Main 10: up to 10 bits)",
                 sps.bit_depth_chroma_minus8, 0, max_depth);
  }
  // A.3.2–A.3.7: CtbLog2SizeY in [4, 6] in every profile of this edition (the syntax allows 3).
  if (ptl.general_profile_space == 0 && ptl.general_profile_idc >= 1 && ptl.general_profile_idc <= 11 &&
      sps.CtbLog2SizeY < 4)
    sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "CtbLog2SizeY (profiles: 16x16 CTBs at least)",
               sps.CtbLog2SizeY, 4, 6);
  // A.3.5 (format range extensions), A.3.6 (high throughput), A.3.7 (screen content coding): the
  // constraint flags of profile_tier_level() (7.4.4) bound the chroma format and bit depths.
  const unsigned idc = ptl.general_profile_idc;
  if (ptl.general_profile_space == 0 && (idc == 4 || idc == 5 || idc == 9 || idc == 11)) {
    unsigned max_depth = 16;
    if (ptl.general_max_8bit_constraint_flag) max_depth = 8;
    else if (ptl.general_max_10bit_constraint_flag) max_depth = 10;
    else if (ptl.general_max_12bit_constraint_flag) max_depth = 12;
    else if (ptl.general_max_14bit_constraint_flag && (idc == 5 || idc == 9 || idc == 11)) max_depth = 14;
    if (sps.BitDepthY > max_depth)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "BitDepthY (general_max_Nbit_constraint_flag)",
                 sps.BitDepthY, 8, max_depth);
    else if (sps.chroma_format_idc != 0 && sps.BitDepthC > max_depth)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "BitDepthC (general_max_Nbit_constraint_flag)",
                 sps.BitDepthC, 8, max_depth);
    unsigned max_chroma = 3;
    if (ptl.general_max_monochrome_constraint_flag) max_chroma = 0;
    else if (ptl.general_max_420chroma_constraint_flag) max_chroma = 1;
    else if (ptl.general_max_422chroma_constraint_flag) max_chroma = 2;
    if (sps.chroma_format_idc > max_chroma)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "chroma_format_idc (general_max_*chroma_constraint_flag)",
                 sps.chroma_format_idc, 0, max_chroma);
  }

  // Levels (A.4). general_level_idc 255 (level 8.5) and unknown values: no limits.
  const HevcLevel* l = hevc_level(ptl.general_level_idc);
  if (!l) return;
  const uint64_t w = sps.pic_width_in_luma_samples, h = sps.pic_height_in_luma_samples;
  const uint64_t PicSizeInSamplesY = w * h;  // (7-21)
  // A.4.1 a)–c): PicSizeInSamplesY <= MaxLumaPs; width and height <= Sqrt( MaxLumaPs * 8 ).
  const uint64_t side = static_cast<uint64_t>(std::sqrt(static_cast<double>(l->MaxLumaPs) * 8.0));
  if (PicSizeInSamplesY > l->MaxLumaPs)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "PicSizeInSamplesY", static_cast<int64_t>(PicSizeInSamplesY), 0,
               l->MaxLumaPs);
  else if (w > side)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "pic_width_in_luma_samples", static_cast<int64_t>(w), 0,
               static_cast<int64_t>(side));
  else if (h > side)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "pic_height_in_luma_samples", static_cast<int64_t>(h), 0,
               static_cast<int64_t>(side));
  // A.4.2: sps_max_dec_pic_buffering_minus1[ HighestTid ] + 1 <= MaxDpbSize.
  const unsigned highest = sps.sps_max_sub_layers_minus1;
  const uint32_t max_dpb = hevc_max_dpb_size(*l, PicSizeInSamplesY, sps.sps_scc_extension.sps_curr_pic_ref_enabled_flag);
  if (sps.sps_max_dec_pic_buffering_minus1[highest] + 1u > max_dpb)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "sps_max_dec_pic_buffering_minus1 + 1 (MaxDpbSize)",
               sps.sps_max_dec_pic_buffering_minus1[highest] + 1, 0, max_dpb);
  // A.4.2: consecutive pictures are at least PicSizeInSamplesY / MaxLumaSr seconds apart, so the
  // declared picture rate times the picture size stays within MaxLumaSr (Table A.9).
  const double rate = hevc_picture_rate(sps, vps);
  if (rate > 0) {
    const double sr = rate * static_cast<double>(PicSizeInSamplesY);
    if (sr > static_cast<double>(l->MaxLumaSr) * 1.0001)
      sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "luma samples per second (picture rate from the VUI/VPS timing)",
                 static_cast<int64_t>(sr), 0, static_cast<int64_t>(l->MaxLumaSr));
  }
}

void check_hevc_pps_limits(const Pps& pps, const Sps& sps, uint64_t offset, IssueSink& sink) {
  if (!pps.tiles_enabled_flag) return;
  const ProfileTierLevel& ptl = sps.profile_tier_level;
  // A.3.2 / A.3.3 (Main, Main 10): with tiles, every column is at least 256 luma samples wide and
  // every row at least 64 high.
  if (claims(ptl, 1) || claims(ptl, 2)) {
    const unsigned cols = pps.num_tile_columns_minus1 + 1u, rows = pps.num_tile_rows_minus1 + 1u;
    for (unsigned i = 0; i < cols && i < kMaxTileColumns; ++i) {
      const uint64_t width = uint64_t{pps.colWidth[i]} << sps.CtbLog2SizeY;  // (6-5) ColumnWidthInLumaSamples
      if (width < 256) {
        sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "ColumnWidthInLumaSamples (Main/Main 10: >= 256)",
                   static_cast<int64_t>(width), 256, 0);
        break;
      }
    }
    for (unsigned j = 0; j < rows && j < kMaxTileRows; ++j) {
      const uint64_t height = uint64_t{pps.rowHeight[j]} << sps.CtbLog2SizeY;  // (6-6) RowHeightInLumaSamples
      if (height < 64) {
        sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, offset, "RowHeightInLumaSamples (Main/Main 10: >= 64)",
                   static_cast<int64_t>(height), 64, 0);
        break;
      }
    }
  }
  const HevcLevel* l = hevc_level(ptl.general_level_idc);
  if (!l) return;
  // Table A.8: num_tile_columns_minus1 < MaxTileCols, num_tile_rows_minus1 < MaxTileRows.
  if (pps.num_tile_columns_minus1 + 1u > l->MaxTileCols)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "num_tile_columns_minus1 + 1 (MaxTileCols)",
               pps.num_tile_columns_minus1 + 1, 0, l->MaxTileCols);
  if (pps.num_tile_rows_minus1 + 1u > l->MaxTileRows)
    sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, offset, "num_tile_rows_minus1 + 1 (MaxTileRows)",
               pps.num_tile_rows_minus1 + 1, 0, l->MaxTileRows);
}

}  // namespace mi::hevc
