#include "validate/h264_checks.h"
#include "h264/nal.h"
#include "validate/level_limits.h"

namespace mi::h264 {

void Checks::reset() { *this = Checks(); }

void Checks::check_sps(const Sps& sps, uint64_t offset, IssueSink& sink) {
  // 7.4.2.1.1 cropping window inside the coded frame: CropUnitX * ( frame_crop_left_offset +
  // frame_crop_right_offset ) < PicWidthInSamplesL and CropUnitY * ( frame_crop_top_offset +
  // frame_crop_bottom_offset ) < 16 * FrameHeightInMbs; the first that fails, in luma samples.
  if (sps.frame_cropping_flag && !sps.crop_valid()) {
    const int64_t w = 16ll * sps.PicWidthInMbs(), h = 16ll * sps.FrameHeightInMbs();
    const int64_t cx = static_cast<int64_t>(sps.CropUnitX()) * (int64_t{sps.frame_crop_left_offset} + sps.frame_crop_right_offset);
    const int64_t cy = static_cast<int64_t>(sps.CropUnitY()) * (int64_t{sps.frame_crop_top_offset} + sps.frame_crop_bottom_offset);
    if (cx >= w) sink.raise(IssueCode::CROP_INVALID, offset, "frame_crop_left_offset + frame_crop_right_offset", cx, 0, w);
    else sink.raise(IssueCode::CROP_INVALID, offset, "frame_crop_top_offset + frame_crop_bottom_offset", cy, 0, h);
  }
  // 7.4.2.1.1: frame_mbs_only_flag == 0 requires direct_8x8_inference_flag == 1.
  if (!sps.frame_mbs_only_flag && !sps.direct_8x8_inference_flag)
    sink.raise(IssueCode::DIRECT_8X8_INFERENCE_REQUIRED, offset, "direct_8x8_inference_flag", 0, 1, 1);
  // E.2.1 VUI semantics.
  const Vui& v = sps.vui;
  if (sps.vui_parameters_present_flag && sps.vui_complete) {
    if (v.timing_info_present_flag && v.num_units_in_tick == 0)
      sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "num_units_in_tick", 0, 1, UINT32_MAX);
    if (v.timing_info_present_flag && v.time_scale == 0)
      sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "time_scale", 0, 1, UINT32_MAX);
    if (v.aspect_ratio_info_present_flag && v.aspect_ratio_idc > 16 && v.aspect_ratio_idc != 255)
      sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "aspect_ratio_idc", v.aspect_ratio_idc, 0, 16);
    if (v.bitstream_restriction_flag && v.max_num_reorder_frames > v.max_dec_frame_buffering)
      sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "max_num_reorder_frames", v.max_num_reorder_frames, 0,
                 v.max_dec_frame_buffering);
    if (v.bitstream_restriction_flag && v.max_dec_frame_buffering < sps.max_num_ref_frames)
      sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "max_dec_frame_buffering", v.max_dec_frame_buffering,
                 sps.max_num_ref_frames, 16);
  }
  check_h264_level(sps, offset, sink);
}

void Checks::on_nal(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink) {
  const uint8_t t = ev.nal_unit_type;
  const uint8_t ref = ev.ref_idc_or_layer;
  // 7.4.1 nal_ref_idc: never 0 for parameter sets and IDR slices; always 0 for SEI, AUD,
  // end of sequence / stream and filler data.
  const bool must_ref = t == kSps || t == kPps || t == kSubsetSps || t == kSpsExt || t == kSliceIdr;
  const bool must_zero = t == kSei || t == kAud || t == kEndOfSeq || t == kEndOfStream || t == kFiller;
  if ((must_ref && ref == 0) || (must_zero && ref != 0))
    sink.raise(IssueCode::NAL_REF_IDC_INVALID, s.offset, "nal_ref_idc", ref, 0, t);
  if (t == kSei && ev.err.ok() && !front.last_sei().buffering_period_first)
    sink.raise(IssueCode::SEI_ORDER_INVALID, s.offset, "buffering_period", 0, 0, 0);
  if ((t == kSliceNonIdr || t == kSliceIdr || t == kSliceDataA) && ev.header_parsed) on_slice(ev, s, front, sink);
}

