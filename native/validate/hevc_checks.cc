#include "validate/hevc_checks.h"
#include <cstring>
#include "hevc/nal.h"
#include "validate/hevc_level_limits.h"

namespace mi::hevc {
namespace {

bool is_element(const ParseError& e, const char* name) { return e.element && std::strcmp(e.element, name) == 0; }

// 6.5.1 (6-5) CtbAddrRsToTs[ ctbAddrRs ]: the tile-scan position of a CTB given in raster scan.
// O(columns + rows) per call, no table (the PPS keeps colWidth / rowHeight, (6-3) / (6-4)).
int64_t ctb_addr_rs_to_ts(const Sps& sps, const Pps& pps, uint32_t ctbAddrRs) {
  if (!pps.tiles_enabled_flag || sps.PicWidthInCtbsY == 0) return ctbAddrRs;
  const uint32_t tbX = ctbAddrRs % sps.PicWidthInCtbsY, tbY = ctbAddrRs / sps.PicWidthInCtbsY;
  const unsigned cols = pps.num_tile_columns_minus1 + 1u, rows = pps.num_tile_rows_minus1 + 1u;
  if (cols > kMaxTileColumns || rows > kMaxTileRows) return ctbAddrRs;
  unsigned tileX = 0, tileY = 0;
  uint32_t colBd = 0, rowBd = 0;  // (6-5) colBd[ tileX ], rowBd[ tileY ]
  while (tileX + 1 < cols && tbX >= colBd + pps.colWidth[tileX]) colBd += pps.colWidth[tileX++];
  while (tileY + 1 < rows && tbY >= rowBd + pps.rowHeight[tileY]) rowBd += pps.rowHeight[tileY++];
  int64_t ts = 0;
  for (unsigned i = 0; i < tileX; ++i) ts += int64_t{pps.rowHeight[tileY]} * pps.colWidth[i];
  for (unsigned j = 0; j < tileY; ++j) ts += int64_t{sps.PicWidthInCtbsY} * pps.rowHeight[j];
  return ts + int64_t{tbY - rowBd} * pps.colWidth[tileX] + tbX - colBd;
}

// 7.4.8 / 7.4.7.1 bounds on the RPS size that the front-end reports (soft) when a slice's RPS holds
// more pictures than sps_max_dec_pic_buffering_minus1 allows.
bool rps_size_error(const ParseError& e) {
  return e.status == ParseStatus::kOutOfRange &&
         (is_element(e, "num_negative_pics") || is_element(e, "num_positive_pics") || is_element(e, "num_long_term_pics"));
}

}  // namespace

void Checks::reset() { *this = Checks(); }

void Checks::on_flush(IssueSink& sink) {
  // Layers that sent NAL units but no picture (LAYER_NOT_BASE is otherwise said at a layer's first
  // picture): never dropped silently.
  for (unsigned layer = 1; layer < 64; ++layer)
    if (layer_nals_[layer] && !((layers_reported_ >> layer) & 1)) {
      layers_reported_ |= uint64_t{1} << layer;
      sink.raise(IssueCode::LAYER_NOT_BASE, layer_first_offset_[layer], "nuh_layer_id", layer, 0, 0);
    }
  begin_access_unit();
}

bool Checks::reports_parse_error(const NalEvent& ev) {
  const ParseError& e = ev.err;
  if (e.ok()) return false;
  if (is_element(e, "nuh_temporal_id_plus1")) return true;
  if (is_element(e, "nuh_layer_id") && e.status == ParseStatus::kUnsupported) return true;
  return is_element(e, "slice_segment_address") && e.status == ParseStatus::kOutOfRange;
}

void Checks::begin_access_unit() {
  au_has_vcl_ = false;
  au_tid_ = -1;
  aud_tid_ = -1;
  ge_tid_ = 8;
  vps_sps_ = false;
}

bool Checks::new_picture(const NalEvent& ev, const SliceSegmentHeader& sh) const {
  // The same rule as the front-end's PicOrderCntVal derivation (8.3.1): a slice segment continues
  // the picture in progress unless it is flagged first, or its POC LSB or IDR-ness differ.
  return sh.first_slice_segment_in_pic_flag || !pic_open_ || is_idr(pic_nal_unit_type_) != is_idr(ev.nal_unit_type) ||
         pic_poc_lsb_ != sh.slice_pic_order_cnt_lsb;
}

bool Checks::lost_first_slice(const NalEvent& ev, const Front& front) const {
  if (!ev.is_vcl || !ev.header_parsed || ev.ref_idc_or_layer != 0 || ev.first_slice_of_picture || first_slice_failed_)
    return false;
  return front.has_slice_header() && new_picture(ev, front.slice_header());
}

void Checks::on_nal(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink) {
  if (s.avail < 2 || ev.forbidden_zero_bit) return;  // nothing known / dropped (reported by the inspector)
  // 7.4.2.2: nuh_temporal_id_plus1 shall not be 0. TemporalId is undefined: the unit is dropped.
  if (is_element(ev.err, "nuh_temporal_id_plus1")) {
    sink.raise(IssueCode::TEMPORAL_ID_ZERO_PLUS1, s.offset, "nuh_temporal_id_plus1", 0, 1, 7);
    return;
  }
  const uint8_t layer = ev.ref_idc_or_layer & 63;
  if (layer_nals_[layer]++ == 0) layer_first_offset_[layer] = s.offset;
  if (layer > 0) {
    // 7.4.2.2 / Annex F: units of other layers (MV-HEVC, SHVC, 3D-HEVC, or an alpha / depth
    // auxiliary layer) are ignored by a base-layer decoder: said once per layer, at its first
    // picture (its parameter sets usually come first, in a sample entry too), then counted. A
    // layer without pictures is said at the end of the stream.
    if (ev.is_vcl && !((layers_reported_ >> layer) & 1)) {
      layers_reported_ |= uint64_t{1} << layer;
      sink.raise(IssueCode::LAYER_NOT_BASE, s.offset, "nuh_layer_id", layer, 0, 0);
    }
    return;
  }
  const uint8_t t = ev.nal_unit_type;

  // Access-unit boundaries as 7.4.2.4.4 draws them (base layer).
  if (after_eos_) {
    begin_access_unit();
    after_eos_ = false;
  }
  if (ev.is_vcl) {
    const bool begins = ev.first_slice_of_picture || (ev.header_parsed && lost_first_slice(ev, front));
    if (begins && au_has_vcl_) begin_access_unit();
  } else if (ev.starts_au_after_vcl && au_has_vcl_) {
    begin_access_unit();
  }
  on_temporal_id(ev, s, sink);
  if (!ev.is_vcl && !au_has_vcl_) {
    // 7.4.2.4.4: suffix SEI, filler data and RSV_NVCL45..47 units do not precede the first VCL NAL
    // unit of their access unit. (The unspecified types 56..63 are bound by the same rule but carry
    // application data whose placement decoders ignore: not checked.)
    if (t == nut::SUFFIX_SEI_NUT || t == nut::FD_NUT || (t >= 45 && t <= nut::RSV_NVCL47))
      sink.raise(IssueCode::NAL_ORDER_INVALID, s.offset, "nal_unit_type", t, 0, 0);
  }
  if (ev.param_set_changed) ps_changed_ = true;
  if (ev.end_of_sequence || ev.end_of_stream) {
    after_eos_ = true;
    pic_open_ = false;  // 8.1.3: the next picture starts a coded video sequence
  }

  if (!ev.is_vcl) return;
  au_has_vcl_ = true;
  if (ev.header_parsed) {
    on_slice(ev, s, front, sink);
  } else if (is_element(ev.err, "slice_segment_address") && ev.err.status == ParseStatus::kOutOfRange) {
    // 7.4.7.1: slice_segment_address in [0, PicSizeInCtbsY - 1] (the front-end's bound).
    sink.raise(IssueCode::SLICE_ADDRESS_OUT_OF_RANGE, s.offset, "slice_segment_address", ev.err.value, 0,
               ev.err.max + 1);
    last_ts_ = -1;  // the order is unknown until the next readable address
  } else if (ev.first_slice_of_picture) {
    // A picture whose first slice segment header cannot be read: its other slice segments must
    // not look like a picture that lost its first one.
    first_slice_failed_ = true;
    last_ts_ = -1;
  }
}

void Checks::on_temporal_id(const NalEvent& ev, const NalSpan& s, IssueSink& sink) {
  // 7.4.2.2 TemporalId constraints (nuh_layer_id 0). found = TemporalId, min = the expected
  // value (the least allowed one for "greater than or equal" rules), max = nal_unit_type.
  const uint8_t t = ev.nal_unit_type;
  const int tid = ev.temporal_id;
  if (ev.is_vcl) {
    if (is_irap(t) && tid != 0) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, 0, t);
    else if ((is_tsa(t) || is_stsa(t)) && tid == 0) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", 0, 1, t);
    if (!au_has_vcl_) {
      // The access unit's TemporalId is its VCL NAL units': the rules of the units before them apply now.
      au_tid_ = tid;
      if (aud_tid_ >= 0 && aud_tid_ != au_tid_)
        sink.raise(IssueCode::TEMPORAL_ID_INVALID, aud_offset_, "TemporalId", aud_tid_, au_tid_, nut::AUD_NUT);
      if (ge_tid_ < au_tid_) sink.raise(IssueCode::TEMPORAL_ID_INVALID, ge_offset_, "TemporalId", ge_tid_, au_tid_, ge_type_);
      if (vps_sps_ && au_tid_ != 0)
        sink.raise(IssueCode::TEMPORAL_ID_INVALID, vps_sps_offset_, "TemporalId of an access unit with a VPS or SPS",
                   au_tid_, 0, vps_sps_type_);
    } else if (tid != au_tid_) {
      // The value of TemporalId is the same for all VCL NAL units of an access unit.
      sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, au_tid_, t);
    }
    return;
  }
  switch (t) {
    case nut::VPS_NUT:
    case nut::SPS_NUT:
      // TemporalId 0, and the access unit holding it has TemporalId 0.
      if (tid != 0) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, 0, t);
      if (!au_has_vcl_ && !vps_sps_) {
        vps_sps_ = true;
        vps_sps_type_ = t;
        vps_sps_offset_ = s.offset;
      }
      break;
    case nut::EOS_NUT:
    case nut::EOB_NUT:
      if (tid != 0) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, 0, t);
      break;
    case nut::AUD_NUT:
    case nut::FD_NUT:
      // Equal to the access unit's.
      if (au_has_vcl_) {
        if (tid != au_tid_) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, au_tid_, t);
      } else if (t == nut::AUD_NUT) {
        aud_tid_ = tid;
        aud_offset_ = s.offset;
      }
      break;
    case nut::PPS_NUT:
    case nut::PREFIX_SEI_NUT:
    case nut::SUFFIX_SEI_NUT:
      // Greater than or equal to the access unit's.
      if (au_has_vcl_) {
        if (tid < au_tid_) sink.raise(IssueCode::TEMPORAL_ID_INVALID, s.offset, "TemporalId", tid, au_tid_, t);
      } else if (tid < ge_tid_) {
        ge_tid_ = tid;
        ge_type_ = t;
        ge_offset_ = s.offset;
      }
      break;
    default:
      break;
  }
}

