// TsInspector end to end on streams muxed here (test/native/ts_builder.h) from the H.264 and
// HEVC fixtures (AUD per access unit, 50 frames, IDR/IRAP at 0 and 25), with exact edits at
// packet boundaries: continuity (ISO/IEC 13818-1 2.4.3.3), TEI, sync (TR 101 290 1.1/1.2),
// packet sizes 192/204, CRC_32, PCR and PTS 33-bit wraps, random_access_indicator, chunking.
#include <string>
#include <vector>

#include "check.h"
#include "inspect/records.h"
#include "mpegts/ts_inspector.h"
#include "ts_builder.h"

using namespace mitest::ts;
using mi::IssueCode;
using mi::ts::kTsIssuePacketLo;
using mi::ts::kTsIssuePid;
namespace rec = mi::rec;

namespace {

struct Fixture {
  std::vector<Bytes> aus;
  std::vector<bool> keys;  // IDR access units: 0 and 25
};

const Fixture& h264() {
  static const Fixture f = [] {
    Fixture x;
    x.aus = split_access_units(mitest::read_file(mitest::repo_path("test/fixtures/h264_gop25.264")), false);
    for (const Bytes& au : x.aus) x.keys.push_back(is_random_access(au, false));
    return x;
  }();
  return f;
}

std::vector<Bytes> clean(std::vector<size_t>* first = nullptr, const MuxOpts& o = {}) {
  return mux(h264().aus, h264().keys, o, first);
}

bool same(const Result& a, const Result& b) {
  return a.frames == b.frames && a.video_issues == b.video_issues && a.issues == b.issues && a.pes == b.pes;
}

}  // namespace

TEST(mpegts_clean_stream) {
  CHECK_EQ(h264().aus.size(), 50u);
  CHECK(h264().keys[0] && h264().keys[25]);
  const Result r = inspect(concat(clean()));
  CHECK_EQ(r.frame_count(), 50u);
  CHECK_EQ(r.keyframes(), 2u);
  CHECK_STR(r.names(), "");
  CHECK(r.video_issues.empty());
  // PES semantics: each frame carries the PTS of the PES packet it starts in.
  CHECK_EQ(r.frame_pts(0), 126000);
  CHECK_EQ(r.frame_pts(7), 126000 + 7 * 3600);
  CHECK_EQ(r.frame_pts(49), 126000 + 49 * 3600);
  // One PES timing record per access unit, flagged video / inspected, RAI on the IDRs.
  CHECK_EQ(r.pes.size() / mi::ts::kPesStride, 50u);
  CHECK_EQ(r.pes[mi::ts::kPesPid] & 0xFFFF, 0x100u);
  CHECK_EQ(r.pes[mi::ts::kPesPid] >> 16, 0x1Bu);
  const uint32_t f0 = r.pes[mi::ts::kPesFlags];
  CHECK((f0 & mi::ts::kPesVideo) && (f0 & mi::ts::kPesInspected) && (f0 & mi::ts::kPesRandomAccess));
  CHECK(!(r.pes[mi::ts::kPesStride + mi::ts::kPesFlags] & mi::ts::kPesRandomAccess));
}

TEST(mpegts_chunk_boundaries_invisible) {
  const Bytes ts = concat(clean());
  const Result whole = inspect(ts);
  for (size_t chunk : {1u, 7u, 187u, 188u, 189u, 1000u, 4096u}) CHECK(same(inspect(ts, chunk), whole));
}

