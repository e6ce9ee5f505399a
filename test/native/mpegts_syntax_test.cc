// MPEG-TS syntax pieces with hand-built bytes: CRC_32 (Annex A), packet header and
// adaptation field (2.4.3.2-2.4.3.5), PES header timestamps (2.4.3.6-2.4.3.7), section
// assembly (2.4.4.1-2.4.4.2), PAT/PMT (2.4.4.3, 2.4.4.8), stream types and payload sniffing.
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "mpegts/crc32.h"
#include "mpegts/packet.h"
#include "mpegts/pes.h"
#include "mpegts/psi.h"
#include "mpegts/stream_types.h"
#include "ts_builder.h"

using namespace mi::ts;
using mitest::ts::Bytes;

TEST(mpegts_crc32_known_vectors) {
  // CRC-32/MPEG-2 check value: "123456789" -> 0x0376E6E7 (poly 0x04C11DB7, init all ones,
  // no reflection, no final XOR).
  const char* s = "123456789";
  CHECK_EQ(crc32_mpeg2(reinterpret_cast<const uint8_t*>(s), 9), 0x0376E6E7u);
  CHECK_EQ(crc32_mpeg2(nullptr, 0), 0xFFFFFFFFu);
  // FFmpeg's PAT (transport_stream_id 1, program 1 -> PMT PID 0x1000): CRC_32 2A B1 04 B2, and
  // the decoder model over the whole section including CRC_32 ends at 0 (Annex A).
  const uint8_t pat[] = {0x00, 0xB0, 0x0D, 0x00, 0x01, 0xC1, 0x00, 0x00, 0x00, 0x01, 0xF0, 0x00,
                         0x2A, 0xB1, 0x04, 0xB2};
  CHECK_EQ(crc32_mpeg2(pat, 12), 0x2AB104B2u);
  CHECK_EQ(crc32_mpeg2(pat, 16), 0u);
  CHECK(section_crc_ok(pat, 16));
  // Its PMT: PCR_PID 0x100, one H.264 stream on 0x100; CRC_32 15 BD 4D 56.
  const uint8_t pmt[] = {0x02, 0xB0, 0x12, 0x00, 0x01, 0xC1, 0x00, 0x00, 0xE1, 0x00, 0xF0, 0x00,
                         0x1B, 0xE1, 0x00, 0xF0, 0x00, 0x15, 0xBD, 0x4D, 0x56};
  CHECK(section_crc_ok(pmt, sizeof pmt));
  uint8_t bad[sizeof pmt];
  std::memcpy(bad, pmt, sizeof pmt);
  bad[12] ^= 0x01;  // one bit of stream_type
  CHECK(!section_crc_ok(bad, sizeof bad));
  // Continuing a running CRC equals one pass.
  CHECK_EQ(crc32_mpeg2(pat + 6, 6, crc32_mpeg2(pat, 6)), 0x2AB104B2u);
}

TEST(mpegts_packet_header_fields) {
  // 47 | TEI 1, PUSI 1, priority 0, PID 0x1ABC | scrambling 10, afc 11, cc 0x7.
  const uint8_t p[4] = {0x47, 0xDA, 0xBC, 0xB7};
  const PacketHeader h = transport_packet_header(p);
  CHECK(h.transport_error_indicator);
  CHECK(h.payload_unit_start_indicator);
  CHECK(!h.transport_priority);
  CHECK_EQ(h.pid, 0x1ABC);
  CHECK_EQ(h.transport_scrambling_control, 2);
  CHECK_EQ(h.adaptation_field_control, 3);
  CHECK_EQ(h.continuity_counter, 7);
  CHECK(h.has_adaptation_field() && h.has_payload());
}