void Checks::on_slice(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink) {
  const SliceSegmentHeader& sh = front.slice_header();
  const Sps* sps = front.active_sps();
  const Pps* pps = front.active_pps();
  if (!sps || !pps || !front.has_slice_header()) return;
  const uint32_t address = sh.slice_segment_address;
  const bool begins = new_picture(ev, sh);
  if (begins) {
    // 7.4.7.1: the first slice segment of a picture has first_slice_segment_in_pic_flag 1. A new
    // picture that starts with another one lost its first slice segment(s).
    if (!sh.first_slice_segment_in_pic_flag && !first_slice_failed_ && (started_ || ev.irap))
      sink.raise(IssueCode::MISSING_SLICES, s.offset, "slice_segment_address", address, 0, 0);
    begin_picture(ev, s, front, sink);
  } else if (!sh.dependent_slice_segment_flag) {
    // 7.4.7.1: slice_pic_parameter_set_id, pic_output_flag, short_term_ref_pic_set_sps_flag,
    // short_term_ref_pic_set_idx and slice_temporal_mvp_enabled_flag are the same in all slice
    // segment headers of a picture; 7.4.2.2: so is nal_unit_type.
    const char* element = nullptr;
    int64_t found = 0, want = 0;
    if (sh.slice_pic_parameter_set_id != pic_pps_id_) {
      element = "slice_pic_parameter_set_id";
      found = sh.slice_pic_parameter_set_id;
      want = pic_pps_id_;
    } else if (ev.nal_unit_type != pic_nal_unit_type_) {
      element = "nal_unit_type";
      found = ev.nal_unit_type;
      want = pic_nal_unit_type_;
    } else if (sh.pic_output_flag != pic_output_flag_) {
      element = "pic_output_flag";
      found = sh.pic_output_flag;
      want = pic_output_flag_;
    } else if (sh.short_term_ref_pic_set_sps_flag != pic_rps_sps_flag_ ||
               (pic_rps_sps_flag_ && sh.short_term_ref_pic_set_idx != pic_rps_idx_)) {
      element = "short_term_ref_pic_set_idx";
      found = sh.short_term_ref_pic_set_sps_flag ? sh.short_term_ref_pic_set_idx : -1;
      want = pic_rps_sps_flag_ ? pic_rps_idx_ : -1;
    } else if (sh.slice_temporal_mvp_enabled_flag != pic_tmvp_) {
      element = "slice_temporal_mvp_enabled_flag";
      found = sh.slice_temporal_mvp_enabled_flag;
      want = pic_tmvp_;
    }
    if (element) sink.raise(IssueCode::SLICE_HEADER_VALUE_OUT_OF_RANGE, s.offset, element, found, want, want);
  }
  ++pic_slices_;

  // 7.4.7.1: an IRAP picture of the base layer has only I slices (unless it predicts from itself,
  // pps_curr_pic_ref_enabled_flag, SCC). A dependent slice segment repeats its independent one's.
  if (ev.irap && !sh.dependent_slice_segment_flag && sh.slice_type != kSliceI &&
      !pps->pps_scc_extension.pps_curr_pic_ref_enabled_flag)
    sink.raise(IssueCode::IDR_NOT_INTRA, s.offset, "slice_type", sh.slice_type, kSliceI, kSliceI);

  // 7.4.7.1 / 6.5.1: slice segments follow each other in increasing tile-scan order
  // (CtbAddrRsToTs), the first at address 0. A smaller or equal address means a segment was
  // repeated or reordered (a lost one leaves a gap, which the header cannot show).
  const int64_t ts = ctb_addr_rs_to_ts(*sps, *pps, address);
  if (!sh.first_slice_segment_in_pic_flag && !begins && last_ts_ >= 0 && ts <= last_ts_)
    sink.raise(IssueCode::SLICE_ORDER_INVALID, s.offset, "slice_segment_address", address, last_address_, 0);
  last_ts_ = ts;
  last_address_ = address;

  // Table A.8: at most MaxSliceSegmentsPerPicture slice segments in a picture (said once per picture).
  if (const HevcLevel* l = hevc_level(sps->profile_tier_level.general_level_idc))
    if (pic_slices_ == l->MaxSliceSegmentsPerPicture + 1u)
      sink.raise(IssueCode::LEVEL_LIMIT_EXCEEDED, s.offset, "slice segments per picture (MaxSliceSegmentsPerPicture)",
                 pic_slices_, 0, l->MaxSliceSegmentsPerPicture);
}

