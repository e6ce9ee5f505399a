#include "mpegts/pes.h"

namespace mi::ts {
namespace {

// 2.4.3.7: a PTS or DTS is '00xx' prefix 4, [32..30] 3, marker_bit, [29..15] 15, marker_bit,
// [14..0] 15, marker_bit — 5 bytes.
uint64_t read_timestamp(const uint8_t* q, uint8_t prefix, bool& marker_ok) {
  marker_ok = (q[0] >> 4) == prefix && (q[0] & 1) && (q[2] & 1) && (q[4] & 1);
  return (static_cast<uint64_t>((q[0] >> 1) & 7) << 30) | (static_cast<uint64_t>(q[1]) << 22) |
         (static_cast<uint64_t>(q[2] >> 1) << 15) | (static_cast<uint64_t>(q[3]) << 7) | (q[4] >> 1);
}

}  // namespace

bool pes_without_optional_header(uint8_t id) {
  return id == 0xBC || id == 0xBE || id == 0xBF || id == 0xF0 || id == 0xF1 || id == 0xFF || id == 0xF2 ||
         id == 0xF8;
}

// 2.4.3.6 PES_packet() up to PES_packet_data_byte.
PesStatus pes_header(const uint8_t* p, size_t n, PesHeader& h, size_t& need) {
  h = PesHeader();
  need = kPesFixedHeader;
  if (n < 3) return PesStatus::kNeedMore;
  if (p[0] != 0 || p[1] != 0 || p[2] != 1) return PesStatus::kNoStartCode;
  if (n < kPesFixedHeader) return PesStatus::kNeedMore;
  h.stream_id = p[3];
  h.PES_packet_length = static_cast<uint16_t>((p[4] << 8) | p[5]);
  if (pes_without_optional_header(h.stream_id)) {
    h.header_size = kPesFixedHeader;
    return PesStatus::kOk;
  }
  need = 9;
  if (n < 9) return PesStatus::kNeedMore;
  h.has_optional_header = true;
  const bool prefix_ok = (p[6] >> 6) == 2;  // '10'
  h.PES_scrambling_control = static_cast<uint8_t>((p[6] >> 4) & 3);
  h.data_alignment_indicator = (p[6] & 0x04) != 0;
  h.PTS_DTS_flags = static_cast<uint8_t>(p[7] >> 6);
  h.PES_header_data_length = p[8];
  h.header_size = 9u + h.PES_header_data_length;
  need = h.header_size;
  if (n < h.header_size) return PesStatus::kNeedMore;
  if (h.PTS_DTS_flags == 1) return PesStatus::kForbiddenFlags;
  const size_t ts_bytes = h.PTS_DTS_flags == 3 ? 10 : h.PTS_DTS_flags == 2 ? 5 : 0;
  if (ts_bytes > h.PES_header_data_length) return PesStatus::kHeaderOverrun;
  bool markers = prefix_ok;
  if (h.PTS_DTS_flags & 2) {
    bool ok = false;
    h.PTS = read_timestamp(p + 9, h.PTS_DTS_flags == 3 ? 3 : 2, ok);
    h.has_pts = true;
    markers = markers && ok;
  }
  if (h.PTS_DTS_flags == 3) {
    bool ok = false;
    h.DTS = read_timestamp(p + 14, 1, ok);
    h.has_dts = true;
    markers = markers && ok;
  }
  return markers ? PesStatus::kOk : PesStatus::kBadMarker;
}

}  // namespace mi::ts
