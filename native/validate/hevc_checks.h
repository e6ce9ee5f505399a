// HEVC checks that need the parsed syntax — ITU-T H.265 (V8, 08/2021); VALIDATION.md B1 items
// 7–9, B2 15–20, B3 21–23, B4 27–29, B5 34–36: NAL unit header (nuh_temporal_id_plus1,
// TemporalId rules, nuh_layer_id), NAL unit order inside an access unit, slice segment
// addresses and order, IRAP slice types, per-picture slice header invariants, the reference
// picture set against a model of the DPB, picture order count (duplicates, reorder depth),
// VPS/SPS/VUI semantics the front-end does not check, profile and level limits.
//
// Example (what the inspector does):
//   mi::hevc::Front front;  mi::hevc::Checks checks;
//   for (each NAL unit s) { front.on_nal(s.data, s.avail, s.prefix_only, ev); checks.on_nal(ev, s, front, sink); }
//   checks.on_flush(sink);
//
// Scope: the base layer. NAL units with nuh_layer_id > 0 are counted per layer and reported once
// per layer (LAYER_NOT_BASE); their own rules (Annex F) are not checked.
#pragma once
#include <array>
#include <cstdint>
#include "annexb/nal_span.h"
#include "codec/nal_event.h"
#include "hevc/front.h"
#include "validate/hevc_refs.h"
#include "validate/issue_sink.h"
#include "validate/poc_window.h"

namespace mi::hevc {

class Checks {
 public:
  /// After Front::on_nal for every NAL unit, in stream order.
  void on_nal(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink);
  /// The stream ended: reports layers > 0 that sent NAL units but no picture.
  void on_flush(IssueSink& sink);
  void reset();

  /// Front-end errors that on_nal reports under their own catalogue codes (TEMPORAL_ID_ZERO_PLUS1
  /// for nuh_temporal_id_plus1, LAYER_NOT_BASE for nuh_layer_id, SLICE_ADDRESS_OUT_OF_RANGE for
  /// slice_segment_address): the inspector skips its generic report of them.
  static bool reports_parse_error(const NalEvent& ev);

  /// Whether the VCL NAL unit of `ev` (already read by `front`) begins a new picture although its
  /// first_slice_segment_in_pic_flag is 0: its slice_pic_order_cnt_lsb or IDR-ness differs from
  /// the picture in progress, so the first slice segment(s) of a new picture were lost (7.4.7.1;
  /// the front-end derives a new PicOrderCntVal for it, 8.3.1). Call before on_nal; an assembler
  /// may start a new access unit there (7.4.2.4.4 cannot say so: the units that started it were
  /// lost with the first slice segment). on_nal reports MISSING_SLICES for it.
  bool lost_first_slice(const NalEvent& ev, const Front& front) const;

  /// NAL units seen with nuh_layer_id `layer` (0..63).
  uint32_t layer_nal_count(unsigned layer) const { return layer < 64 ? layer_nals_[layer] : 0; }

 private:
  void on_header(const NalEvent& ev, const NalSpan& s, IssueSink& sink);
  void on_temporal_id(const NalEvent& ev, const NalSpan& s, IssueSink& sink);
  void on_slice(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink);
  void begin_picture(const NalEvent& ev, const NalSpan& s, const Front& front, IssueSink& sink);
  void check_parameter_sets(const Front& front, const Sps& sps, const Pps& pps, uint64_t offset, IssueSink& sink);
  void check_vps(const Vps& vps, uint64_t offset, IssueSink& sink);
  void check_sps(const Sps& sps, const Vps* vps, uint64_t offset, IssueSink& sink);
  bool new_picture(const NalEvent& ev, const SliceSegmentHeader& sh) const;
  void begin_access_unit();

  // Layers other than the base layer.
  std::array<uint32_t, 64> layer_nals_{};
  std::array<uint64_t, 64> layer_first_offset_{};  ///< offset of each layer's first NAL unit
  uint64_t layers_reported_ = 0;  ///< bit per nuh_layer_id: LAYER_NOT_BASE once per layer and stream

  // The access unit in progress (7.4.2.4.4), as far as TemporalId and order need it.
  bool au_has_vcl_ = false;
  int au_tid_ = -1;                 ///< TemporalId of the access unit (of its first VCL NAL unit)
  bool after_eos_ = false;          ///< the next NAL unit begins an access unit
  // Units before the first VCL NAL unit, whose TemporalId rule needs the access unit's.
  int aud_tid_ = -1;
  uint64_t aud_offset_ = 0;
  int ge_tid_ = 8;                  ///< smallest TemporalId of a PPS / prefix SEI so far (8: none)
  uint8_t ge_type_ = 0;
  uint64_t ge_offset_ = 0;
  bool vps_sps_ = false;            ///< a VPS or SPS is in the access unit
  uint8_t vps_sps_type_ = 0;
  uint64_t vps_sps_offset_ = 0;

  // The picture in progress.
  bool started_ = false;            ///< an IRAP picture was seen: pictures before it are not modelled
  bool pic_open_ = false;
  bool first_slice_failed_ = false; ///< the picture's first slice segment header could not be read
  uint8_t pic_nal_unit_type_ = 0;
  uint16_t pic_poc_lsb_ = 0;
  uint8_t pic_pps_id_ = 0;
  bool pic_output_flag_ = true;
  bool pic_tmvp_ = false;
  bool pic_rps_sps_flag_ = false;
  uint8_t pic_rps_idx_ = 0;
  uint32_t pic_slices_ = 0;
  int64_t last_ts_ = -1;            ///< CtbAddrRsToTs of the last slice segment address (-1: unknown)
  uint32_t last_address_ = 0;

  RefPicSetTracker refs_;
  PocWindow pocs_;

  // Parameter sets whose semantics were checked (re-checked when one is re-sent changed).
  const Vps* checked_vps_ = nullptr;
  const Sps* checked_sps_ = nullptr;
  const Pps* checked_pps_ = nullptr;
  bool ps_changed_ = false;
};

}  // namespace mi::hevc
