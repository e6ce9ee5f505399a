// Transport stream packet layer — ISO/IEC 13818-1 (2019) 2.4.3.2–2.4.3.5.
// Field names are the spec's syntax element names.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi::ts {

constexpr uint8_t kSyncByte = 0x47;
constexpr size_t kPacketSize = 188;     ///< 2.4.3.2; 192 = 4-byte TP_extra_header + 188; 204 = 188 + 16 RS bytes
constexpr uint16_t kPatPid = 0x0000;    ///< Table 2-3
constexpr uint16_t kCatPid = 0x0001;
constexpr uint16_t kNullPid = 0x1FFF;
constexpr unsigned kPidCount = 8192;    ///< 13-bit PID

// 2.4.3.2 transport_packet() header (the first 4 bytes).
struct PacketHeader {
  bool transport_error_indicator;
  bool payload_unit_start_indicator;
  bool transport_priority;
  uint16_t pid;
  uint8_t transport_scrambling_control;
  uint8_t adaptation_field_control;  ///< '01' payload only, '10' adaptation only, '11' both, '00' reserved
  uint8_t continuity_counter;

  bool has_adaptation_field() const { return adaptation_field_control & 2; }
  bool has_payload() const { return adaptation_field_control & 1; }
};

/// Reads the header; p points at the sync byte and has at least 4 bytes.
inline PacketHeader transport_packet_header(const uint8_t* p) {
  PacketHeader h;
  h.transport_error_indicator = (p[1] & 0x80) != 0;
  h.payload_unit_start_indicator = (p[1] & 0x40) != 0;
  h.transport_priority = (p[1] & 0x20) != 0;
  h.pid = static_cast<uint16_t>(((p[1] & 0x1F) << 8) | p[2]);
  h.transport_scrambling_control = static_cast<uint8_t>(p[3] >> 6);
  h.adaptation_field_control = static_cast<uint8_t>((p[3] >> 4) & 3);
  h.continuity_counter = static_cast<uint8_t>(p[3] & 0x0F);
  return h;
}

// 2.4.3.4 adaptation_field(): the fields this inspector uses.
struct AdaptationField {
  uint8_t adaptation_field_length = 0;
  bool discontinuity_indicator = false;
  bool random_access_indicator = false;
  bool elementary_stream_priority_indicator = false;
  bool PCR_flag = false;
  uint64_t program_clock_reference_base = 0;       ///< 33 bits, 90 kHz
  uint16_t program_clock_reference_extension = 0;  ///< 9 bits, 0..299
  /// PCR(i) = base * 300 + extension, 27 MHz (2.4.2.2, equation 2-1).
  uint64_t pcr() const { return program_clock_reference_base * 300 + program_clock_reference_extension; }
};

enum class AdaptationStatus : uint8_t {
  kOk,
  kTooLong,   ///< adaptation_field_length beyond the packet: 0..182 with payload, 183 without (2.4.3.5)
  kOverrun,   ///< the flagged fields do not fit in adaptation_field_length
  kNoPayloadRoom,  ///< 183 with adaptation_field_control '11': fields read, the payload is empty
};

/// Parses the adaptation field of a 188-byte packet p (p[4] is adaptation_field_length).
/// Only bytes p[4 .. 4 + 1 + adaptation_field_length) are read, after checking the length.
AdaptationStatus adaptation_field(const uint8_t* p, bool has_payload, AdaptationField& af);

/// Offset of the payload in a 188-byte packet whose adaptation field was accepted.
inline size_t payload_offset(const PacketHeader& h, const AdaptationField& af) {
  return h.has_adaptation_field() ? 5u + af.adaptation_field_length : 4u;
}

}  // namespace mi::ts