TEST(mpegts_continuity_loss_marks_the_frame) {
  std::vector<size_t> first;
  std::vector<Bytes> pk = clean(&first);
  // Access unit 30 (a P picture) spans packets first[30] .. first[31]-1; drop 3 in its middle.
  const size_t a = first[30], b = first[31];
  CHECK(b - a >= 6);
  const size_t drop = a + 2;
  pk.erase(pk.begin() + static_cast<std::ptrdiff_t>(drop), pk.begin() + static_cast<std::ptrdiff_t>(drop + 3));
  const Result r = inspect(concat(pk));
  CHECK_STR(r.names(), "CONTINUITY_COUNT_ERROR");
  const auto cc = r.find(IssueCode::CONTINUITY_COUNT_ERROR);
  CHECK_EQ(cc.size(), 1u);
  // Reported on the first packet after the gap: index `drop` of the edited stream.
  CHECK_EQ(r.ts64(cc[0], kTsIssuePacketLo), static_cast<int64_t>(drop));
  CHECK_EQ(r.ts64(cc[0], rec::kIssueOffsetLo), static_cast<int64_t>(drop * 188));
  CHECK_EQ(r.ts(cc[0], kTsIssuePid), 0x100u);
  CHECK_EQ(r.ts64(cc[0], rec::kIssueMaxLo), 3);  // packets lost
  CHECK_EQ((r.ts64(cc[0], rec::kIssueFoundLo) - r.ts64(cc[0], rec::kIssueMinLo)) & 15, 3);
  // The frame it hit: frame 30, with the TS offset, PID and packet index in the issue.
  const auto dmg = r.find_video(IssueCode::VIDEO_DAMAGED_BY_PACKET_LOSS);
  CHECK_EQ(dmg.size(), 1u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueFrame), 30u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueOffsetLo), static_cast<uint32_t>(drop * 188));
  CHECK_EQ(r.v(dmg[0], rec::kIssueFoundLo), 3u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueMinLo), 0x100u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueMaxLo), static_cast<uint32_t>(drop));
  CHECK_EQ(r.frame_count(), 50u);
}

TEST(mpegts_continuity_duplicates_and_discontinuity_indicator) {
  std::vector<size_t> first;
  std::vector<Bytes> pk = clean(&first);
  const Result base = inspect(concat(pk));
  // One duplicate (2.4.3.3: "two, and only two, consecutive packets"): no error, used once.
  std::vector<Bytes> dup = pk;
  const size_t at = first[12] + 1;
  dup.insert(dup.begin() + static_cast<std::ptrdiff_t>(at), pk[at]);
  const Result r1 = inspect(concat(dup));
  CHECK_STR(r1.names(), "");
  CHECK(r1.frames.size() == base.frames.size());
  CHECK(r1.video_issues == base.video_issues);
  // A third copy: Continuity_count_error ("a packet occurs more than twice").
  dup.insert(dup.begin() + static_cast<std::ptrdiff_t>(at), pk[at]);
  const Result r2 = inspect(concat(dup));
  CHECK_STR(r2.names(), "CONTINUITY_COUNT_REPEAT");
  CHECK_EQ(r2.ts64(0, kTsIssuePacketLo), static_cast<int64_t>(at + 2));

  // Hand-built PID 0x200 (not in any PMT: continuity is checked on every PID).
  size_t none = 0;
  const Bytes pay(184, 0xAB);
  auto pkt = [&](uint8_t cc, bool di = false, bool af_only = false) {
    size_t z = 0;
    PacketOpts o;
    o.discontinuity = di;
    o.adaptation_only = af_only;
    Bytes payload = af_only ? Bytes() : pay;
    (void)none;
    if (di) payload.resize(180, 0xAB);
    return packet(0x200, cc, payload, af_only ? nullptr : &z, o);
  };
  // 0 1 2 | 5 with discontinuity_indicator (allowed jump) | adaptation-only keeps 5 | 6 | 9 (error).
  const Bytes s = concat({pkt(0), pkt(1), pkt(2), pkt(5, true), pkt(5, false, true), pkt(6), pkt(9)});
  const Result r3 = inspect(s);
  CHECK_STR(r3.names(), "CONTINUITY_COUNT_ERROR,PAT_ERROR,TS_NO_VIDEO_STREAM");
  CHECK_EQ(r3.ts64(0, kTsIssuePacketLo), 6);
  CHECK_EQ(r3.ts64(0, rec::kIssueFoundLo), 9);
  CHECK_EQ(r3.ts64(0, rec::kIssueMinLo), 7);
  CHECK_EQ(r3.ts64(0, rec::kIssueMaxLo), 2);
}

