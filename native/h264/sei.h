// H.264 SEI — ITU-T H.264 (08/2021) 7.3.2.3, D.1.
#pragma once
#include <cstdint>
#include "bitstream/bit_reader.h"
#include "common/status.h"
#include "h264/sps.h"

namespace mi::h264 {

// Table D-1 payload types parsed here.
enum SeiPayload : uint32_t {
  kBufferingPeriod = 0,
  kPicTiming = 1,
  kUserDataRegistered = 4,
  kUserDataUnregistered = 5,
  kRecoveryPoint = 6,
};

// What one SEI NAL unit carried.
struct SeiSummary {
  uint32_t message_count = 0;
  bool has_buffering_period = false;
  bool buffering_period_first = true;   ///< D.1.2: a buffering period is the first message
  bool has_pic_timing = false;
  uint8_t pic_struct = 0;               ///< D.1.3, when pic_struct_present_flag
  bool has_recovery_point = false;
  uint32_t recovery_frame_cnt = 0;      ///< D.1.8
  uint8_t exact_match_flag = 0;
  uint8_t broken_link_flag = 0;
  uint8_t changing_slice_group_idc = 0;
};

// Per-stream counters of SEI payload types (index 255 counts types >= 255).
struct SeiCounters {
  uint64_t by_type[256] = {};
};

// 7.3.2.3 sei_rbsp(): every sei_message() (7.3.2.3.1); known payloads parsed, the
// others skipped by payloadSize and counted. `sps` is the active SPS (pic_timing
// needs it; without it pic_timing is only counted).
bool sei_rbsp(BitReader& r, ParseError& err, const Sps* sps, SeiSummary& out, SeiCounters& counters);

}  // namespace mi::h264