void Checks::begin_picture(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink) {
  const SliceSegmentHeader& sh = front.slice_header();
  const Sps& sps = *front.active_sps();
  const Pps& pps = *front.active_pps();
  pic_open_ = true;
  first_slice_failed_ = false;
  pic_nal_unit_type_ = ev.nal_unit_type;
  pic_poc_lsb_ = sh.slice_pic_order_cnt_lsb;
  pic_pps_id_ = sh.slice_pic_parameter_set_id;
  pic_output_flag_ = sh.pic_output_flag;
  pic_tmvp_ = sh.slice_temporal_mvp_enabled_flag;
  pic_rps_sps_flag_ = sh.short_term_ref_pic_set_sps_flag;
  pic_rps_idx_ = sh.short_term_ref_pic_set_idx;
  pic_slices_ = 0;
  check_parameter_sets(front, sps, pps, s.offset, sink);
  if (ev.irap) started_ = true;
  // Pictures before the first IRAP picture (a stream joined mid-sequence) cannot be decoded
  // (NO_KEYFRAME_AT_START): their references are unknown, nothing is modelled yet.
  if (!started_) return;

  const PocResult& poc = front.poc_result();
  const unsigned highest = sps.sps_max_sub_layers_minus1;  // HighestTid: every sub-layer is decoded
  RefPicture cur;
  cur.poc = poc.PicOrderCntVal;
  cur.irap = ev.irap;
  cur.no_rasl_output_flag = ev.irap && poc.NoRaslOutputFlag;
  cur.rasl_skipped = ev.rasl && front.irap_no_rasl_output_flag();
  // 8.1.3: PicOutputFlag is 0 for a RASL picture of an IRAP with NoRaslOutputFlag 1, else pic_output_flag.
  cur.pic_output_flag = sh.pic_output_flag && !cur.rasl_skipped;
  cur.MaxPicOrderCntLsb = sps.MaxPicOrderCntLsb;
  cur.max_dec_pic_buffering_minus1 = sps.sps_max_dec_pic_buffering_minus1[highest];
  cur.rps_size_reported = rps_size_error(ev.err);
  refs_.begin_picture(cur, front.picture_rps(), s.offset, sink);

  // 8.3.1: no two pictures of a coded video sequence share PicOrderCntVal; 7.4.3.2.1 / C.5.2:
  // sps_max_num_reorder_pics[ HighestTid ] bounds the pictures (PicOutputFlag 1) that precede a
  // picture in decoding order and follow it in output order.
  const bool new_cvs = cur.irap && cur.no_rasl_output_flag;
  if (cur.pic_output_flag)
    pocs_.on_picture(cur.poc, new_cvs, sps.sps_max_num_reorder_pics[highest], s.offset, sink);
  else if (new_cvs)
    pocs_.reset();
}