void Checks::on_slice(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink) {
  const SliceHeader& sh = front.last_slice();
  const Sps* sps = front.active_sps();
  const Pps* pps = front.active_pps();
  if (!sps || !pps) return;
  if (ev.first_slice_of_picture) {
    if (sps != checked_sps_) {
      check_sps(*sps, s.offset, sink);
      checked_sps_ = sps;
    }
    // 7.4.3: two consecutive IDR access units must differ in idr_pic_id (else the boundary is ambiguous).
    if (ev.idr && prev_idr_ && sh.idr_pic_id == prev_idr_pic_id_ && !ev.second_field_of_pair)
      sink.raise(IssueCode::IDR_PIC_ID_REPEATED, s.offset, "idr_pic_id", sh.idr_pic_id, 0, 0);
    prev_idr_ = ev.idr;
    prev_idr_pic_id_ = sh.idr_pic_id;
    refs_.begin_picture(*sps, sh, ev.second_field_of_pair, s.offset, sink);
    // 8.2.1: an IDR picture has PicOrderCnt 0 (its POC lsb / delta must make min(Top, Bottom) 0).
    if (ev.idr && ev.poc != 0 && !ev.second_field_of_pair)
      sink.raise(IssueCode::IDR_POC_NONZERO, s.offset, "PicOrderCnt", ev.poc, 0, 0);
    if (!ev.second_field_of_pair) {
      const int32_t max_reorder = sps->vui.bitstream_restriction_flag ? static_cast<int32_t>(sps->vui.max_num_reorder_frames) : -1;
      pocs_.on_picture(ev.poc, ev.idr || after_mmco5_, max_reorder, s.offset, sink);
    }
    after_mmco5_ = sh.has_mmco5;
    // A.2.1 Baseline: no CABAC, no B slices (checked per slice below); ASO only in Baseline
    // without constraint_set1 and in Extended (A.2.1, A.2.3).
    aso_allowed_ = (sps->profile_idc == 66 && !sps->constraint_set1_flag) || sps->profile_idc == 88;
    if (sps->profile_idc == 66 && pps->entropy_coding_mode_flag)
      sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, s.offset, "entropy_coding_mode_flag (CABAC in Baseline)", 1, 0, 0);
    picture_open_ = true;
    last_first_mb_ = -1;
  }
  // 7.4.3: IDR pictures have only I or SI slices (slice_type 2, 4, 7, 9).
  const uint32_t st = sh.type();
  if (ev.idr && st != kI && st != kSI) sink.raise(IssueCode::IDR_NOT_INTRA, s.offset, "slice_type", sh.slice_type, 0, 0);
  if (sps->profile_idc == 66 && st == kB)
    sink.raise(IssueCode::PROFILE_CONSTRAINT_VIOLATED, s.offset, "slice_type B in Baseline", sh.slice_type, 0, 0);
  // 7.4.3: first_mb_in_slice * ( 1 + MbaffFrameFlag ) < PicSizeInMbs.
  const uint64_t pic_height_in_mbs = sps->FrameHeightInMbs() / (1 + sh.field_pic_flag);
  const uint64_t pic_size_in_mbs = static_cast<uint64_t>(sps->PicWidthInMbs()) * pic_height_in_mbs;
  const uint64_t first_mb = static_cast<uint64_t>(sh.first_mb_in_slice) * (1 + (sh.MbaffFrameFlag(*sps) ? 1 : 0));
  if (first_mb >= pic_size_in_mbs) {
    sink.raise(IssueCode::SLICE_ADDRESS_OUT_OF_RANGE, s.offset, "first_mb_in_slice", sh.first_mb_in_slice, 0,
               static_cast<int64_t>(pic_size_in_mbs));
  } else if (pps->num_slice_groups_minus1 == 0 && !aso_allowed_ && sh.redundant_pic_cnt == 0) {
    // Without slice groups or arbitrary slice order, slices follow in raster order from MB 0:
    // a picture that starts elsewhere lost its first slices; an address that does not grow
    // means a slice was lost, repeated or reordered.
    if (ev.first_slice_of_picture && sh.first_mb_in_slice != 0)
      sink.raise(IssueCode::MISSING_SLICES, s.offset, "first_mb_in_slice", sh.first_mb_in_slice, 0, 0);
    else if (!ev.first_slice_of_picture && static_cast<int64_t>(sh.first_mb_in_slice) <= last_first_mb_)
      sink.raise(IssueCode::SLICE_ORDER_INVALID, s.offset, "first_mb_in_slice", sh.first_mb_in_slice, last_first_mb_, 0);
  }
  if (sh.redundant_pic_cnt == 0) last_first_mb_ = sh.first_mb_in_slice;
  refs_.check_slice(sh, s.offset, sink);
}

}  // namespace mi::h264
