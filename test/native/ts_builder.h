// A small MPEG-TS writer for tests: packets, PSI sections with CRC_32, PES packets with
// PTS/DTS, spelled out field by field after ISO/IEC 13818-1 (2019) 2.4.3 and 2.4.4, and
// an inspector driver that collects every record.
#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "inspect/records.h"
#include "mpegts/crc32.h"
#include "mpegts/ts_inspector.h"

namespace mitest::ts {

using Bytes = std::vector<uint8_t>;

struct PacketOpts {
  bool pusi = false;
  bool tei = false;
  uint8_t scrambling = 0;
  bool discontinuity = false;
  bool random_access = false;
  int64_t pcr = -1;            ///< 27 MHz, -1: none
  bool adaptation_only = false;
};

/// One 188-byte packet carrying up to 184 bytes of `payload` from `*at`; stuffing goes in the
/// adaptation field (2.4.3.5). Advances *at.
inline Bytes packet(uint16_t pid, uint8_t cc, const Bytes& payload, size_t* at, const PacketOpts& o = {}) {
  Bytes p(188, 0xFF);
  p[0] = 0x47;
  p[1] = static_cast<uint8_t>((o.tei ? 0x80 : 0) | (o.pusi ? 0x40 : 0) | ((pid >> 8) & 0x1F));
  p[2] = static_cast<uint8_t>(pid & 0xFF);
  const bool flags = o.discontinuity || o.random_access || o.pcr >= 0;
  size_t af = flags ? 2 + (o.pcr >= 0 ? 6 : 0) : 0;  // length byte + flags + PCR
  const size_t left = at ? payload.size() - *at : 0;
  if (!o.adaptation_only && af + left < 184) af = 184 - left;  // stuff the rest
  if (o.adaptation_only) af = 184;
  const uint8_t afc = o.adaptation_only ? 2 : af ? 3 : 1;
  p[3] = static_cast<uint8_t>(o.scrambling << 6 | afc << 4 | (cc & 0x0F));
  size_t i = 4;
  if (af) {
    p[4] = static_cast<uint8_t>(af - 1);  // adaptation_field_length
    if (af >= 2) {
      p[5] = static_cast<uint8_t>((o.discontinuity ? 0x80 : 0) | (o.random_access ? 0x40 : 0) | (o.pcr >= 0 ? 0x10 : 0));
      if (o.pcr >= 0) {
        const uint64_t base = static_cast<uint64_t>(o.pcr) / 300 % (uint64_t{1} << 33);
        const unsigned ext = static_cast<unsigned>(static_cast<uint64_t>(o.pcr) % 300);
        p[6] = static_cast<uint8_t>(base >> 25);
        p[7] = static_cast<uint8_t>(base >> 17);
        p[8] = static_cast<uint8_t>(base >> 9);
        p[9] = static_cast<uint8_t>(base >> 1);
        p[10] = static_cast<uint8_t>((base & 1) << 7 | 0x7E | ext >> 8);
        p[11] = static_cast<uint8_t>(ext);
      }
    }
    i = 4 + af;
  }
  if (!o.adaptation_only && at) {
    const size_t n = 188 - i;
    std::memcpy(p.data() + i, payload.data() + *at, n);
    *at += n;
  }
  return p;
}

/// A PSI section with section_syntax_indicator 1 and its CRC_32 (2.4.4.1; Annex A).
inline Bytes section(uint8_t table_id, uint16_t id_ext, uint8_t version, const Bytes& body) {
  Bytes s = {table_id, 0, 0, static_cast<uint8_t>(id_ext >> 8), static_cast<uint8_t>(id_ext),
             static_cast<uint8_t>(0xC1 | (version & 0x1F) << 1), 0x00, 0x00};
  s.reserve(s.size() + body.size() + 4);
  s.insert(s.end(), body.begin(), body.end());
  const size_t section_length = s.size() - 3 + 4;
  s[1] = static_cast<uint8_t>(0xB0 | section_length >> 8);
  s[2] = static_cast<uint8_t>(section_length);
  const uint32_t crc = mi::ts::crc32_mpeg2(s.data(), s.size());
  s.push_back(static_cast<uint8_t>(crc >> 24));
  s.push_back(static_cast<uint8_t>(crc >> 16));
  s.push_back(static_cast<uint8_t>(crc >> 8));
  s.push_back(static_cast<uint8_t>(crc));
  return s;
}

/// 2.4.4.3: one program -> PMT PID.
inline Bytes pat_section(uint16_t program, uint16_t pmt_pid, uint8_t version = 0) {
  return section(0x00, 1, version,
                 {static_cast<uint8_t>(program >> 8), static_cast<uint8_t>(program),
                  static_cast<uint8_t>(0xE0 | pmt_pid >> 8), static_cast<uint8_t>(pmt_pid)});
}

struct Es {
  uint8_t stream_type;
  uint16_t pid;
  Bytes descriptors = {};
};

/// 2.4.4.8 with PCR_PID and the elementary streams.
inline Bytes pmt_section(uint16_t program, uint16_t pcr_pid, const std::vector<Es>& es, uint8_t version = 0) {
  Bytes b = {static_cast<uint8_t>(0xE0 | pcr_pid >> 8), static_cast<uint8_t>(pcr_pid), 0xF0, 0x00};
  for (const Es& e : es) {
    b.push_back(e.stream_type);
    b.push_back(static_cast<uint8_t>(0xE0 | e.pid >> 8));
    b.push_back(static_cast<uint8_t>(e.pid));
    b.push_back(static_cast<uint8_t>(0xF0 | e.descriptors.size() >> 8));
    b.push_back(static_cast<uint8_t>(e.descriptors.size()));
    b.insert(b.end(), e.descriptors.begin(), e.descriptors.end());
  }
  return section(0x02, program, version, b);
}

/// Byte strings end to end.
inline Bytes join(std::initializer_list<Bytes> parts) {
  Bytes b;
  size_t n = 0;
  for (const Bytes& p : parts) n += p.size();
  b.reserve(n);
  for (const Bytes& p : parts) b.insert(b.end(), p.begin(), p.end());
  return b;
}

/// A section in one packet (pointer_field 0, 0xFF stuffing).
inline Bytes psi_packet(uint16_t pid, uint8_t cc, const Bytes& sec) {
  Bytes payload = join({{0x00}, sec});
  payload.resize(184, 0xFF);
  size_t at = 0;
  PacketOpts o;
  o.pusi = true;
  return packet(pid, cc, payload, &at, o);
}

/// 2.4.3.7 PTS / DTS field: prefix 4 bits, then 3 + 15 + 15 bits with marker bits.
inline void put_timestamp(Bytes& b, uint8_t prefix, uint64_t t) {
  t &= (uint64_t{1} << 33) - 1;
  b.push_back(static_cast<uint8_t>(prefix << 4 | (t >> 30) << 1 | 1));
  b.push_back(static_cast<uint8_t>(t >> 22));
  b.push_back(static_cast<uint8_t>((t >> 15) << 1 | 1));
  b.push_back(static_cast<uint8_t>(t >> 7));
  b.push_back(static_cast<uint8_t>(t << 1 | 1));
}

/// A PES packet (2.4.3.6): stream_id, optional PTS/DTS (-1 = absent), PES_packet_length
/// 0 for video (`bounded` false) or the real length.
inline Bytes pes(uint8_t stream_id, int64_t pts, int64_t dts, const Bytes& es, bool bounded) {
  Bytes h = {0x00, 0x00, 0x01, stream_id, 0, 0, 0x84 /* '10' + data_alignment_indicator */, 0, 0};
  if (pts >= 0) {
    h[7] = dts >= 0 ? 0xC0 : 0x80;
    put_timestamp(h, dts >= 0 ? 3 : 2, static_cast<uint64_t>(pts));
    if (dts >= 0) put_timestamp(h, 1, static_cast<uint64_t>(dts));
  }
  h[8] = static_cast<uint8_t>(h.size() - 9);
  h.insert(h.end(), es.begin(), es.end());
  if (bounded) {
    const size_t len = h.size() - 6;
    h[4] = static_cast<uint8_t>(len >> 8);
    h[5] = static_cast<uint8_t>(len);
  }
  return h;
}

/// The packets of one PES packet on `pid`; the first carries PUSI (and rai / pcr).
inline std::vector<Bytes> pes_packets(uint16_t pid, uint8_t& cc, const Bytes& pes_bytes, bool rai = false,
                                      int64_t pcr = -1) {
  std::vector<Bytes> out;
  size_t at = 0;
  bool first = true;
  while (at < pes_bytes.size()) {
    PacketOpts o;
    o.pusi = first;
    o.random_access = first && rai;
    o.pcr = first ? pcr : -1;
    out.push_back(packet(pid, cc, pes_bytes, &at, o));
    cc = (cc + 1) & 0x0F;
    first = false;
  }
  return out;
}

/// Access units of an Annex B stream that starts each one with an AUD (H.264 nal_unit_type 9
/// or HEVC 35): split before every AUD start code.
inline std::vector<Bytes> split_access_units(const Bytes& es, bool hevc) {
  std::vector<size_t> starts;
  for (size_t i = 0; i + 4 < es.size(); ++i) {
    if (es[i] == 0 && es[i + 1] == 0 && es[i + 2] == 1) {
      const uint8_t h = es[i + 3];
      const bool aud = hevc ? ((h >> 1) & 0x3F) == 35 : (h & 0x1F) == 9;
      if (aud) starts.push_back(i > 0 && es[i - 1] == 0 ? i - 1 : i);
    }
  }
  std::vector<Bytes> aus;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t end = k + 1 < starts.size() ? starts[k + 1] : es.size();
    aus.emplace_back(es.begin() + static_cast<std::ptrdiff_t>(starts[k]), es.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return aus;
}

/// True when the access unit holds an IDR slice (H.264 nal_unit_type 5) or an IRAP picture
/// (HEVC nal_unit_type 16..23).
inline bool is_random_access(const Bytes& au, bool hevc) {
  for (size_t i = 0; i + 3 < au.size(); ++i) {
    if (au[i] != 0 || au[i + 1] != 0 || au[i + 2] != 1) continue;
    const uint8_t h = au[i + 3];
    if (hevc ? (((h >> 1) & 0x3F) >= 16 && ((h >> 1) & 0x3F) <= 23) : (h & 0x1F) == 5) return true;
  }
  return false;
}

struct MuxOpts {
  uint16_t pmt_pid = 0x1000;
  uint16_t video_pid = 0x100;
  uint8_t stream_type = 0x1B;
  int64_t first_pts = 126000;   ///< 1.4 s, as FFmpeg starts
  int64_t pts_step = 3600;      ///< 25 fps
  size_t psi_every = 10;        ///< PAT + PMT before every 10th access unit (and the first)
  size_t jump_from = SIZE_MAX;  ///< add pts_jump to the timestamps from this access unit on
  int64_t pts_jump = 0;
};

/// Muxes access units into TS packets: PAT + PMT, one PES per access unit with PTS (decode
/// order, pts_step apart), a PCR in its first packet, random_access_indicator where `rai`
/// says. `first_packet` (optional) receives the index of each access unit's first packet.
inline std::vector<Bytes> mux(const std::vector<Bytes>& aus, const std::vector<bool>& rai, const MuxOpts& o = {},
                              std::vector<size_t>* first_packet = nullptr) {
  std::vector<Bytes> out;
  uint8_t cc_pat = 0, cc_pmt = 0, cc_v = 0;
  const Bytes pat = pat_section(1, o.pmt_pid);
  const Bytes pmt = pmt_section(1, o.video_pid, {{o.stream_type, o.video_pid}});
  for (size_t k = 0; k < aus.size(); ++k) {
    if (k % o.psi_every == 0) {
      out.push_back(psi_packet(0x0000, cc_pat++ & 0x0F, pat));
      out.push_back(psi_packet(o.pmt_pid, cc_pmt++ & 0x0F, pmt));
    }
    int64_t pts = o.first_pts + static_cast<int64_t>(k) * o.pts_step;
    if (k >= o.jump_from) pts += o.pts_jump;
    const int64_t pcr = (pts - 63000) * 300;  // 0.7 s before presentation
    if (first_packet) first_packet->push_back(out.size());
    const bool r = k < rai.size() && rai[k];
    for (Bytes& p : pes_packets(o.video_pid, cc_v, pes(0xE0, pts, -1, aus[k], false), r, pcr)) out.push_back(std::move(p));
  }
  return out;
}

inline Bytes concat(const std::vector<Bytes>& packets) {
  Bytes b;
  for (const Bytes& p : packets) b.insert(b.end(), p.begin(), p.end());
  return b;
}

/// Everything an inspection produced, gathered across pushes.
struct Result {
  std::vector<uint32_t> frames, video_issues, issues, pes;
  size_t frame_count() const { return frames.size() / mi::rec::kFrameStride; }
  size_t keyframes() const {
    size_t n = 0;
    for (size_t i = 0; i < frames.size(); i += mi::rec::kFrameStride) n += (frames[i + mi::rec::kFrameFlags] & mi::rec::kKeyframe) != 0;
    return n;
  }
  /// Transport issues with this code, as record indices.
  std::vector<size_t> find(mi::IssueCode c) const {
    std::vector<size_t> r;
    for (size_t i = 0; i < issues.size(); i += mi::ts::kTsIssueStride)
      if (issues[i] == static_cast<uint32_t>(c)) r.push_back(i / mi::ts::kTsIssueStride);
    return r;
  }
  std::vector<size_t> find_video(mi::IssueCode c) const {
    std::vector<size_t> r;
    for (size_t i = 0; i < video_issues.size(); i += mi::rec::kIssueStride)
      if (video_issues[i] == static_cast<uint32_t>(c)) r.push_back(i / mi::rec::kIssueStride);
    return r;
  }
  uint32_t ts(size_t rec, unsigned field) const { return issues[rec * mi::ts::kTsIssueStride + field]; }
  int64_t ts64(size_t rec, unsigned lo) const {
    return static_cast<int64_t>(static_cast<uint64_t>(issues[rec * mi::ts::kTsIssueStride + lo]) |
                                static_cast<uint64_t>(issues[rec * mi::ts::kTsIssueStride + lo + 1]) << 32);
  }
  uint32_t v(size_t rec, unsigned field) const { return video_issues[rec * mi::rec::kIssueStride + field]; }
  int64_t frame_pts(size_t f) const {
    const uint32_t* w = frames.data() + f * mi::rec::kFrameStride;
    return static_cast<int64_t>(static_cast<uint64_t>(w[mi::rec::kFramePtsLo]) | static_cast<uint64_t>(w[mi::rec::kFramePtsHi]) << 32);
  }
  /// Transport issue names in order, for readable comparisons.
  std::string names() const {
    std::string s;
    for (size_t i = 0; i < issues.size(); i += mi::ts::kTsIssueStride) {
      const mi::IssueDef* d = mi::issue_def(static_cast<mi::IssueCode>(issues[i]));
      s += (s.empty() ? "" : ",") + std::string(d ? d->name : "?");
    }
    return s;
  }
};

/// Inspects `data` pushed in pieces of `chunk` bytes (0: one push).
inline Result inspect(const Bytes& data, size_t chunk = 0, const mi::ts::TsConfig& cfg = {}) {
  mi::ts::TsInspector t(cfg);
  Result r;
  auto take = [&] {
    r.frames.insert(r.frames.end(), t.frames().begin(), t.frames().end());
    r.video_issues.insert(r.video_issues.end(), t.video_issues().begin(), t.video_issues().end());
    r.issues.insert(r.issues.end(), t.issues().begin(), t.issues().end());
    r.pes.insert(r.pes.end(), t.pes().begin(), t.pes().end());
    t.clear_output();
  };
  if (chunk == 0) chunk = data.size() ? data.size() : 1;
  for (size_t at = 0; at < data.size(); at += chunk) {
    t.push(data.data() + at, std::min(chunk, data.size() - at));
    take();
  }
  t.flush();
  take();
  return r;
}

}  // namespace mitest::ts
