#include "mpegts/packet.h"

namespace mi::ts {

// 2.4.3.4 adaptation_field() — ISO/IEC 13818-1 (2019).
AdaptationStatus adaptation_field(const uint8_t* p, bool has_payload, AdaptationField& af) {
  af = AdaptationField();
  const unsigned len = p[4];
  af.adaptation_field_length = static_cast<uint8_t>(len);
  // 2.4.3.5: 0..182 when the packet also carries payload, exactly 183 when it does not
  // (a shorter field without payload is read as stuffing-free and accepted).
  if (len > 183u) return AdaptationStatus::kTooLong;
  const AdaptationStatus ok = has_payload && len == 183u ? AdaptationStatus::kNoPayloadRoom : AdaptationStatus::kOk;
  if (len == 0) return ok;  // a single stuffing byte
  const uint8_t flags = p[5];
  af.discontinuity_indicator = (flags & 0x80) != 0;
  af.random_access_indicator = (flags & 0x40) != 0;
  af.elementary_stream_priority_indicator = (flags & 0x20) != 0;
  af.PCR_flag = (flags & 0x10) != 0;
  if (af.PCR_flag) {
    // program_clock_reference_base 33, reserved 6, program_clock_reference_extension 9.
    if (len < 1 + 6) {
      af.PCR_flag = false;
      return AdaptationStatus::kOverrun;
    }
    const uint8_t* q = p + 6;
    af.program_clock_reference_base = (static_cast<uint64_t>(q[0]) << 25) | (static_cast<uint64_t>(q[1]) << 17) |
                                      (static_cast<uint64_t>(q[2]) << 9) | (static_cast<uint64_t>(q[3]) << 1) |
                                      (q[4] >> 7);
    af.program_clock_reference_extension = static_cast<uint16_t>(((q[4] & 1) << 8) | q[5]);
  }
  // The remaining optional fields must fit too: OPCR (6), splice_countdown (1),
  // transport_private_data (1 + length), adaptation_field_extension (1 + length).
  unsigned used = 1 + (af.PCR_flag ? 6u : 0u) + ((flags & 0x08) ? 6u : 0u) + ((flags & 0x04) ? 1u : 0u);
  if (used > len) return AdaptationStatus::kOverrun;
  if (flags & 0x02) {
    if (used + 1 > len) return AdaptationStatus::kOverrun;
    used += 1u + p[5 + used];
    if (used > len) return AdaptationStatus::kOverrun;
  }
  if (flags & 0x01) {
    if (used + 1 > len) return AdaptationStatus::kOverrun;
    used += 1u + p[5 + used];
    if (used > len) return AdaptationStatus::kOverrun;
  }
  return ok;
}

}  // namespace mi::ts