TEST(mpegts_adaptation_field_lengths_and_pcr) {
  uint8_t p[188];
  std::memset(p, 0xFF, sizeof p);
  AdaptationField af;
  // 2.4.3.5: with payload the length is 0..182; 183 leaves no payload byte; 184 overruns.
  p[4] = 182;
  p[5] = 0x00;
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOk);
  p[4] = 183;
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kNoPayloadRoom);
  CHECK(adaptation_field(p, false, af) == AdaptationStatus::kOk);
  p[4] = 184;
  CHECK(adaptation_field(p, false, af) == AdaptationStatus::kTooLong);
  p[4] = 0;  // one stuffing byte, no flags
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOk);
  CHECK(!af.PCR_flag);
  // PCR: base 2^33 - 1 (all ones), extension 299: the largest value, 27 MHz.
  p[4] = 7;
  p[5] = 0x50;  // random_access_indicator, PCR_flag
  p[6] = p[7] = p[8] = p[9] = 0xFF;
  p[10] = 0x80 | 0x7E | 0x01;  // base bit 0, reserved '111111', extension bit 8
  p[11] = 0x2B;                // extension 0x12B = 299
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOk);
  CHECK(af.random_access_indicator && af.PCR_flag && !af.discontinuity_indicator);
  CHECK_EQ(af.program_clock_reference_base, (uint64_t{1} << 33) - 1);
  CHECK_EQ(af.program_clock_reference_extension, 299);
  CHECK_EQ(af.pcr(), ((uint64_t{1} << 33) - 1) * 300 + 299);
  // PCR_flag but a length too short for the 6 PCR bytes.
  p[4] = 3;
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOverrun);
  // transport_private_data_length running past the field.
  p[4] = 3;
  p[5] = 0x02;
  p[6] = 5;
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOverrun);
  p[6] = 1;
  CHECK(adaptation_field(p, true, af) == AdaptationStatus::kOk);
}

TEST(mpegts_pes_header_timestamps) {
  // PTS and DTS with every bit pattern the 3/15/15 split can break: 2^33 - 1, 2^32, 0x1_5555_5555.
  for (uint64_t pts : {uint64_t{0}, (uint64_t{1} << 33) - 1, uint64_t{1} << 32, uint64_t{0x155555555}}) {
    const uint64_t dts = pts ^ 0x0AAAAAAAAull;
    const Bytes b = mitest::ts::pes(0xE0, static_cast<int64_t>(pts), static_cast<int64_t>(dts), {0, 0, 1, 9}, false);
    PesHeader h;
    size_t need = 0;
    CHECK(pes_header(b.data(), b.size(), h, need) == PesStatus::kOk);
    CHECK(h.has_pts && h.has_dts);
    CHECK_EQ(h.PTS, pts);
    CHECK_EQ(h.DTS, dts & ((uint64_t{1} << 33) - 1));
    CHECK_EQ(h.header_size, 19u);
    CHECK_EQ(h.stream_id, 0xE0);
    CHECK_EQ(h.PES_packet_length, 0);
    CHECK(h.data_alignment_indicator);
  }
  // Hand-built: PTS only ('0010'), PTS = 90000 = 0x15F90.
  const uint8_t b[] = {0, 0, 1, 0xC0, 0x00, 0x0D, 0x80, 0x80, 0x05,
                       0x21, 0x00, 0x05, 0xBF, 0x21,  // 0010 000 1 | 0x0002 1 | 0x5F90 1
                       0xFF, 0xF1, 0x50, 0x80};
  PesHeader h;
  size_t need = 0;
  CHECK(pes_header(b, sizeof b, h, need) == PesStatus::kOk);
  CHECK_EQ(h.PTS, 90000u);
  CHECK(!h.has_dts);
  CHECK_EQ(h.PES_packet_length, 13);
  CHECK_EQ(h.header_size, 14u);
  // Too short: how much is needed.
  CHECK(pes_header(b, 8, h, need) == PesStatus::kNeedMore);
  CHECK_EQ(need, 9u);
  CHECK(pes_header(b, 12, h, need) == PesStatus::kNeedMore);
  CHECK_EQ(need, 14u);
  // Marker bit cleared; PTS_DTS_flags '01'; no start code; a header too short for its fields.
  uint8_t m[sizeof b];
  std::memcpy(m, b, sizeof b);
  m[13] &= 0xFE;
  CHECK(pes_header(m, sizeof m, h, need) == PesStatus::kBadMarker);
  std::memcpy(m, b, sizeof b);
  m[7] = 0x40;
  CHECK(pes_header(m, sizeof m, h, need) == PesStatus::kForbiddenFlags);
  std::memcpy(m, b, sizeof b);
  m[2] = 2;
  CHECK(pes_header(m, sizeof m, h, need) == PesStatus::kNoStartCode);
  std::memcpy(m, b, sizeof b);
  m[8] = 3;  // PES_header_data_length 3 < 5 PTS bytes
  CHECK(pes_header(m, sizeof m, h, need) == PesStatus::kHeaderOverrun);
  // padding_stream (0xBE): no optional header.
  const uint8_t pad[] = {0, 0, 1, 0xBE, 0, 2, 0xFF, 0xFF};
  CHECK(pes_header(pad, sizeof pad, h, need) == PesStatus::kOk);
  CHECK(!h.has_optional_header);
  CHECK_EQ(h.header_size, 6u);
}