void Checks::check_parameter_sets(const Front& front, const Sps& sps, const Pps& pps, uint64_t offset, IssueSink& sink) {
  const Vps* vps = front.vps(sps.sps_video_parameter_set_id);
  if (vps && (vps != checked_vps_ || ps_changed_)) check_vps(*vps, offset, sink);
  if (&sps != checked_sps_ || ps_changed_) {
    check_sps(sps, vps, offset, sink);
    check_hevc_sps_limits(sps, vps, offset, sink);
  }
  if (&pps != checked_pps_ || ps_changed_) check_hevc_pps_limits(pps, sps, offset, sink);
  checked_vps_ = vps;
  checked_sps_ = &sps;
  checked_pps_ = &pps;
  ps_changed_ = false;
}

void Checks::check_vps(const Vps& v, uint64_t offset, IssueSink& sink) {
  // 7.4.3.1: vps_temporal_id_nesting_flag is 1 when vps_max_sub_layers_minus1 is 0.
  if (v.vps_max_sub_layers_minus1 == 0 && !v.vps_temporal_id_nesting_flag)
    sink.raise(IssueCode::PARAM_SET_INVALID, offset, "vps_temporal_id_nesting_flag", 0, 1, 1);
  // 7.4.3.1: for i > 0, vps_max_dec_pic_buffering_minus1[ i ] and vps_max_num_reorder_pics[ i ]
  // are at least their value for i - 1.
  for (unsigned i = 1; v.vps_sub_layer_ordering_info_present_flag && i <= v.vps_max_sub_layers_minus1; ++i) {
    if (v.vps_max_dec_pic_buffering_minus1[i] < v.vps_max_dec_pic_buffering_minus1[i - 1])
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "vps_max_dec_pic_buffering_minus1",
                 v.vps_max_dec_pic_buffering_minus1[i], v.vps_max_dec_pic_buffering_minus1[i - 1],
                 limits::kMaxDecPicBufferingMinus1);
    if (v.vps_max_num_reorder_pics[i] < v.vps_max_num_reorder_pics[i - 1])
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "vps_max_num_reorder_pics", v.vps_max_num_reorder_pics[i],
                 v.vps_max_num_reorder_pics[i - 1], v.vps_max_dec_pic_buffering_minus1[i]);
  }
  // 7.4.3.1: vps_num_units_in_tick and vps_time_scale are greater than 0.
  if (v.vps_timing_info_present_flag) {
    if (v.vps_num_units_in_tick == 0)
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "vps_num_units_in_tick", 0, 1, UINT32_MAX);
    if (v.vps_time_scale == 0)
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "vps_time_scale", 0, 1, UINT32_MAX);
  }
}