TEST(mpegts_transport_error_indicator) {
  std::vector<size_t> first;
  std::vector<Bytes> pk = clean(&first);
  const size_t at = first[40] + 3;
  pk[at][1] |= 0x80;  // transport_error_indicator
  const Result r = inspect(concat(pk));
  CHECK_STR(r.names(), "TRANSPORT_ERROR");
  CHECK_EQ(r.ts64(0, kTsIssuePacketLo), static_cast<int64_t>(at));
  CHECK_EQ(r.ts(0, kTsIssuePid), 0x100u);
  const auto dmg = r.find_video(IssueCode::VIDEO_DAMAGED_BY_TRANSPORT_ERROR);
  CHECK_EQ(dmg.size(), 1u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueFrame), 40u);
  CHECK_EQ(r.v(dmg[0], rec::kIssueMaxLo), static_cast<uint32_t>(at));
}

TEST(mpegts_sync_byte_errors_and_sync_loss) {
  std::vector<size_t> first;
  std::vector<Bytes> pk = clean(&first);
  // One corrupted sync byte on a video packet: Sync_byte_error, the packet is not used, so its
  // PID shows a continuity gap of one at the next packet, and the frame is marked.
  const size_t one = first[20] + 2;
  pk[one][0] = 0x48;
  // Three in a row: sync lost at the first (2 consecutive corrupted sync bytes, TR 101 290
  // 1.1), found again at the next packet start followed by 4 more sync bytes.
  const size_t run = first[35] + 1;
  for (size_t k = run; k < run + 3; ++k) pk[k][0] = 0x48;
  const Result r = inspect(concat(pk));
  CHECK_STR(r.names(), "SYNC_BYTE_ERROR,CONTINUITY_COUNT_ERROR,SYNC_BYTE_ERROR,TS_SYNC_LOSS,CONTINUITY_COUNT_ERROR");
  CHECK_EQ(r.ts64(0, kTsIssuePacketLo), static_cast<int64_t>(one));
  CHECK_EQ(r.ts64(0, rec::kIssueFoundLo), 0x48);
  CHECK_EQ(r.ts64(1, kTsIssuePacketLo), static_cast<int64_t>(one + 1));
  CHECK_EQ(r.ts64(3, rec::kIssueOffsetLo), static_cast<int64_t>(run * 188));
  CHECK_EQ(r.ts64(3, rec::kIssueFoundLo), 3 * 188);  // bytes skipped
  // Packet indices go on counting packets read in sync: the 3 skipped are not counted.
  CHECK_EQ(r.ts64(4, kTsIssuePacketLo), static_cast<int64_t>(run));
  CHECK_EQ(r.find_video(IssueCode::VIDEO_DAMAGED_BY_PACKET_LOSS).size(), 2u);
}

TEST(mpegts_packet_sizes_192_and_204) {
  const std::vector<Bytes> pk = clean();
  const Result r188 = inspect(concat(pk));
  Bytes m2ts, rs;
  uint32_t ats = 0;
  for (const Bytes& p : pk) {
    // 192: TP_extra_header (copy_permission_indicator 2, arrival_time_stamp 30) first.
    ats += 1000;
    const uint8_t h[4] = {static_cast<uint8_t>(ats >> 24 & 0x3F), static_cast<uint8_t>(ats >> 16),
                          static_cast<uint8_t>(ats >> 8), static_cast<uint8_t>(ats)};
    m2ts.insert(m2ts.end(), h, h + 4);
    m2ts.insert(m2ts.end(), p.begin(), p.end());
    // 204: 16 Reed-Solomon parity bytes after each packet (content irrelevant here).
    rs.insert(rs.end(), p.begin(), p.end());
    rs.insert(rs.end(), 16, 0x47);
  }
  for (const Bytes* s : {&m2ts, &rs}) {
    mi::ts::TsInspector t;
    t.push(s->data(), s->size());
    t.flush();
    CHECK_EQ(t.counters().packet_size, s == &m2ts ? 192u : 204u);
    CHECK_EQ(t.counters().packets, pk.size());
    CHECK_EQ(t.counters().skipped_bytes, 0u);
    const Result r = inspect(*s, 100);
    CHECK(r.frames.size() == r188.frames.size());
    CHECK(r.video_issues == r188.video_issues);
    CHECK_STR(r.names(), "");
  }
}

