#include "mpegts/ts_inspector.h"
#include <algorithm>
#include <cstring>
#include "inspect/records.h"
#include "mpegts/pes.h"

namespace mi::ts {

using rec::kNone;

namespace {

// A stream_type that would describe content sniffed as `c` (Table 2-34), for the mismatch report.
uint8_t stream_type_for(EsCodec c) {
  switch (c) {
    case EsCodec::kH264: return 0x1B;
    case EsCodec::kHevc: return 0x24;
    case EsCodec::kAac: return 0x0F;
    case EsCodec::kAacLatm: return 0x11;
    case EsCodec::kMpegAudio: return 0x03;
    case EsCodec::kAc3: return 0x81;
    case EsCodec::kEac3: return 0x87;
    case EsCodec::kDts: return 0x82;
    default: return 0;
  }
}

// The declared codec and the sniffed one disagree (AC-3 and E-AC-3 decoders share a syncword
// family and E-AC-3 streams may carry AC-3 frames: not a mismatch).
bool codecs_disagree(EsCodec declared, EsCodec sniffed) {
  if (sniffed == EsCodec::kUnknown || declared == sniffed) return false;
  const bool ac3 = (declared == EsCodec::kAc3 || declared == EsCodec::kEac3) &&
                   (sniffed == EsCodec::kAc3 || sniffed == EsCodec::kEac3);
  return !ac3;
}

}  // namespace

// TsInspector: PES — ISO/IEC 13818-1 (2019) 2.4.3.6, 2.4.3.7 — and the video PID: payload pushed
// into the bitstream inspector, transport damage, random access, input offsets of its findings.

void TsInspector::on_pes_payload(PidState& ps, bool pusi, bool rai, const uint8_t* p, size_t n, uint64_t offset) {
  PesState& st = *ps.pes;
  if (!pusi && st.header_done) {
    // The common case: the next packet of a PES packet whose header is done.
    st.bytes += n;
    if (ps.info.pid != video_pid_ && st.sniffed) return;
    on_es_bytes(ps, st, p, n);
    return;
  }
  if (pusi) {
    if (st.in_pes) end_pes(ps, st);
    st.in_pes = true;
    st.header_done = false;
    st.hdr_len = 0;
    st.bytes = 0;
    st.expected = 0;
    st.rai = rai;
    st.start_offset = offset;
    st.ts_pending = false;
    ++ps.info.pes_packets;
  }
  if (!st.in_pes) return;  // joined inside a PES packet: wait for the next one
  st.bytes += n;
  if (!st.header_done) {
    // The header usually lies in this payload and is read in place; one that spans packets
    // is gathered in st.hdr (at most 9 + 255 bytes).
    const size_t before = st.hdr_len;
    PesHeader hdr;
    size_t need = 0;
    PesStatus status;
    if (before == 0) {
      status = pes_header(p, n, hdr, need);
      if (status == PesStatus::kNeedMore) {
        std::memcpy(st.hdr.data(), p, n);  // n <= 184 < kPesMaxHeader
        st.hdr_len = static_cast<uint16_t>(n);
        return;
      }
    } else {
      const size_t take = std::min(n, kPesMaxHeader - before);
      std::memcpy(st.hdr.data() + before, p, take);
      st.hdr_len = static_cast<uint16_t>(before + take);
      status = pes_header(st.hdr.data(), st.hdr_len, hdr, need);
      if (status == PesStatus::kNeedMore) {
        if (st.hdr_len >= kPesMaxHeader) st.in_pes = false;  // cannot happen: need <= kPesMaxHeader
        return;
      }
    }
    if (status == PesStatus::kNoStartCode) {
      ts_issue(IssueCode::PES_START_CODE_MISSING, offset, ps.info.pid, Indicator::kNone, 0);
      st.in_pes = false;
      return;
    }
    st.header_done = true;
    st.expected = hdr.PES_packet_length ? static_cast<uint32_t>(kPesFixedHeader + hdr.PES_packet_length) : 0;
    if (status == PesStatus::kForbiddenFlags) {
      ts_issue(IssueCode::PES_PTS_DTS_FLAGS_FORBIDDEN, st.start_offset, ps.info.pid, Indicator::kNone, 1);
    } else if (status != PesStatus::kOk || (st.expected && hdr.header_size > st.expected)) {
      ts_issue(IssueCode::PES_HEADER_INVALID, st.start_offset, ps.info.pid, Indicator::kNone,
               hdr.PES_header_data_length);
    }
    if (hdr.PES_packet_length == 0 && ps.info.kind != PidKind::kVideo && !st.zero_length_reported) {
      st.zero_length_reported = true;  // once per PID: a muxer that does it, does it always
      ts_issue(IssueCode::PES_LENGTH_ZERO, st.start_offset, ps.info.pid, Indicator::kNone, 0);
    }
    const bool timed = status != PesStatus::kForbiddenFlags;
    st.pts = hdr.has_pts && timed ? unwrap(hdr.PTS) : -1;
    st.dts = hdr.has_dts && timed ? unwrap(hdr.DTS) : -1;
    // This payload's share of the header: header_size minus what earlier payloads held.
    const size_t in_this = hdr.header_size > before ? hdr.header_size - before : 0;
    if (!st.sniffed && in_this < n) sniff_payload(ps, st, p + in_this, n - in_this, false);
    on_pes_header(ps, st, st.start_offset);
    if (in_this >= n) return;
    p += in_this;
    n -= in_this;
  }
  on_es_bytes(ps, st, p, n);
}

// Timestamps of a PES packet: PTS/DTS order, monotonic decoding time, discontinuities
// (VALIDATION.md B7 item 49, B8 item 52), PTS repetition (TR 101 290 2.5); the timing record.
void TsInspector::on_pes_header(PidState& ps, PesState& st, uint64_t offset) {
  const uint16_t pid = ps.info.pid;
  const bool av = ps.info.kind == PidKind::kVideo || ps.info.kind == PidKind::kAudio;
  if (pid == video_pid_) {
    st.ts_pending = true;
    if (video_pes_.size() >= 256) video_pes_.erase(video_pes_.begin());  // bounded
    video_pes_.push_back(VideoPes{video_es_bytes_, offset, st.rai, false});
  }
  if (st.pts < 0) return;
  if (st.dts >= 0 && st.pts < st.dts)
    ts_issue(IssueCode::PES_PTS_BEFORE_DTS, offset, pid, Indicator::kNone, st.pts, st.dts);
  const int64_t decode = st.dts >= 0 ? st.dts : st.pts;
  const bool announced = ps.discontinuity;
  ps.discontinuity = false;
  if (av && st.last_decode >= 0 && !announced) {
    const int64_t step = decode - st.last_decode;
    const int64_t limit = static_cast<int64_t>(cfg_.discontinuity_ms) * kTicks90PerMs;
    if (step > limit || step < -limit) {
      ts_issue(IssueCode::PES_TIMESTAMP_DISCONTINUITY, offset, pid, Indicator::kNone, step / kTicks90PerMs, 0,
               cfg_.discontinuity_ms);
    } else if (step <= 0) {
      ts_issue(IssueCode::PES_NON_MONOTONIC_DTS, offset, pid, Indicator::kNone, decode, st.last_decode);
    }
  }
  st.last_decode = decode;
  if (av && clock_source_ != ClockSource::kPcr &&
      (pid == video_pid_ || (video_pid_ == kNone16 && (clock_pid_ == kNone16 || clock_pid_ == pid)))) {
    clock_reading(ClockSource::kPes, pid, decode * 300, announced, offset);
  }
  if (av) {
    // 2.5: PTS at least every 700 ms on the transport clock (on the timestamps without one).
    const int64_t t = now();
    int64_t gap = 0;
    if (t >= 0 && st.last_pts_arrival >= 0) gap = (t - st.last_pts_arrival) / kTicks27PerMs;
    else if (t < 0 && st.last_pts >= 0 && !announced) gap = (st.pts - st.last_pts) / kTicks90PerMs;
    if (gap > static_cast<int64_t>(cfg_.pts_interval_ms))
      ts_issue(IssueCode::PTS_ERROR, offset, pid, Indicator::PTS_error, gap, 0, cfg_.pts_interval_ms);
    st.last_pts_arrival = t;
    st.last_pts = st.pts;
    uint32_t flags = (ps.info.kind == PidKind::kVideo ? kPesVideo : kPesAudio) | (st.rai ? kPesRandomAccess : 0u) |
                     (announced ? kPesDiscontinuity : 0u) | (pid == video_pid_ ? kPesInspected : 0u) |
                     static_cast<uint32_t>(ps.info.codec) << 24;
    const uint32_t w[kPesStride] = {
        pid | static_cast<uint32_t>(ps.info.stream_type) << 16, flags,
        static_cast<uint32_t>(st.pts), static_cast<uint32_t>(static_cast<uint64_t>(st.pts) >> 32),
        static_cast<uint32_t>(st.dts), static_cast<uint32_t>(static_cast<uint64_t>(st.dts) >> 32),
        static_cast<uint32_t>(offset), static_cast<uint32_t>(offset >> 32)};
    out_pes_.insert(out_pes_.end(), w, w + kPesStride);
  }
}

// The first payload bytes of a PID against its stream_type (VALIDATION.md B7 item 50). Content
// the PMT does not name (private data 0x06 without a descriptor, another video type) is taken
// for what it is: H.264/HEVC becomes the inspected video when there is none, audio gets its
// codec for the A/V timing.
void TsInspector::sniff_payload(PidState& ps, PesState& st, const uint8_t* p, size_t n, bool pes_started) {
  st.sniffed = true;
  const EsCodec seen = sniff_es(p, n);
  if (!codecs_disagree(ps.info.codec, seen) || stream_type_for(seen) == 0) return;
  ts_issue(IssueCode::STREAM_TYPE_MISMATCH, st.start_offset, ps.info.pid, Indicator::kNone, ps.info.stream_type,
           stream_type_for(seen));
  const bool video = seen == EsCodec::kH264 || seen == EsCodec::kHevc;
  if (video && video_pid_ == kNone16) {
    ps.info.codec = seen;
    ps.info.kind = PidKind::kVideo;
    select_video(ps, seen);
    if (pes_started) {  // else on_pes_header opens its PES as for any video PES
      st.ts_pending = true;
      video_pes_.push_back(VideoPes{video_es_bytes_, st.start_offset, st.rai, false});
    }
  } else if (video && ps.info.pid == video_pid_ && !video_) {
    video_codec_ = seen;  // the content decides how it is parsed
  } else if (is_audio(seen) && (ps.info.kind == PidKind::kOtherEs || ps.info.codec == EsCodec::kUnknown)) {
    ps.info.codec = seen;
    ps.info.kind = PidKind::kAudio;
  }
}

void TsInspector::on_es_bytes(PidState& ps, PesState& st, const uint8_t* p, size_t n) {
  if (st.expected) {
    // Bytes past PES_packet_length belong to no PES packet (reported at its end).
    const uint64_t before = st.bytes - n;
    if (before >= st.expected) return;
    n = static_cast<size_t>(std::min<uint64_t>(n, st.expected - before));
  }
  if (!st.sniffed && n > 0) sniff_payload(ps, st, p, n, true);
  if (ps.info.pid != video_pid_ || n == 0) return;
  if (st.ts_pending) {
    st.ts_pending = false;
    push_video(p, n, st.pts, st.dts);
  } else {
    push_video(p, n, Inspector::kContinues, Inspector::kContinues);
  }
}

void TsInspector::end_pes(PidState& ps, PesState& st) {
  if (!st.header_done)
    ts_issue(IssueCode::PES_HEADER_INVALID, st.start_offset, ps.info.pid, Indicator::kNone, st.hdr_len);
  if (st.header_done && st.expected && st.bytes != st.expected) {
    ts_issue(IssueCode::PES_LENGTH_MISMATCH, st.start_offset, ps.info.pid, Indicator::kNone,
             static_cast<int64_t>(st.bytes), st.expected);
  }
  st.in_pes = false;
  st.header_done = false;
}

// ---------------------------------------------------------------------------------------
// The video PID: the bitstream inspector, damage, random access.

void TsInspector::push_video(const uint8_t* p, size_t n, int64_t pts, int64_t dts) {
  if (!video_) {
    InspectorConfig cfg;
    cfg.codec = video_codec_ == EsCodec::kHevc ? Codec::kHevc : Codec::kH264;
    video_ = std::make_unique<Inspector>(cfg);
  }
  // Where these ES bytes lie in the input, for the offsets of the bitstream findings.
  // Bounded: without frames coming out (no start code in sight) the oldest half goes.
  if (es_map_.size() >= kEsMapCap) es_map_.erase(es_map_.begin(), es_map_.begin() + kEsMapCap / 2);
  es_map_.push_back(EsRun{video_es_bytes_, cur_offset_ + static_cast<uint64_t>(p - cur_pkt_)});
  video_->push(p, n, pts, dts);
  if (cfg_.keep_video_es) out_es_.insert(out_es_.end(), p, p + n);
  video_es_bytes_ += n;
  counters_.video_es_bytes += n;
  if (video_->frames().size() != video_frames_done_ || video_->issues().size() != video_issues_done_)
    collect_video_output();
}

void TsInspector::mark_video_damage(IssueCode code, int64_t found, uint64_t offset) {
  if (!video_ || damage_.size() >= 1024) return;  // nothing pushed yet: no frame to damage
  video_->mark_damage(code, video_es_bytes_, found);
  damage_.push_back(Damage{code, video_es_bytes_, offset, packet_index_});
}

// Moves the inspector's new issues to video_issues() (transport damage gets the TS packet
// offset, the PID and the packet index in place of the ES offset) and checks the
// random_access_indicator of the PES packet each new frame starts in.
void TsInspector::collect_video_output() {
  const std::vector<uint32_t>& vi = video_->issues();
  for (size_t i = video_issues_done_; i + rec::kIssueStride <= vi.size(); i += rec::kIssueStride) {
    const size_t at = out_video_issues_.size();
    out_video_issues_.insert(out_video_issues_.end(), vi.begin() + static_cast<std::ptrdiff_t>(i),
                             vi.begin() + static_cast<std::ptrdiff_t>(i + rec::kIssueStride));
    const IssueCode code = static_cast<IssueCode>(vi[i + rec::kIssueCode]);
    const uint64_t es = vi[i + rec::kIssueOffsetLo] | static_cast<uint64_t>(vi[i + rec::kIssueOffsetHi]) << 32;
    if (code != IssueCode::VIDEO_DAMAGED_BY_PACKET_LOSS && code != IssueCode::VIDEO_DAMAGED_BY_TRANSPORT_ERROR &&
        code != IssueCode::VIDEO_DAMAGED_BY_SYNC_LOSS) {
      const uint64_t file = file_offset(es);
      out_video_issues_[at + rec::kIssueOffsetLo] = static_cast<uint32_t>(file);
      out_video_issues_[at + rec::kIssueOffsetHi] = static_cast<uint32_t>(file >> 32);
      continue;
    }
    for (size_t k = 0; k < damage_.size(); ++k) {
      if (damage_[k].code != code || damage_[k].es_offset != es) continue;
      uint32_t* w = out_video_issues_.data() + at;
      w[rec::kIssueOffsetLo] = static_cast<uint32_t>(damage_[k].offset);
      w[rec::kIssueOffsetHi] = static_cast<uint32_t>(damage_[k].offset >> 32);
      w[rec::kIssueMinLo] = video_pid_;  // "expected": the PID
      w[rec::kIssueMinHi] = 0;
      w[rec::kIssueMaxLo] = static_cast<uint32_t>(damage_[k].packet);  // the TS packet index
      w[rec::kIssueMaxHi] = static_cast<uint32_t>(damage_[k].packet >> 32);
      damage_.erase(damage_.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
  }
  video_issues_done_ = vi.size();
  const std::vector<uint32_t>& vf = video_->frames();
  for (size_t i = video_frames_done_; i + rec::kFrameStride <= vf.size(); i += rec::kFrameStride)
    check_random_access(vf.data() + i, video_frame_index_++);
  if (vf.size() > video_frames_done_) {
    // Findings still to come belong to frames not out yet: they lie past the last frame out.
    const uint32_t* f = vf.data() + vf.size() - rec::kFrameStride;
    const uint64_t end = (f[rec::kFrameOffsetLo] | static_cast<uint64_t>(f[rec::kFrameOffsetHi]) << 32) + f[rec::kFrameSize];
    size_t drop = 0;
    while (drop + 1 < es_map_.size() && es_map_[drop + 1].es <= end) ++drop;
    if (drop) es_map_.erase(es_map_.begin(), es_map_.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  video_frames_done_ = vf.size();
}

// The input offset of video ES byte `es`: the run of packet payload holding it. A byte before
// the runs kept (a finding about data long gone) maps to the first run's start.
uint64_t TsInspector::file_offset(uint64_t es) const {
  if (es_map_.empty()) return es;
  size_t lo = 0, hi = es_map_.size();
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (es_map_[mid].es <= es) lo = mid;
    else hi = mid;
  }
  const EsRun& r = es_map_[lo];
  return es >= r.es ? r.ts + (es - r.es) : r.ts;
}

// ISO/IEC 13818-1 2.4.3.5 random_access_indicator: the PES packet starting here begins at an
// access point. For H.264/HEVC that is a random access point (IDR, IRAP, recovery point) that
// carries what decoding from it needs: its parameter sets (VALIDATION.md B7 item 44).
void TsInspector::check_random_access(const uint32_t* f, uint32_t index) {
  const uint64_t off = f[rec::kFrameOffsetLo] | static_cast<uint64_t>(f[rec::kFrameOffsetHi]) << 32;
  size_t k = 0;
  // PES packets in which no access unit started (an access unit split over PES packets) go.
  while (k + 1 < video_pes_.size() && video_pes_[k + 1].es_start <= off) ++k;
  if (k) video_pes_.erase(video_pes_.begin(), video_pes_.begin() + static_cast<std::ptrdiff_t>(k));
  if (video_pes_.empty() || video_pes_.front().es_start > off || video_pes_.front().matched) return;
  VideoPes& v = video_pes_.front();
  v.matched = true;
  const uint32_t flags = f[rec::kFrameFlags];
  const bool key = (flags & rec::kKeyframe) != 0;
  if (v.rai) {
    if (!key) {
      ts_issue(IssueCode::RANDOM_ACCESS_INDICATOR_MISMATCH, v.offset, video_pid_, Indicator::kNone, 0, 0, 0, index);
      return;
    }
    const bool hevc = video_ && video_->codec() == Codec::kHevc;
    const int64_t missing = ((flags & rec::kHasSps) ? 0 : 1) | ((flags & rec::kHasPps) ? 0 : 2) |
                            (hevc && !(flags & rec::kHasVps) ? 4 : 0);
    if (missing)
      ts_issue(IssueCode::RANDOM_ACCESS_WITHOUT_PARAMETER_SETS, v.offset, video_pid_, Indicator::kNone, missing, 0, 0,
               index);
  } else if (key) {
    ts_issue(IssueCode::KEYFRAME_WITHOUT_RANDOM_ACCESS_INDICATOR, v.offset, video_pid_, Indicator::kNone, 0, 0, 0,
             index);
  }
}

}  // namespace mi::ts