namespace {

struct Collected {
  std::vector<Bytes> sections;
  std::vector<SectionEvent> events;
};

void feed(SectionAssembler& a, const Bytes& payload, bool pusi, Collected& c) {
  a.push(payload.data(), payload.size(), pusi, [&](SectionEvent ev, const uint8_t* s, size_t n) {
    c.events.push_back(ev);
    if (ev == SectionEvent::kSection) c.sections.emplace_back(s, s + n);
  });
}

}  // namespace

TEST(mpegts_section_assembly) {
  const Bytes pat = mitest::ts::pat_section(1, 0x1000);   // 16 bytes
  const Bytes pmt = mitest::ts::pmt_section(1, 0x100, {{0x1B, 0x100}, {0x0F, 0x101}});
  // Two sections in one payload after pointer_field 0, then stuffing.
  {
    SectionAssembler a;
    Collected c;
    Bytes p = mitest::ts::join({{0x00}, pat, pmt});
    p.resize(184, 0xFF);
    feed(a, p, true, c);
    CHECK_EQ(c.sections.size(), 2u);
    CHECK(c.sections[0] == pat);
    CHECK(c.sections[1] == pmt);
  }
  // A section spanning three payloads (the last one with PUSI and pointer_field = the tail).
  {
    SectionAssembler a;
    Collected c;
    Bytes big = mitest::ts::pmt_section(1, 0x100, {{0x1B, 0x100, Bytes(200, 0x00)}, {0x0F, 0x101, Bytes(200, 0x00)}});
    CHECK(big.size() > 184 * 2 - 1);
    Bytes first = mitest::ts::join({{0x00}, Bytes(big.begin(), big.begin() + 183)});
    feed(a, first, true, c);
    feed(a, Bytes(big.begin() + 183, big.begin() + 183 + 184), false, c);
    const size_t tail = big.size() - 183 - 184;
    // The tail, then a new section after it.
    Bytes last = mitest::ts::join({{static_cast<uint8_t>(tail)}, Bytes(big.begin() + 183 + 184, big.end()), pat});
    feed(a, last, true, c);
    CHECK_EQ(c.sections.size(), 2u);
    CHECK(c.sections[0] == big);
    CHECK(c.sections[1] == pat);
  }
  // pointer_field beyond the payload; a section_length above the 1021 limit.
  {
    SectionAssembler a;
    Collected c;
    feed(a, Bytes{200, 0, 0, 0}, true, c);
    CHECK(c.events.size() == 1 && c.events[0] == SectionEvent::kBadPointer);
    Bytes p = {0x00, 0x02, 0xB7, 0xFF};  // section_length 0x7FF
    p.resize(184, 0);
    feed(a, p, true, c);
    CHECK(c.events.size() == 2 && c.events[1] == SectionEvent::kTooLong);
  }
  // Continuation bytes without a section in progress are ignored; reset() drops a partial one.
  {
    SectionAssembler a;
    Collected c;
    feed(a, Bytes(184, 0x55), false, c);
    CHECK(c.events.empty());
    Bytes first = mitest::ts::join({{0x00}, Bytes(pmt.begin(), pmt.begin() + 5)});
    feed(a, first, true, c);
    a.reset();
    feed(a, Bytes(pmt.begin() + 5, pmt.end()), false, c);
    CHECK(c.events.empty());
  }
}

