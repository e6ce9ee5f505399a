// Elementary stream classification from the PMT: stream_type (ISO/IEC 13818-1 (2019)
// Table 2-34; ATSC A/52 Annex A for 0x81/0x87) and, for private PES (0x06), the
// registration_descriptor (2.6.8) or the DVB audio descriptors (ETSI EN 300 468 Annex D).
#pragma once
#include <cstdint>
#include "mpegts/psi.h"

namespace mi::ts {

enum class EsCodec : uint8_t {
  kUnknown = 0,
  kH264,        ///< 0x1B
  kHevc,        ///< 0x24
  kOtherVideo,  ///< 0x01, 0x02, 0x10, 0x1F, 0x20, 0x25, ...: carried, not inspected
  kAac,         ///< 0x0F ADTS (ISO/IEC 13818-7)
  kAacLatm,     ///< 0x11 LATM/LOAS (ISO/IEC 14496-3)
  kMpegAudio,   ///< 0x03 / 0x04 (ISO/IEC 11172-3, 13818-3)
  kAc3,         ///< 0x81, or 0x06 with 'AC-3' / AC-3_descriptor
  kEac3,        ///< 0x87, or 0x06 with 'EAC3' / enhanced_AC-3_descriptor
  kDts,         ///< 0x82, or 0x06 with 'DTS1'..'DTS3' / DTS_descriptor
  kOtherAudio,  ///< e.g. 0x1C MPEG-4 audio without transport syntax
  kCount
};

constexpr bool is_video(EsCodec c) { return c == EsCodec::kH264 || c == EsCodec::kHevc || c == EsCodec::kOtherVideo; }
constexpr bool is_audio(EsCodec c) { return c >= EsCodec::kAac && c <= EsCodec::kOtherAudio; }

/// The codec of one PMT entry.
EsCodec es_codec(const PmtStream& s);
/// Short codec name ("h264", "aac", "ac3", ...), "" for kUnknown.
const char* es_codec_name(EsCodec c);

/// The codec the first bytes of a PES payload look like, kUnknown when they are no known
/// sync pattern. Used to catch a stream_type that lies (VALIDATION.md B7 item 50).
EsCodec sniff_es(const uint8_t* p, size_t n);

}  // namespace mi::ts