TEST(mpegts_pat_crc_error) {
  std::vector<size_t> first;
  std::vector<Bytes> pk = clean(&first);
  // The PAT before access unit 20: first[20] - 2. Flip a bit of its program_number.
  const size_t at = first[20] - 2;
  CHECK_EQ(pk[at][1] & 0x1F, 0);
  CHECK_EQ(pk[at][2], 0);
  pk[at][5 + 9] ^= 0x01;
  const Result r = inspect(concat(pk));
  // The broken section is no PAT: the next good one comes 800 ms after the last (PAT_error).
  CHECK_STR(r.names(), "CRC_ERROR,PAT_ERROR");
  CHECK_EQ(r.ts64(0, kTsIssuePacketLo), static_cast<int64_t>(at));
  CHECK_EQ(r.ts(0, kTsIssuePid), 0u);
  CHECK_EQ(r.ts(0, mi::ts::kTsIssueIndicator), static_cast<uint32_t>(mi::ts::Indicator::CRC_error));
  CHECK_EQ(r.frame_count(), 50u);
}

TEST(mpegts_pts_and_pcr_33_bit_wrap) {
  // Timestamps start 10 frames before the 33-bit wrap: the frames' PTS go on past 2^33 on the
  // unwrapped timeline, and neither PCR nor PTS reports a jump.
  MuxOpts o;
  o.first_pts = (int64_t{1} << 33) - 10 * 3600;
  const Result r = inspect(concat(clean(nullptr, o)));
  CHECK_STR(r.names(), "");
  CHECK_EQ(r.frame_pts(9), (int64_t{1} << 33) - 3600);
  CHECK_EQ(r.frame_pts(10), int64_t{1} << 33);
  CHECK_EQ(r.frame_pts(49), (int64_t{1} << 33) + 39 * 3600);
}

TEST(mpegts_timestamp_jump) {
  MuxOpts o;
  o.jump_from = 30;
  o.pts_jump = 5 * 90000;  // +5 s from access unit 30; PCRs jump with it
  std::vector<size_t> first;
  const Result r = inspect(concat(clean(&first, o)));
  CHECK_STR(r.names(), "PCR_DISCONTINUITY_INDICATOR_ERROR,PES_TIMESTAMP_DISCONTINUITY");
  CHECK_EQ(r.ts64(0, rec::kIssueFoundLo), 5040);  // the PCR step: 5 s + one frame
  CHECK_EQ(r.ts64(1, rec::kIssueFoundLo), 5040);
  CHECK_EQ(r.ts64(1, kTsIssuePacketLo), static_cast<int64_t>(first[30]));
}

TEST(mpegts_pcr_repetition_and_discontinuity_indicator) {
  // PID 0x300 carries only PCRs (adaptation-only packets): 40 ms apart, then a 150 ms gap
  // (2.3a over 100 ms, and 2.3b: the step is over 100 ms too), then a jump back with
  // discontinuity_indicator (allowed), then a wrap of the 27 MHz PCR (no error).
  std::vector<Bytes> pk;
  const int64_t wrap = (int64_t{1} << 33) * 300;
  const int64_t ms = 27000;
  int64_t pcrs[] = {wrap - 120 * ms, wrap - 80 * ms, wrap - 40 * ms, 0 /* wrap */, 40 * ms, 190 * ms};
  for (int64_t v : pcrs) {
    PacketOpts o;
    o.adaptation_only = true;
    o.pcr = v;
    pk.push_back(packet(0x300, 0, {}, nullptr, o));
  }
  PacketOpts d;
  d.adaptation_only = true;
  d.pcr = 5 * ms;
  d.discontinuity = true;
  pk.push_back(packet(0x300, 0, {}, nullptr, d));
  d.discontinuity = false;
  d.pcr = 45 * ms;
  pk.push_back(packet(0x300, 0, {}, nullptr, d));
  const Result r = inspect(concat(pk));
  CHECK_STR(r.names(), "PCR_DISCONTINUITY_INDICATOR_ERROR,PCR_REPETITION_ERROR,PAT_ERROR,TS_NO_VIDEO_STREAM");
  CHECK_EQ(r.ts64(0, kTsIssuePacketLo), 5);
  CHECK_EQ(r.ts64(0, rec::kIssueFoundLo), 150);
  CHECK_EQ(r.ts64(1, rec::kIssueFoundLo), 150);
  CHECK_EQ(r.ts(1, kTsIssuePid), 0x300u);
}