TEST(mpegts_pat_pmt_parse) {
  const Bytes pat = mitest::ts::section(0x00, 7, 3, {0x00, 0x00, 0xE0, 0x10,    // network_PID 0x10
                                                      0x00, 0x05, 0xE1, 0x23}); // program 5 -> 0x123
  Pat p;
  CHECK(program_association_section(pat.data(), pat.size(), p) == PsiStatus::kOk);
  CHECK_EQ(p.transport_stream_id, 7);
  CHECK_EQ(p.version_number, 3);
  CHECK(p.current_next_indicator);
  CHECK_EQ(p.count, 2u);
  CHECK_EQ(p.programs[0].program_number, 0);
  CHECK_EQ(p.programs[1].program_number, 5);
  CHECK_EQ(p.programs[1].pid, 0x123);
  // A program loop that is not a multiple of 4 bytes.
  const Bytes odd = mitest::ts::section(0x00, 7, 3, {0x00, 0x05, 0xE1});
  CHECK(program_association_section(odd.data(), odd.size(), p) == PsiStatus::kMalformed);
  CHECK(program_association_section(odd.data(), 11, p) == PsiStatus::kMalformed);

  // PMT: registration 'AC-3' on a 0x06 stream, DVB enhanced_AC-3_descriptor on another,
  // AAC ADTS, HEVC.
  const Bytes reg = {0x05, 0x04, 'A', 'C', '-', '3'};
  const Bytes eac3 = {0x7A, 0x01, 0x00};
  const Bytes pmt = mitest::ts::pmt_section(2, 0x200, {{0x24, 0x200}, {0x06, 0x201, reg}, {0x06, 0x202, eac3},
                                                       {0x0F, 0x203}, {0x02, 0x204}});
  Pmt m;
  CHECK(TS_program_map_section(pmt.data(), pmt.size(), m) == PsiStatus::kOk);
  CHECK_EQ(m.program_number, 2);
  CHECK_EQ(m.PCR_PID, 0x200);
  CHECK_EQ(m.count, 5u);
  CHECK(es_codec(m.streams[0]) == EsCodec::kHevc);
  CHECK(es_codec(m.streams[1]) == EsCodec::kAc3);
  CHECK(es_codec(m.streams[2]) == EsCodec::kEac3);
  CHECK(es_codec(m.streams[3]) == EsCodec::kAac);
  CHECK(es_codec(m.streams[4]) == EsCodec::kOtherVideo);
  CHECK_STR(es_codec_name(es_codec(m.streams[1])), "ac3");
  // An ES_info_length running past the section.
  Bytes broken = pmt;
  broken[12 + 4] = 0xF3;  // first stream's ES_info_length high bits: 0x300
  CHECK(TS_program_map_section(broken.data(), broken.size(), m) == PsiStatus::kMalformed);
  // A PAT where a PMT is expected.
  CHECK(TS_program_map_section(pat.data(), pat.size(), m) == PsiStatus::kWrongTable);
}

TEST(mpegts_sniff_payloads) {
  const Bytes h264_aud = {0, 0, 0, 1, 0x09, 0xF0};
  const Bytes hevc_aud = {0, 0, 0, 1, 0x46, 0x01, 0x50};
  const Bytes adts = {0xFF, 0xF1, 0x50, 0x80};
  const Bytes mp2 = {0xFF, 0xFD, 0x90, 0x00};
  const Bytes ac3 = {0x0B, 0x77, 0x00, 0x00, 0x10, 0x40};   // bsid 8
  const Bytes eac3 = {0x0B, 0x77, 0x00, 0x00, 0x10, 0x80};  // bsid 16
  const Bytes dts = {0x7F, 0xFE, 0x80, 0x01};
  const Bytes mpeg2_seq = {0, 0, 1, 0xB3, 0x14, 0x00};
  CHECK(sniff_es(h264_aud.data(), h264_aud.size()) == EsCodec::kH264);
  CHECK(sniff_es(hevc_aud.data(), hevc_aud.size()) == EsCodec::kHevc);
  CHECK(sniff_es(adts.data(), adts.size()) == EsCodec::kAac);
  CHECK(sniff_es(mp2.data(), mp2.size()) == EsCodec::kMpegAudio);
  CHECK(sniff_es(ac3.data(), ac3.size()) == EsCodec::kAc3);
  CHECK(sniff_es(eac3.data(), eac3.size()) == EsCodec::kEac3);
  CHECK(sniff_es(dts.data(), dts.size()) == EsCodec::kDts);
  CHECK(sniff_es(mpeg2_seq.data(), mpeg2_seq.size()) == EsCodec::kUnknown);
  CHECK(sniff_es(adts.data(), 1) == EsCodec::kUnknown);
}
