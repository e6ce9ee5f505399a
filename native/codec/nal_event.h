// What a codec front-end (h264/, hevc/) reports for one NAL unit to the
// codec-neutral access-unit assembler (annexb/au_assembler). Plain data, reused.
#pragma once
#include <cstdint>
#include "common/status.h"

namespace mi {

enum class Codec : uint8_t { kUnknown = 0, kH264 = 1, kHevc = 2 };
enum class PicType : uint8_t { kUnknown = 0, kI = 1, kP = 2, kB = 3 };

// Kinds of parse failure the front-end can report besides `err` (validation hooks).
struct NalEvent {
  // NAL unit header (H.264 7.3.1 / H.265 7.3.1.2).
  uint8_t nal_unit_type = 0;
  uint8_t ref_idc_or_layer = 0;  ///< H.264 nal_ref_idc; H.265 nuh_layer_id
  uint8_t temporal_id = 0;       ///< H.265 TemporalId (nuh_temporal_id_plus1 - 1); 0 for H.264
  bool forbidden_zero_bit = false;
  bool is_vcl = false;

  // Access-unit boundary classification.
  /// Non-VCL NAL that, after the last VCL NAL of a picture, starts a new access unit
  /// (H.264 7.4.1.2.3: AUD, SPS, PPS, SEI, 14..18; H.265 7.4.2.4.4: AUD, VPS, SPS, PPS,
  /// prefix SEI, 41..44, 48..55; only with nuh_layer_id == 0).
  bool starts_au_after_vcl = false;
  /// End of sequence / end of stream: ends the access unit it is in.
  bool end_of_sequence = false;
  bool end_of_stream = false;
  /// VCL: this slice is the first of a new primary coded picture (H.264 7.4.1.2.4,
  /// H.265 first_slice_segment_in_pic_flag with nuh_layer_id == 0).
  bool first_slice_of_picture = false;
  /// H.264: this picture is the second field of a complementary field pair whose
  /// first field is the previous picture (the pair is one frame).
  bool second_field_of_pair = false;

  // VCL attributes (valid when header_parsed).
  bool header_parsed = false;
  PicType slice_pic_type = PicType::kUnknown;
  bool idr = false;
  bool irap = false;
  bool cra = false;
  bool bla = false;
  bool rasl = false;
  bool radl = false;
  bool reference = false;
  bool field_pic = false;
  bool bottom_field = false;
  bool mbaff = false;
  int32_t poc = 0;
  uint32_t frame_num = 0;
  uint8_t sps_id = 0xFF;
  uint8_t pps_id = 0xFF;
  uint8_t vps_id = 0xFF;
  uint32_t first_mb_or_ctb = 0;  ///< first_mb_in_slice / slice_segment_address

  // SEI (H.264 D.2.8 / H.265 D.3.8 recovery point).
  bool recovery_point = false;
  int32_t recovery_frame_cnt = 0;
  bool exact_match = false;
  bool broken_link = false;

  // Parameter sets.
  bool param_set = false;
  bool param_set_changed = false;  ///< an id was re-sent with different content

  ParseError err;
  bool err_in_vui = false;  ///< the error was in the VUI / HRD of an SPS (informative for decoding)

  void reset() { *this = NalEvent(); }
};

// Stream summary from the active (last activated) SPS.
struct StreamSummary {
  Codec codec = Codec::kUnknown;
  bool valid = false;
  uint32_t profile_idc = 0;
  uint32_t level_idc = 0;
  const char* profile_name = "unknown";
  uint32_t width = 0;          ///< after the cropping / conformance window
  uint32_t height = 0;
  uint32_t coded_width = 0;
  uint32_t coded_height = 0;
  uint32_t chroma_format_idc = 1;
  uint32_t bit_depth_luma = 8;
  uint32_t bit_depth_chroma = 8;
  bool interlaced = false;
  uint32_t frame_rate_num = 0;  ///< 0 when VUI timing is absent
  uint32_t frame_rate_den = 0;
};

}  // namespace mi
