#include "mpegts/stream_types.h"

namespace mi::ts {
namespace {

constexpr uint32_t fourcc(char a, char b, char c, char d) {
  return static_cast<uint32_t>(static_cast<uint8_t>(a)) << 24 | static_cast<uint32_t>(static_cast<uint8_t>(b)) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(c)) << 8 | static_cast<uint32_t>(static_cast<uint8_t>(d));
}

// NAL unit headers that only one codec can have (H.264 7.3.1, H.265 7.3.1.2), as the
// inspector decides codecs: H.264 SPS / IDR / subset SPS with nal_ref_idc != 0 or AUD with
// nal_ref_idc == 0; HEVC VPS..AUD with nuh_layer_id 0 and nuh_temporal_id_plus1 1.
EsCodec sniff_nal(const uint8_t* h, size_t n) {
  if (n < 2 || (h[0] & 0x80)) return EsCodec::kUnknown;
  const unsigned t264 = h[0] & 0x1F, ref = (h[0] >> 5) & 3;
  const unsigned t265 = (h[0] >> 1) & 0x3F, layer = ((h[0] & 1) << 5) | (h[1] >> 3), tid1 = h[1] & 7;
  const bool hevc = layer == 0 && tid1 == 1 && t265 >= 32 && t265 <= 35;
  const bool avc = ((t264 == 7 || t264 == 5 || t264 == 15) && ref != 0) || (t264 == 9 && ref == 0);
  if (hevc && !avc) return EsCodec::kHevc;
  if (avc && !hevc) return EsCodec::kH264;
  return EsCodec::kUnknown;
}

}  // namespace

EsCodec es_codec(const PmtStream& s) {
  switch (s.stream_type) {
    case 0x1B: return EsCodec::kH264;
    case 0x24: return EsCodec::kHevc;
    case 0x01: case 0x02: case 0x10: case 0x1F: case 0x20: case 0x21: case 0x25: case 0x33:
      return EsCodec::kOtherVideo;
    case 0x03: case 0x04: return EsCodec::kMpegAudio;
    case 0x0F: return EsCodec::kAac;
    case 0x11: return EsCodec::kAacLatm;
    case 0x1C: return EsCodec::kOtherAudio;
    case 0x81: return EsCodec::kAc3;
    case 0x87: return EsCodec::kEac3;
    case 0x82: return EsCodec::kDts;
    case 0x06: break;
    default: return EsCodec::kUnknown;
  }
  // PES private data: the format comes from descriptors.
  switch (s.audio_descriptor) {
    case 0x6A: return EsCodec::kAc3;
    case 0x7A: return EsCodec::kEac3;
    case 0x7B: return EsCodec::kDts;
    case 0x7C: return EsCodec::kAac;
    default: break;
  }
  const uint32_t r = s.registration;
  if (r == fourcc('A', 'C', '-', '3')) return EsCodec::kAc3;
  if (r == fourcc('E', 'A', 'C', '3')) return EsCodec::kEac3;
  if (r == fourcc('D', 'T', 'S', '1') || r == fourcc('D', 'T', 'S', '2') || r == fourcc('D', 'T', 'S', '3'))
    return EsCodec::kDts;
  if (r == fourcc('O', 'p', 'u', 's')) return EsCodec::kOtherAudio;
  return EsCodec::kUnknown;
}

const char* es_codec_name(EsCodec c) {
  static const char* const names[] = {"", "h264", "hevc", "video", "aac", "aac_latm", "mpeg_audio",
                                      "ac3", "eac3", "dts", "audio"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<size_t>(EsCodec::kCount), "names");
  return names[static_cast<unsigned>(c)];
}

EsCodec sniff_es(const uint8_t* p, size_t n) {
  if (n >= 4 && p[0] == 0 && p[1] == 0) {
    // Annex B: 00 00 01 or 00 00 00 01 then a NAL unit header.
    if (p[2] == 1) return sniff_nal(p + 3, n - 3);
    if (n >= 5 && p[2] == 0 && p[3] == 1) return sniff_nal(p + 4, n - 4);
    return EsCodec::kUnknown;
  }
  if (n >= 2 && p[0] == 0xFF) {
    if ((p[1] & 0xF6) == 0xF0) return EsCodec::kAac;  // ADTS syncword 0xFFF, layer '00' (13818-7 6.2)
    if ((p[1] & 0xE0) == 0xE0 && (p[1] & 0x06) != 0) return EsCodec::kMpegAudio;  // 11172-3 2.4.1.3, layer != '00'
  }
  if (n >= 6 && p[0] == 0x0B && p[1] == 0x77) {
    const unsigned bsid = p[5] >> 3;  // A/52 5.4.2.1 / E.1.2: bsid <= 10 AC-3, 11..16 E-AC-3
    return bsid <= 10 ? EsCodec::kAc3 : bsid <= 16 ? EsCodec::kEac3 : EsCodec::kUnknown;
  }
  if (n >= 4 && p[0] == 0x7F && p[1] == 0xFE && p[2] == 0x80 && p[3] == 0x01) return EsCodec::kDts;
  if (n >= 2 && p[0] == 0x56 && (p[1] & 0xE0) == 0xE0) return EsCodec::kAacLatm;  // LOAS syncword 0x2B7
  return EsCodec::kUnknown;
}

}  // namespace mi::ts
