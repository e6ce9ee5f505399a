// Records of the MPEG-TS inspector, as 32-bit words (read from JavaScript through a
// Uint32Array like the inspector's records, native/inspect/records.h). The TypeScript
// mirror is src/inspect/mpegts/records.ts; a test checks both agree.
#pragma once
#include <cstdint>

namespace mi::ts {

// ETSI TR 101 290 (V1.4.1) 5.2.1 first priority and 5.2.2 second priority indicators.
enum class Indicator : uint8_t {
  TS_sync_loss = 0,                   ///< 1.1
  Sync_byte_error,                    ///< 1.2
  PAT_error,                          ///< 1.3 / 1.3.a
  Continuity_count_error,             ///< 1.4
  PMT_error,                          ///< 1.5 / 1.5.a
  PID_error,                          ///< 1.6
  Transport_error,                    ///< 2.1
  CRC_error,                          ///< 2.2
  PCR_repetition_error,               ///< 2.3a
  PCR_discontinuity_indicator_error,  ///< 2.3b
  PTS_error,                          ///< 2.5
  CAT_error,                          ///< 2.6
  kCount,
  kNone = 0xFF,
};

const char* indicator_name(Indicator i);

// Transport issue: the inspector's issue record (mi::rec::IssueField, 12 words) followed by
// where it was found in the transport stream.
enum TsIssueField : unsigned {
  // words 0..11: mi::rec::kIssueCode .. kIssueMaxHi; kIssueElement is 0, kIssueNal kNone,
  // kIssueFrame the video frame index when the finding is about one (else kNone).
  kTsIssuePacketLo = 12,  ///< index of the packet being read when it was found (packets read in sync,
                          ///< from 0); for packet-level findings, the packet at the offset
  kTsIssuePacketHi,
  kTsIssuePid,            ///< PID, or mi::rec::kNone
  kTsIssueIndicator,      ///< Indicator, or 0xFF when the finding is no TR 101 290 indicator
  kTsIssueStride
};

// One PES packet with a timestamp on an audio or video PID (the A/V timing series).
enum PesField : unsigned {
  kPesPid = 0,      ///< PID | stream_type << 16
  kPesFlags,        ///< PesFlag bits | EsCodec << 24
  kPesPtsLo,        ///< int64 90 kHz, unwrapped across the 33-bit wrap; -1 when absent
  kPesPtsHi,
  kPesDtsLo,
  kPesDtsHi,
  kPesOffsetLo,     ///< offset of the TS packet that starts the PES packet
  kPesOffsetHi,
  kPesStride
};

enum PesFlag : uint32_t {
  kPesVideo = 1u << 0,
  kPesAudio = 1u << 1,
  kPesRandomAccess = 1u << 2,  ///< random_access_indicator in the packet that starts it
  kPesDiscontinuity = 1u << 3, ///< discontinuity_indicator on the PID since the previous PES
  kPesInspected = 1u << 4,     ///< the video PID fed to the bitstream inspector
};

}  // namespace mi::ts
