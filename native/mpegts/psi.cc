#include "mpegts/psi.h"
#include "mpegts/crc32.h"

namespace mi::ts {

SectionAssembler::SectionAssembler(size_t max_section) : max_(max_section) { buf_.reserve(max_section); }

bool section_crc_ok(const uint8_t* s, size_t n) { return n >= 4 && crc32_mpeg2(s, n) == 0; }

// 2.4.4.3 program_association_section() — ISO/IEC 13818-1 (2019) Table 2-30.
PsiStatus program_association_section(const uint8_t* s, size_t n, Pat& pat) {
  pat.count = 0;
  if (n < 12 || n > kMaxPsiSection) return PsiStatus::kMalformed;  // 8-byte header + CRC_32; 2.4.4.4 limit
  if (s[0] != 0x00) return PsiStatus::kWrongTable;
  if (!(s[1] & 0x80) || (s[1] & 0x40)) return PsiStatus::kMalformed;  // section_syntax_indicator 1, '0'
  pat.transport_stream_id = static_cast<uint16_t>((s[3] << 8) | s[4]);
  pat.version_number = static_cast<uint8_t>((s[5] >> 1) & 0x1F);
  pat.current_next_indicator = (s[5] & 1) != 0;
  pat.section_number = s[6];
  pat.last_section_number = s[7];
  const size_t loop = n - 12;
  if (loop % 4 != 0) return PsiStatus::kMalformed;
  for (size_t i = 8; i + 4 <= n - 4; i += 4) {
    pat.programs[pat.count++] = PatProgram{static_cast<uint16_t>((s[i] << 8) | s[i + 1]),
                                           static_cast<uint16_t>(((s[i + 2] & 0x1F) << 8) | s[i + 3])};
  }
  return PsiStatus::kOk;
}

namespace {

// Descriptor loop (2.6.1): the format hints this inspector uses. Returns false if a
// descriptor_length runs past the loop.
bool scan_descriptors(const uint8_t* d, size_t n, uint32_t& registration, uint8_t* audio) {
  size_t i = 0;
  while (i < n) {
    if (n - i < 2) return false;
    const uint8_t tag = d[i];
    const size_t len = d[i + 1];
    if (len > n - i - 2) return false;
    const uint8_t* v = d + i + 2;
    if (tag == 0x05 && len >= 4)  // registration_descriptor: format_identifier (2.6.8)
      registration = (static_cast<uint32_t>(v[0]) << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
    if (audio && (tag == 0x6A || tag == 0x7A || tag == 0x7B || tag == 0x7C)) *audio = tag;
    i += 2 + len;
  }
  return true;
}

}  // namespace

// 2.4.4.8 TS_program_map_section() — ISO/IEC 13818-1 (2019) Table 2-33.
PsiStatus TS_program_map_section(const uint8_t* s, size_t n, Pmt& pmt) {
  pmt.count = 0;
  pmt.registration = 0;
  if (n < 16 || n > kMaxPsiSection) return PsiStatus::kMalformed;  // 12-byte header + CRC_32; 2.4.4.9 limit
  if (s[0] != 0x02) return PsiStatus::kWrongTable;
  if (!(s[1] & 0x80) || (s[1] & 0x40)) return PsiStatus::kMalformed;
  pmt.program_number = static_cast<uint16_t>((s[3] << 8) | s[4]);
  pmt.version_number = static_cast<uint8_t>((s[5] >> 1) & 0x1F);
  pmt.current_next_indicator = (s[5] & 1) != 0;
  pmt.PCR_PID = static_cast<uint16_t>(((s[8] & 0x1F) << 8) | s[9]);
  const size_t program_info_length = ((s[10] & 0x0F) << 8) | s[11];
  const size_t end = n - 4;  // CRC_32
  size_t i = 12;
  if (program_info_length > end - i) return PsiStatus::kMalformed;
  if (!scan_descriptors(s + i, program_info_length, pmt.registration, nullptr)) return PsiStatus::kMalformed;
  i += program_info_length;
  while (i < end) {
    if (end - i < 5) return PsiStatus::kMalformed;
    PmtStream& e = pmt.streams[pmt.count];
    e.stream_type = s[i];
    e.elementary_PID = static_cast<uint16_t>(((s[i + 1] & 0x1F) << 8) | s[i + 2]);
    const size_t es_info_length = ((s[i + 3] & 0x0F) << 8) | s[i + 4];
    i += 5;
    if (es_info_length > end - i) return PsiStatus::kMalformed;
    e.registration = 0;
    e.audio_descriptor = 0;
    if (!scan_descriptors(s + i, es_info_length, e.registration, &e.audio_descriptor)) return PsiStatus::kMalformed;
    i += es_info_length;
    ++pmt.count;
  }
  return PsiStatus::kOk;
}

}  // namespace mi::ts