void Checks::check_sps(const Sps& s, const Vps* vps, uint64_t offset, IssueSink& sink) {
  // 7.4.3.2.1: sps_max_sub_layers_minus1 <= vps_max_sub_layers_minus1.
  if (vps && s.sps_max_sub_layers_minus1 > vps->vps_max_sub_layers_minus1)
    sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "sps_max_sub_layers_minus1", s.sps_max_sub_layers_minus1,
               0, vps->vps_max_sub_layers_minus1);
  // 7.4.3.2.1: sps_temporal_id_nesting_flag is 1 when vps_temporal_id_nesting_flag is 1, and when
  // sps_max_sub_layers_minus1 is 0.
  if (!s.sps_temporal_id_nesting_flag && (s.sps_max_sub_layers_minus1 == 0 || (vps && vps->vps_temporal_id_nesting_flag)))
    sink.raise(IssueCode::PARAM_SET_INVALID, offset, "sps_temporal_id_nesting_flag", 0, 1, 1);
  // 7.4.3.2.1: for i > 0, sps_max_dec_pic_buffering_minus1[ i ] and sps_max_num_reorder_pics[ i ]
  // are at least their value for i - 1.
  for (unsigned i = 1; s.sps_sub_layer_ordering_info_present_flag && i <= s.sps_max_sub_layers_minus1; ++i) {
    if (s.sps_max_dec_pic_buffering_minus1[i] < s.sps_max_dec_pic_buffering_minus1[i - 1])
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "sps_max_dec_pic_buffering_minus1",
                 s.sps_max_dec_pic_buffering_minus1[i], s.sps_max_dec_pic_buffering_minus1[i - 1],
                 limits::kMaxDecPicBufferingMinus1);
    if (s.sps_max_num_reorder_pics[i] < s.sps_max_num_reorder_pics[i - 1])
      sink.raise(IssueCode::PARAM_SET_VALUE_OUT_OF_RANGE, offset, "sps_max_num_reorder_pics", s.sps_max_num_reorder_pics[i],
                 s.sps_max_num_reorder_pics[i - 1], s.sps_max_dec_pic_buffering_minus1[i]);
  }
  if (!s.vui_parameters_present_flag) return;
  // E.3.1 VUI semantics.
  const VuiParameters& v = s.vui;
  if (v.vui_timing_info_present_flag) {
    if (v.vui_num_units_in_tick == 0) sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "vui_num_units_in_tick", 0, 1, UINT32_MAX);
    if (v.vui_time_scale == 0) sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "vui_time_scale", 0, 1, UINT32_MAX);
  }
  // Table E.1: aspect_ratio_idc 17..254 are reserved.
  if (v.aspect_ratio_info_present_flag && v.aspect_ratio_idc > 16 && v.aspect_ratio_idc != 255)
    sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "aspect_ratio_idc", v.aspect_ratio_idc, 0, 16);
  // 7.4.4: general_frame_only_constraint_flag 1 means field_seq_flag 0.
  if (v.field_seq_flag && s.profile_tier_level.general_frame_only_constraint_flag)
    sink.raise(IssueCode::VUI_VALUE_INVALID, offset, "field_seq_flag (general_frame_only_constraint_flag is 1)", 1, 0, 0);
}

}  // namespace mi::hevc