TEST(mpegts_random_access_indicator_checks) {
  std::vector<bool> rai = h264().keys;
  rai[25] = false;  // an IDR without random_access_indicator
  rai[31] = true;   // a P picture with it
  const Result r = inspect(concat(mux(h264().aus, rai)));
  CHECK_STR(r.names(), "KEYFRAME_WITHOUT_RANDOM_ACCESS_INDICATOR,RANDOM_ACCESS_INDICATOR_MISMATCH");
  CHECK_EQ(r.ts(0, rec::kIssueFrame), 25u);
  CHECK_EQ(r.ts(1, rec::kIssueFrame), 31u);
  // An IDR whose SPS and PPS were stripped from its access unit: a keyframe nobody can start at.
  std::vector<Bytes> aus = h264().aus;
  Bytes& idr = aus[25];
  Bytes kept;
  for (size_t i = 0; i + 3 < idr.size();) {
    size_t j = i + 3;
    while (j + 3 <= idr.size() && !(idr[j] == 0 && idr[j + 1] == 0 && idr[j + 2] == 1)) ++j;
    if (j + 3 > idr.size()) j = idr.size();
    const size_t hdr = idr[i + 2] == 1 ? i + 3 : i + 4;
    const uint8_t type = idr[hdr] & 0x1F;
    if (type != 7 && type != 8) kept.insert(kept.end(), idr.begin() + static_cast<std::ptrdiff_t>(i), idr.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
    if (i < idr.size() && idr[i - 1] == 0) --i;
  }
  CHECK(kept.size() < idr.size());
  idr = kept;
  const Result r2 = inspect(concat(mux(aus, h264().keys)));
  const auto m = r2.find(IssueCode::RANDOM_ACCESS_WITHOUT_PARAMETER_SETS);
  CHECK_EQ(m.size(), 1u);
  CHECK_EQ(r2.ts(m[0], rec::kIssueFrame), 25u);
  CHECK_EQ(r2.ts64(m[0], rec::kIssueFoundLo), 3);  // SPS (1) + PPS (2) missing
}

TEST(mpegts_stream_type_mismatch_and_hevc) {
  // H.264 declared as HEVC (0x24): reported, and inspected as what it is.
  MuxOpts o;
  o.stream_type = 0x24;
  const Result r = inspect(concat(clean(nullptr, o)));
  CHECK_STR(r.names(), "STREAM_TYPE_MISMATCH");
  CHECK_EQ(r.ts64(0, rec::kIssueFoundLo), 0x24);
  CHECK_EQ(r.ts64(0, rec::kIssueMinLo), 0x1B);
  CHECK_EQ(r.frame_count(), 50u);
  CHECK_EQ(r.keyframes(), 2u);
  // HEVC under 0x24.
  const std::vector<Bytes> aus = split_access_units(mitest::read_file(mitest::repo_path("test/fixtures/hevc_gop25.265")), true);
  CHECK_EQ(aus.size(), 50u);
  MuxOpts h;
  h.stream_type = 0x24;
  std::vector<bool> keys;
  for (const Bytes& au : aus) keys.push_back(is_random_access(au, true));
  const Result rh = inspect(concat(mux(aus, keys, h)));
  CHECK_STR(rh.names(), "");
  CHECK_EQ(rh.frame_count(), 50u);
  CHECK_EQ(rh.keyframes(), 2u);
}

TEST(mpegts_truncated_and_empty) {
  const Bytes ts = concat(clean());
  const Bytes cut(ts.begin(), ts.begin() + static_cast<std::ptrdiff_t>(ts.size() - 100));
  const Result r = inspect(cut, 4096);
  CHECK_STR(r.names(), "TS_PACKET_TRUNCATED");
  CHECK_EQ(r.ts64(0, rec::kIssueFoundLo), 88);
  CHECK_EQ(r.frame_count(), 50u);
  const Result e = inspect(Bytes());
  CHECK_STR(e.names(), "");
  const Result junk = inspect(Bytes(1000, 0x11));
  CHECK_STR(junk.names(), "TS_SYNC_LOSS");
  CHECK_EQ(junk.ts64(0, rec::kIssueFoundLo), 1000);
}
