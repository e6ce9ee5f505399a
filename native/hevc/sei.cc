#include "hevc/sei.h"
#include "hevc/read.h"
#include "hevc/sps.h"

namespace mi::hevc {

bool sei_payload_allowed(uint32_t t, bool suffix) {
  // 3 filler_payload, 4 user_data_registered_itu_t_t35, 5 user_data_unregistered,
  // 17 progressive_refinement_segment_end, 22 post_filter_hint, 146 coded_region_completion.
  const bool both = t == 3 || t == 4 || t == 5 || t == 17 || t == 22 || t == 146;
  if (both) return true;
  if (t == sei_type::kDecodedPictureHash) return suffix;
  // Types defined for prefix SEI in this edition (7.3.5): 0..2, 6, 9, 15, 16, 19, 23, 45, 47, 56,
  // 128..131, 133..145, 147..160, 200..202, 205 (3D / multi-layer ones included).
  const bool prefix_defined = t <= 2 || t == 6 || t == 9 || t == 15 || t == 16 || t == 19 || t == 23 || t == 45 ||
                              t == 47 || t == 56 || (t >= 128 && t <= 131) || (t >= 133 && t <= 145) ||
                              (t >= 147 && t <= 160) || (t >= 200 && t <= 202) || t == 205;
  if (prefix_defined) return !suffix;
  return true;  // reserved: ignored by decoders wherever it appears
}

namespace {

// D.2.8 recovery_point() — ITU-T H.265 (V8, 08/2021)
bool recovery_point(BitReader& r, ParseError& err, const Sps* sps, RecoveryPoint& p) {
  // D.3.8: recovery_poc_cnt in [-MaxPicOrderCntLsb / 2, MaxPicOrderCntLsb / 2 - 1].
  const int64_t half = sps ? sps->MaxPicOrderCntLsb / 2 : (int64_t{1} << 15);
  HSE(p, recovery_poc_cnt, -half, half - 1);
  HFLAG(p, exact_match_flag);
  HFLAG(p, broken_link_flag);
  return true;
}

// D.2.20 decoded_picture_hash() — ITU-T H.265 (V8, 08/2021)
bool decoded_picture_hash(BitReader& r, ParseError& err, const Sps* sps, uint32_t payloadSize,
                          DecodedPictureHash& h) {
  HUR(h, hash_type, 8, 0, 2);  // D.3.19: values 3..255 reserved
  unsigned n;
  if (sps) {
    n = sps->chroma_format_idc == 0 ? 1 : 3;
  } else {  // component count from the payload size: 1 + n * {16, 2, 4} bytes
    const unsigned per = h.hash_type == 0 ? 16 : h.hash_type == 1 ? 2 : 4;
    n = payloadSize >= 1 + 3 * per ? 3 : 1;
  }
  h.num_components = static_cast<uint8_t>(n);
  for (unsigned cIdx = 0; cIdx < n; ++cIdx) {
    if (h.hash_type == 0) {
      for (unsigned i = 0; i < 16; ++i) HU(h, picture_md5[cIdx][i], 8);
    } else if (h.hash_type == 1) {
      HU(h, picture_crc[cIdx], 16);
    } else {
      HU(h, picture_checksum[cIdx], 32);
    }
  }
  return true;
}

// D.2.21 active_parameter_sets() — ITU-T H.265 (V8, 08/2021), up to active_seq_parameter_set_id[].
bool active_parameter_sets(BitReader& r, ParseError& err, ActiveParameterSets& a) {
  HU(a, active_video_parameter_set_id, 4);
  HFLAG(a, self_contained_cvs_flag);
  HFLAG(a, no_parameter_set_update_flag);
  HUE(a, num_sps_ids_minus1, 0, 15);  // D.3.21
  for (unsigned i = 0; i <= a.num_sps_ids_minus1; ++i) HUE(a, active_seq_parameter_set_id[i], 0, 15);
  return true;
}

}  // namespace

// 7.3.2.4 sei_rbsp() / 7.3.5 sei_message() — ITU-T H.265 (V8, 08/2021)
bool sei_rbsp(BitReader& r, ParseError& err, bool suffix, const Sps* sps, bool prefix_only, SeiMessages& out,
              SeiCounters& counters, ParseError& soft_err) {
  out = SeiMessages();
  if (suffix) ++counters.suffix_nal_units; else ++counters.prefix_nal_units;
  // The RBSP data (before rbsp_trailing_bits) ends at the stop bit; with a NAL prefix only,
  // the messages may extend to the end of the bytes given.
  const int64_t stop = r.stop_bit_position();
  do {
    uint32_t payloadType = 0, payloadSize = 0;
    uint32_t payload_type_byte, payload_size_byte;
    do {
      MI_U(payload_type_byte, 8);
      payloadType += payload_type_byte;
    } while (payload_type_byte == 0xFF && payloadType < (1u << 24));
    do {
      MI_U(payload_size_byte, 8);
      payloadSize += payload_size_byte;
    } while (payload_size_byte == 0xFF && payloadSize < (1u << 28));
    if (payload_type_byte == 0xFF || payload_size_byte == 0xFF) {  // absurd ff run
      err.set(ParseStatus::kOutOfRange, payload_type_byte == 0xFF ? "payloadType" : "payloadSize",
              payload_type_byte == 0xFF ? payloadType : payloadSize, 0, (1u << 24) - 1);
      return false;
    }
    const uint64_t start = r.bits_read();
    const uint64_t end = start + uint64_t{payloadSize} * 8;
    // 7.4.6: the payload lies inside the RBSP data.
    if (stop < 0 || static_cast<int64_t>(end) > stop) {
      err.set(prefix_only ? ParseStatus::kTruncated : ParseStatus::kOutOfRange, "payloadSize", payloadSize, 0,
              stop > static_cast<int64_t>(start) ? (stop - static_cast<int64_t>(start)) / 8 : 0);
      return false;
    }
    ++out.message_count;
    if (payloadType < counters.by_type.size()) ++counters.by_type[payloadType]; else ++counters.other;
    if (!sei_payload_allowed(payloadType, suffix)) {
      ++counters.misplaced;
      if (out.misplaced_payload_type < 0) out.misplaced_payload_type = static_cast<int32_t>(payloadType);
      soft_err.set(ParseStatus::kInvalid, "payloadType", payloadType, 0, 0);
    } else if (payloadType == sei_type::kRecoveryPoint && !suffix) {
      if (!recovery_point(r, err, sps, out.recovery_point)) return false;
      out.has_recovery_point = true;
    } else if (payloadType == sei_type::kDecodedPictureHash && suffix) {
      if (!decoded_picture_hash(r, err, sps, payloadSize, out.decoded_picture_hash)) return false;
      out.has_decoded_picture_hash = true;
    } else if (payloadType == sei_type::kActiveParameterSets && !suffix) {
      if (!active_parameter_sets(r, err, out.active_parameter_sets)) return false;
      out.has_active_parameter_sets = true;
    }
    if (r.bits_read() > end) {  // the payload's syntax ran past payloadSize
      err.set(ParseStatus::kInvalid, "payloadSize", payloadSize, 0, 0);
      return false;
    }
    // Rest of the payload (other types, reserved_payload_extension_data, payload bits).
    r.skip(end - r.bits_read());
  } while (r.more_rbsp_data());
  if (!r.at_rbsp_trailing_bits()) {
    err.set(prefix_only ? ParseStatus::kTruncated : ParseStatus::kInvalid, "rbsp_trailing_bits");
    return false;
  }
  return true;
}

}  // namespace mi::hevc
