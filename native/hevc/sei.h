// 7.3.2.4 sei_rbsp(), 7.3.5 sei_message() and the SEI payloads this front-end reads
// (Annex D) — ITU-T H.265 (V8, 08/2021)
#pragma once
#include <array>
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"

namespace mi::hevc {

struct Sps;

/// SEI payload types (Table D.1 / D.2 syntax) that are read here.
namespace sei_type {
constexpr uint32_t kBufferingPeriod = 0;
constexpr uint32_t kPicTiming = 1;
constexpr uint32_t kUserDataRegisteredItuTT35 = 4;
constexpr uint32_t kUserDataUnregistered = 5;
constexpr uint32_t kRecoveryPoint = 6;
constexpr uint32_t kActiveParameterSets = 129;
constexpr uint32_t kDecodedPictureHash = 132;
}  // namespace sei_type

/// Whether payloadType may appear in a prefix / suffix SEI NAL unit (7.3.5 sei_payload(),
/// Table D.1): decoded_picture_hash only in suffix SEI; filler payload, user data
/// (registered / unregistered), progressive_refinement_segment_end, post_filter_hint and
/// coded_region_completion in both; every other defined type only in prefix SEI. Reserved
/// types are allowed in both (decoders ignore them).
bool sei_payload_allowed(uint32_t payloadType, bool suffix);

// D.2.8 recovery_point()
struct RecoveryPoint {
  int32_t recovery_poc_cnt = 0;
  bool exact_match_flag = false;
  bool broken_link_flag = false;
};

// D.2.20 decoded_picture_hash()
struct DecodedPictureHash {
  uint8_t hash_type = 0;  ///< 0 MD5, 1 CRC, 2 checksum
  uint8_t num_components = 0;
  uint8_t picture_md5[3][16] = {};
  uint16_t picture_crc[3] = {};
  uint32_t picture_checksum[3] = {};
};

// D.2.21 active_parameter_sets() (layer_sps_idx[] not read)
struct ActiveParameterSets {
  uint8_t active_video_parameter_set_id = 0;
  bool self_contained_cvs_flag = false;
  bool no_parameter_set_update_flag = false;
  uint8_t num_sps_ids_minus1 = 0;
  uint8_t active_seq_parameter_set_id[16] = {};
};

/// What one SEI NAL unit carried (reset per SEI NAL unit; no allocation).
struct SeiMessages {
  uint32_t message_count = 0;
  bool has_recovery_point = false;
  RecoveryPoint recovery_point;
  bool has_decoded_picture_hash = false;
  DecodedPictureHash decoded_picture_hash;
  bool has_active_parameter_sets = false;
  ActiveParameterSets active_parameter_sets;
  /// payloadType of the first message in the wrong kind of SEI NAL unit (Table D.1), or -1.
  int32_t misplaced_payload_type = -1;
};

/// Messages seen per payloadType over the stream (fixed array; types >= 256 in `other`).
struct SeiCounters {
  std::array<uint32_t, 256> by_type{};
  uint32_t other = 0;
  uint32_t misplaced = 0;  ///< messages in the wrong kind of SEI NAL unit
  uint32_t prefix_nal_units = 0;
  uint32_t suffix_nal_units = 0;
};

/// Reads sei_rbsp(). `sps` (may be null) gives MaxPicOrderCntLsb for recovery_poc_cnt and the
/// number of colour components of decoded_picture_hash (inferred from payloadSize when null).
/// With `prefix_only` (the NAL unit continues past the bytes given) the messages that fit are
/// read and kTruncated is returned for the first that does not. A message in the wrong kind of
/// SEI NAL unit is reported through `soft_err` (kInvalid, "payloadType").
bool sei_rbsp(BitReader& r, ParseError& err, bool suffix, const Sps* sps, bool prefix_only, SeiMessages& out,
              SeiCounters& counters, ParseError& soft_err);

}  // namespace mi::hevc
