// TsInspector: chunking and sync, packets, PCR and the transport clock, timestamps, flush.
// PSI is in ts_psi.cc, PES and the video PID in ts_pes.cc.
#include "mpegts/ts_inspector.h"
#include <algorithm>
#include <cstring>
#include "inspect/records.h"
#include "mpegts/pes.h"

namespace mi::ts {

using rec::kNone;

namespace {

constexpr uint64_t kPts33 = uint64_t{1} << 33;             // PTS/DTS/PCR base wrap (2.4.3.7, 2.4.3.5)
constexpr uint64_t kPcrWrap = kPts33 * 300;                 // 27 MHz PCR wrap
constexpr int64_t kClockMaxStep = 1000 * 27000;            // a PCR step the transport clock follows (1 s)

// Signed difference a - b of two values on a circle of `wrap` ticks, in (-wrap/2, wrap/2].
int64_t wrap_diff(uint64_t a, uint64_t b, uint64_t wrap) {
  uint64_t d = (a - b) % wrap;
  if (a < b) d = (wrap - (b - a) % wrap) % wrap;
  return d > wrap / 2 ? static_cast<int64_t>(d) - static_cast<int64_t>(wrap) : static_cast<int64_t>(d);
}

}  // namespace

const char* indicator_name(Indicator i) {
  static const char* const names[] = {"TS_sync_loss",   "Sync_byte_error", "PAT_error",
                                      "Continuity_count_error", "PMT_error", "PID_error",
                                      "Transport_error", "CRC_error", "PCR_repetition_error",
                                      "PCR_discontinuity_indicator_error", "PTS_error", "CAT_error"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<size_t>(Indicator::kCount), "names");
  return static_cast<size_t>(i) < static_cast<size_t>(Indicator::kCount) ? names[static_cast<size_t>(i)] : "";
}

const char* pid_kind_name(PidKind k) {
  static const char* const names[] = {"unknown", "pat", "cat", "pmt", "si", "video", "audio", "other", "null"};
  return names[static_cast<unsigned>(k)];
}

TsInspector::TsInspector(const TsConfig& cfg) : cfg_(cfg) {
  if (cfg_.packet_size != 0 && cfg_.packet_size != 188 && cfg_.packet_size != 192 && cfg_.packet_size != 204)
    cfg_.packet_size = 0;
  pid_slot_.fill(kNone16);
  issue_count_.assign(256, 0);
  video_pes_.reserve(64);
  damage_.reserve(64);
}

TsInspector::~TsInspector() = default;

size_t TsInspector::pid_count() const { return pids_.size(); }
const PidInfo& TsInspector::pid_info(size_t i) const { return pids_[i]->info; }

const std::vector<uint32_t>& TsInspector::frames() const {
  static const std::vector<uint32_t> kEmpty;
  return video_ ? video_->frames() : kEmpty;
}

const std::vector<uint32_t>& TsInspector::nals() const {
  static const std::vector<uint32_t> kEmpty;
  return video_ ? video_->nals() : kEmpty;
}

void TsInspector::clear_output() {
  out_issues_.clear();
  out_pes_.clear();
  out_video_issues_.clear();
  out_es_.clear();
  if (video_) video_->clear_output();
  video_frames_done_ = 0;
  video_issues_done_ = 0;
}

// ---------------------------------------------------------------------------------------
// Issues.

void TsInspector::ts_issue(IssueCode code, uint64_t offset, uint16_t pid, Indicator ind, int64_t found,
                           int64_t min, int64_t max, uint32_t frame) {
  if (ind != Indicator::kNone) {
    ++counters_.indicators[static_cast<size_t>(ind)];
    if (pid != kNone16 && pid_slot_[pid] != kNone16) ++pids_[pid_slot_[pid]]->info.indicators[static_cast<size_t>(ind)];
  }
  ++counters_.issues;
  const uint16_t id = static_cast<uint16_t>(code);
  if (cfg_.max_issues_per_code && id < issue_count_.size() && issue_count_[id] >= cfg_.max_issues_per_code) {
    ++counters_.issues_dropped;
    return;
  }
  if (id < issue_count_.size()) ++issue_count_[id];
  const uint64_t packet = packet_index_;
  const uint32_t w[kTsIssueStride] = {
      id, static_cast<uint32_t>(offset), static_cast<uint32_t>(offset >> 32), kNone, frame, 0,
      static_cast<uint32_t>(found), static_cast<uint32_t>(static_cast<uint64_t>(found) >> 32),
      static_cast<uint32_t>(min), static_cast<uint32_t>(static_cast<uint64_t>(min) >> 32),
      static_cast<uint32_t>(max), static_cast<uint32_t>(static_cast<uint64_t>(max) >> 32),
      static_cast<uint32_t>(packet), static_cast<uint32_t>(packet >> 32), pid == kNone16 ? kNone : pid,
      ind == Indicator::kNone ? 0xFFu : static_cast<uint32_t>(ind)};
  out_issues_.insert(out_issues_.end(), w, w + kTsIssueStride);
}

// ---------------------------------------------------------------------------------------
// Chunking and sync (ISO/IEC 13818-1 2.4.3.2; TR 101 290 5.2.1 1.1 / 1.2).

void TsInspector::push(const uint8_t* data, size_t n) {
  if (!data || n == 0) return;
  uint64_t data_offset = counters_.bytes;
  counters_.bytes += n;
  // Bytes waiting from the last push: top the carry up until its own bytes are used, then
  // go on in `data` (zero-copy) from the first byte not used.
  while (carry_len_ > 0 && n > 0) {
    const size_t old = carry_len_;
    const size_t take = std::min(n, kCarryCap - old);
    std::memcpy(carry_.data() + old, data, take);
    carry_len_ = old + take;
    size_t used = consume(carry_.data(), carry_len_, carry_offset_, false);
    if (used == 0 && take == 0) used = 1;  // unreachable (kCarryCap exceeds any decision); never spin
    if (used >= old) {
      data += used - old;
      n -= used - old;
      data_offset += used - old;
      carry_len_ = 0;
      break;
    }
    std::memmove(carry_.data(), carry_.data() + used, carry_len_ - used);
    carry_len_ -= used;
    carry_offset_ += used;
    data += take;
    n -= take;
    data_offset += take;
  }
  if (n == 0) return;
  const size_t used = consume(data, n, data_offset, false);
  if (used < n) {
    std::memcpy(carry_.data(), data + used, n - used);
    carry_len_ = n - used;
    carry_offset_ = data_offset + used;
  }
}

size_t TsInspector::consume(const uint8_t* d, size_t n, uint64_t base, bool final) {
  size_t i = 0;
  while (i < n) {
    if (!synced_) {
      size_t start = i;
      unsigned size = 0;
      const Acquire a = acquire(d, n, i, final, start, size);
      if (a == Acquire::kNone) return n;
      if (a == Acquire::kNeedMore) return start;
      on_sync(base + start, size);
      i = start;
    }
    const size_t len = packet_size_;
    if (n - i < len) {
      if (!final) return i;
      ts_issue(IssueCode::TS_PACKET_TRUNCATED, base + i, kNone16, Indicator::kNone, static_cast<int64_t>(n - i));
      return n;
    }
    const uint8_t* pkt = d + i + prefix_;
    if (pkt[0] != kSyncByte) {
      // One corrupted sync byte is a Sync_byte_error; two in a row mean sync is lost (TR 101 290
      // 5.2.1 1.1: loss after 2 or more consecutive corrupted sync bytes). The next sync byte
      // must be seen to tell the two apart.
      const bool next_known = n - i >= len + prefix_ + 1;
      if (!next_known && !final) return i;
      ts_issue(IssueCode::SYNC_BYTE_ERROR, base + i, kNone16, Indicator::Sync_byte_error, pkt[0]);
      if (next_known && d[i + len + prefix_] != kSyncByte) {
        synced_ = false;
        loss_offset_ = base + i;
        i += 1;
        continue;
      }
      ++counters_.packets;
      ++packet_index_;
      i += len;
      continue;
    }
    process_packet(pkt, base + i);
    ++counters_.packets;
    ++packet_index_;
    i += len;
  }
  return i;
}

// Finds the first position at or after i where 5 consecutive sync bytes (TR 101 290 1.1)
// sit one packet apart, trying 188, 192 (sync after a 4-byte TP_extra_header) and 204.
TsInspector::Acquire TsInspector::acquire(const uint8_t* d, size_t n, size_t i, bool final, size_t& start,
                                          unsigned& size) const {
  static const unsigned kSizes[] = {188, 192, 204};
  const unsigned fixed = packet_size_ ? packet_size_ : cfg_.packet_size;
  for (size_t c = i; c < n; ++c) {
    const void* hit = std::memchr(d + c, kSyncByte, n - c);
    if (!hit) return Acquire::kNone;
    c = static_cast<size_t>(static_cast<const uint8_t*>(hit) - d);
    for (unsigned s : kSizes) {
      if (fixed && s != fixed) continue;
      const size_t pre = s == 192 ? 4 : 0;
      if (c < i + pre) continue;  // its TP_extra_header would lie in bytes already given up
      bool more = false, match = true;
      for (size_t k = 1; k <= 4; ++k) {
        const size_t pos = c + k * s;
        if (pos >= n) {
          more = true;
          break;
        }
        if (d[pos] != kSyncByte) {
          match = false;
          break;
        }
      }
      if (match && more) {
        // At the end of the stream every sync byte there is agrees: accept one whole packet.
        if (!final) {
          start = c >= i + 4 ? c - 4 : i;  // keep a possible TP_extra_header with the candidate
          return Acquire::kNeedMore;
        }
        match = c - pre + s <= n;
      }
      if (match) {
        start = c - pre;
        size = s;
        return Acquire::kFound;
      }
    }
  }
  return Acquire::kNone;
}

void TsInspector::on_sync(uint64_t offset, unsigned size) {
  const uint64_t skipped = offset - loss_offset_;
  synced_ = true;
  if (!ever_synced_) {
    ever_synced_ = true;
    packet_size_ = size;
    prefix_ = size == 192 ? 4 : 0;
    counters_.packet_size = size;
  }
  if (skipped) {
    counters_.skipped_bytes += skipped;
    last_sync_skipped_ = static_cast<int64_t>(skipped);
    // Continuity shows any loss of fewer than 16 packets of a PID; a longer gap may hide
    // a multiple of 16 video packets, so it counts as damage if continuity looks intact.
    if (ever_synced_ && skipped >= 16u * packet_size_) video_sync_gap_ = true;
    ts_issue(IssueCode::TS_SYNC_LOSS, loss_offset_, kNone16, Indicator::TS_sync_loss, static_cast<int64_t>(skipped));
  }
}

// ---------------------------------------------------------------------------------------
// Packets (2.4.3.2, 2.4.3.3).

TsInspector::PidState& TsInspector::pid_state(uint16_t pid) {
  const uint16_t slot = pid_slot_[pid];
  return slot != kNone16 ? *pids_[slot] : new_pid(pid);
}

// A PID seen for the first time (the only allocation of the packet path).
TsInspector::PidState& TsInspector::new_pid(uint16_t pid) {
  pid_slot_[pid] = static_cast<uint16_t>(pids_.size());
  pids_.push_back(std::make_unique<PidState>());
  PidState& ps = *pids_.back();
  ps.info.pid = pid;
  if (pid == kPatPid) ps.info.kind = PidKind::kPat;
  else if (pid == kCatPid) ps.info.kind = PidKind::kCat;
  else if (pid == kNullPid) ps.info.kind = PidKind::kNull;
  else if (pid >= 0x10 && pid <= 0x14) ps.info.kind = PidKind::kSi;  // DVB SI (EN 300 468 5.1.3)
  if (ps.info.kind == PidKind::kPat || ps.info.kind == PidKind::kCat || ps.info.kind == PidKind::kSi)
    ps.section = std::make_unique<SectionAssembler>(ps.info.kind == PidKind::kSi ? kMaxPrivateSection : kMaxPsiSection);
  return ps;
}

void TsInspector::process_packet(const uint8_t* pkt, uint64_t offset) {
  // Fast path, most packets of a stream: the next packet of the inspected video PID inside a
  // PES packet whose header is done — no TEI, no PUSI, not scrambled, payload only, in
  // continuity. Exactly what the general path below does for such a packet, with less to test.
  if (video_ps_ && ((static_cast<unsigned>(pkt[1] & 0x1F) << 8) | pkt[2]) == video_pid_ && (pkt[1] & 0xC0) == 0 &&
      (pkt[3] & 0xF0) == 0x10) {
    PidState& ps = *video_ps_;
    PesState& st = *ps.pes;
    const uint8_t cc = pkt[3] & 0x0F;
    if (ps.has_cc && cc == ((ps.cc + 1) & 0x0F) && !video_sync_gap_ && st.in_pes && st.header_done && st.sniffed &&
        !st.ts_pending && st.expected == 0) {
      ++ps.info.packets;
      ps.last_offset = offset;
      ps.last_seen = now_;
      ps.pid_alarm = false;
      ps.cc = cc;
      ps.duplicate_seen = false;
      st.bytes += kPacketSize - 4;
      cur_pkt_ = pkt;
      cur_offset_ = offset + prefix_;
      push_video(pkt + 4, kPacketSize - 4, Inspector::kContinues, Inspector::kContinues);
      return;
    }
  }
  const PacketHeader h = transport_packet_header(pkt);
  PidState& ps = pid_state(h.pid);
  ++ps.info.packets;
  ps.last_offset = offset;
  ps.last_seen = now();
  ps.pid_alarm = false;
  if (h.pid == kNullPid) return;  // null packets: no continuity, no content (2.4.3.3)

  if (h.transport_error_indicator) {
    // 2.4.3.3: at least one uncorrectable bit error in the packet. Its content is not used; its
    // continuity_counter is taken as received so that the loss is reported once (here).
    ts_issue(IssueCode::TRANSPORT_ERROR, offset, h.pid, Indicator::Transport_error, 1);
    if (h.has_payload()) {
      ps.cc = h.continuity_counter;
      ps.has_cc = true;
      ps.duplicate_seen = false;
    }
    if (h.pid == video_pid_) mark_video_damage(IssueCode::VIDEO_DAMAGED_BY_TRANSPORT_ERROR, 1, offset);
    return;
  }
  if (h.adaptation_field_control == 0) {
    ts_issue(IssueCode::ADAPTATION_FIELD_CONTROL_RESERVED, offset, h.pid, Indicator::kNone, 0);
    return;
  }
  AdaptationField af;
  if (h.has_adaptation_field()) {
    const AdaptationStatus st = adaptation_field(pkt, h.has_payload(), af);
    if (st == AdaptationStatus::kNoPayloadRoom) {
      // Every byte is in place, only the payload flag is wrong: the packet counts (its
      // continuity_counter included) with an empty payload; reported once per PID.
      if (!ps.no_payload_room_reported) {
        ps.no_payload_room_reported = true;
        ts_issue(IssueCode::ADAPTATION_FIELD_NO_PAYLOAD_ROOM, offset, h.pid, Indicator::kNone, 183, 0, 182);
      }
    } else if (st != AdaptationStatus::kOk) {
      ts_issue(IssueCode::ADAPTATION_FIELD_INVALID, offset, h.pid, Indicator::kNone, pkt[4], 0,
               h.has_payload() ? 182 : 183);
      return;
    }
  }

  // Continuity (2.4.3.3): +1 per packet with payload; no change without payload; one
  // duplicate allowed; discontinuity_indicator (2.4.3.5) lets it jump. After an error the
  // received value is the new reference, so one loss is reported once.
  bool duplicate = false;
  bool lost = false;
  if (h.has_payload()) {
    if (ps.has_cc && !af.discontinuity_indicator) {
      const uint8_t expected = static_cast<uint8_t>((ps.cc + 1) & 0x0F);
      if (h.continuity_counter == ps.cc) {
        if (ps.duplicate_seen) {
          ts_issue(IssueCode::CONTINUITY_COUNT_REPEAT, offset, h.pid, Indicator::Continuity_count_error,
                   h.continuity_counter);
        }
        duplicate = true;
        ps.duplicate_seen = true;
      } else if (h.continuity_counter != expected) {
        const int64_t missing = (h.continuity_counter - expected) & 0x0F;
        ts_issue(IssueCode::CONTINUITY_COUNT_ERROR, offset, h.pid, Indicator::Continuity_count_error,
                 h.continuity_counter, expected, missing);
        if (h.pid == video_pid_) mark_video_damage(IssueCode::VIDEO_DAMAGED_BY_PACKET_LOSS, missing, offset);
        if (ps.section) ps.section->reset();
        ps.duplicate_seen = false;
        lost = true;
      } else {
        ps.duplicate_seen = false;
      }
    } else {
      ps.duplicate_seen = false;
    }
    ps.cc = h.continuity_counter;
    ps.has_cc = true;
  }
  if (h.pid == video_pid_ && video_sync_gap_) {
    // Sync was lost since the last video packet: if continuity did not show the gap (a multiple
    // of 16 packets), the bytes skipped are the damage.
    if (!lost && !duplicate) mark_video_damage(IssueCode::VIDEO_DAMAGED_BY_SYNC_LOSS, last_sync_skipped_, offset);
    video_sync_gap_ = false;
  }
  if (af.discontinuity_indicator) ps.discontinuity = true;
  if (af.PCR_flag) on_pcr(ps, af.pcr(), af.discontinuity_indicator, offset);
  if (duplicate) return;  // the same bytes again: used once

  if (h.transport_scrambling_control != 0) {
    ++ps.info.scrambled_packets;
    ++scrambled_packets_;
    if (h.pid == kPatPid) {
      ts_issue(IssueCode::PAT_ERROR_SCRAMBLED, offset, h.pid, Indicator::PAT_error, h.transport_scrambling_control);
    } else if (ps.info.kind == PidKind::kPmt) {
      ts_issue(IssueCode::PMT_ERROR_SCRAMBLED, offset, h.pid, Indicator::PMT_error, h.transport_scrambling_control);
    } else if (!ps.scrambled_reported) {
      ps.scrambled_reported = true;
      ts_issue(IssueCode::TS_SCRAMBLED, offset, h.pid, Indicator::kNone, h.transport_scrambling_control);
    }
    return;
  }
  if (!h.has_payload()) return;
  const size_t at = payload_offset(h, af);
  if (at >= kPacketSize) return;
  const uint8_t* p = pkt + at;
  cur_pkt_ = pkt;
  cur_offset_ = offset + prefix_;  // file offset of pkt[0]
  const size_t n = kPacketSize - at;
  switch (ps.info.kind) {
    case PidKind::kPat:
    case PidKind::kCat:
    case PidKind::kPmt:
    case PidKind::kSi:
      on_psi(ps, p, n, h.payload_unit_start_indicator, offset);
      break;
    case PidKind::kVideo:
    case PidKind::kAudio:
    case PidKind::kOtherEs:
      if (ps.pes) on_pes_payload(ps, h.payload_unit_start_indicator, af.random_access_indicator, p, n, offset);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------
// PCR and the transport clock (2.4.2.2, 2.4.3.5; TR 101 290 2.3a / 2.3b).

// The transport clock (arrival time, 27 MHz) is read from the PCRs of one PID: the first PID
// carrying one, then the inspected program's PCR_PID once it does. Without any PCR the
// decoding timestamps of the video PID (or the first audio/video PID) stand in, so the
// PSI/PID/PTS intervals of a stream without PCR are still measured.
void TsInspector::clock_reading(ClockSource src, uint16_t pid, int64_t value, bool discontinuity, uint64_t offset) {
  if (!clock_valid_) {
    clock_valid_ = true;
    clock_at_ = 0;
    // PSI and packets seen before the first reading count as seen now.
    if (pat_seen_) pat_time_ = 0;
    for (Program& pg : programs_) pg.pmt_time = 0;
    for (auto& q : pids_) q->last_seen = 0;
  } else if (src == clock_source_ && pid == clock_pid_) {
    // Follow a plausible step; across a jump, go on at the mean rate so intervals measured on
    // the clock stay real elapsed time.
    const int64_t step = src == ClockSource::kPcr ? wrap_diff(static_cast<uint64_t>(value), static_cast<uint64_t>(clock_value_), kPcrWrap)
                                                  : value - clock_value_;
    const uint64_t bytes = offset - clock_offset_;
    if (!discontinuity && step >= 0 && step <= kClockMaxStep) {
      clock_at_ += step;
      clock_ticks_ += step;
      clock_bytes_ += bytes;
    } else if (clock_bytes_ > 0) {
      clock_at_ += static_cast<int64_t>(static_cast<double>(bytes) * static_cast<double>(clock_ticks_) /
                                        static_cast<double>(clock_bytes_));
    }
  }
  // A new source or PID continues from the current time.
  clock_source_ = src;
  clock_pid_ = pid;
  clock_value_ = value;
  clock_offset_ = offset;
  now_ = clock_at_;
  check_intervals(now_);
}

void TsInspector::on_pcr(PidState& ps, uint64_t pcr, bool discontinuity, uint64_t offset) {
  ps.info.carries_pcr = true;
  const bool take = clock_source_ != ClockSource::kPcr || ps.info.pid == clock_pid_ ||
                    (ps.info.pid == program_pcr_pid_ && clock_pid_ != program_pcr_pid_);
  if (take) clock_reading(ClockSource::kPcr, ps.info.pid, static_cast<int64_t>(pcr), discontinuity, offset);
  const int64_t now = now_;
  if (ps.has_pcr && !discontinuity) {
    const int64_t step = wrap_diff(pcr, ps.last_pcr, kPcrWrap);
    const int64_t jump_limit = static_cast<int64_t>(cfg_.pcr_jump_ms) * kTicks27PerMs;
    if (step < 0 || step > jump_limit) {
      ts_issue(IssueCode::PCR_DISCONTINUITY_INDICATOR_ERROR, offset, ps.info.pid,
               Indicator::PCR_discontinuity_indicator_error, step / kTicks27PerMs, 0, cfg_.pcr_jump_ms);
    }
    if (now >= 0 && ps.last_pcr_arrival >= 0) {
      const int64_t interval = now - ps.last_pcr_arrival;
      if (interval > static_cast<int64_t>(cfg_.pcr_interval_ms) * kTicks27PerMs) {
        ts_issue(IssueCode::PCR_REPETITION_ERROR, offset, ps.info.pid, Indicator::PCR_repetition_error,
                 interval / kTicks27PerMs, 0, cfg_.pcr_interval_ms);
      }
    }
  }
  ps.has_pcr = true;
  ps.last_pcr = pcr;
  ps.last_pcr_arrival = now;
}

// PAT, PMT and PID presence (TR 101 290 1.3, 1.5, 1.6), measured on the transport clock; each
// gap is reported once, when it passes the limit.
void TsInspector::check_intervals(int64_t now) {
  if (now < 0) return;
  const int64_t pat_limit = static_cast<int64_t>(cfg_.pat_interval_ms) * kTicks27PerMs;
  const int64_t pat_gap = now - std::max<int64_t>(0, pat_time_);  // from the clock's start if none yet
  if (!pat_alarm_ && pat_gap > pat_limit) {
    pat_alarm_ = true;
    ts_issue(IssueCode::PAT_ERROR, pat_seen_ ? pat_offset_ : 0, kPatPid, Indicator::PAT_error,
             pat_gap / kTicks27PerMs, 0, cfg_.pat_interval_ms);
  }
  const int64_t pmt_limit = static_cast<int64_t>(cfg_.pmt_interval_ms) * kTicks27PerMs;
  for (Program& pg : programs_) {
    const int64_t gap = now - std::max<int64_t>(0, pg.pmt_time);
    if (!pg.pmt_alarm && gap > pmt_limit) {
      pg.pmt_alarm = true;
      ts_issue(IssueCode::PMT_ERROR, pg.pmt_offset, pg.pmt_pid, Indicator::PMT_error, gap / kTicks27PerMs, 0,
               cfg_.pmt_interval_ms);
    }
  }
  // A PCR_PID that carries no PCR at all (its gaps are measured in on_pcr).
  const int64_t pcr_limit = static_cast<int64_t>(cfg_.pcr_interval_ms) * kTicks27PerMs;
  for (Program& pg : programs_) {
    if (pg.pcr_alarm || pg.pcr_pid == kNone16 || pg.pcr_pid == kNullPid) continue;
    const uint16_t slot = pid_slot_[pg.pcr_pid];
    if (slot != kNone16 && pids_[slot]->has_pcr) continue;
    if (now - std::max<int64_t>(0, pg.pcr_since) > pcr_limit) {
      pg.pcr_alarm = true;
      ts_issue(IssueCode::PCR_ABSENT, pg.pmt_offset, pg.pcr_pid, Indicator::PCR_repetition_error, pg.program_number, 0,
               cfg_.pcr_interval_ms);
    }
  }
  const int64_t pid_limit = static_cast<int64_t>(cfg_.pid_interval_ms) * kTicks27PerMs;
  for (auto& q : pids_) {
    PidState& ps = *q;
    if (!ps.info.listed) continue;
    const int64_t gap = now - std::max<int64_t>(0, ps.last_seen);
    if (!ps.pid_alarm && gap > pid_limit) {
      ps.pid_alarm = true;
      ts_issue(IssueCode::PID_ERROR, ps.last_offset, ps.info.pid, Indicator::PID_error, gap / kTicks27PerMs, 0,
               cfg_.pid_interval_ms);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Timestamps (2.4.3.7): one unwrapped 90 kHz timeline shared by all PIDs, so a wrap of
// the 33-bit counter is neither a jump nor A/V drift.

int64_t TsInspector::unwrap(uint64_t ts33) {
  ts33 &= kPts33 - 1;
  if (!ts_ref_valid_) {
    ts_ref_valid_ = true;
    ts_ref_ = static_cast<int64_t>(ts33);
    return ts_ref_;
  }
  int64_t v = ts_ref_ + wrap_diff(ts33, static_cast<uint64_t>(ts_ref_) % kPts33, kPts33);
  if (v < 0) v += static_cast<int64_t>(kPts33);  // before the first value, across a wrap: keep it positive
  ts_ref_ = v;
  return v;
}

// ---------------------------------------------------------------------------------------

void TsInspector::flush() {
  if (carry_len_ > 0) {
    size_t at = 0;
    while (at < carry_len_) {
      const size_t used = consume(carry_.data() + at, carry_len_ - at, carry_offset_ + at, true);
      if (used == 0) break;
      at += used;
    }
    carry_len_ = 0;
  }
  if (!synced_ && counters_.bytes > loss_offset_) {
    const uint64_t skipped = counters_.bytes - loss_offset_;
    counters_.skipped_bytes += skipped;
    ts_issue(IssueCode::TS_SYNC_LOSS, loss_offset_, kNone16, Indicator::TS_sync_loss, static_cast<int64_t>(skipped));
    loss_offset_ = counters_.bytes;
  }
  for (auto& ps : pids_)
    if (ps->pes && ps->pes->in_pes) end_pes(*ps, *ps->pes);
  // Absence up to the end of the stream.
  if (clock_valid_) check_intervals(now());
  if (ever_synced_ && !pat_seen_ && !pat_alarm_) {
    pat_alarm_ = true;
    ts_issue(IssueCode::PAT_ERROR, 0, kPatPid, Indicator::PAT_error,
             clock_valid_ ? now() / kTicks27PerMs : 0, 0, cfg_.pat_interval_ms);
  }
  if (scrambled_packets_ && !cat_seen_)
    ts_issue(IssueCode::CAT_ERROR_MISSING, 0, kCatPid, Indicator::CAT_error, static_cast<int64_t>(scrambled_packets_));
  if (video_) {
    video_->flush();
    collect_video_output();
    video_pes_.clear();
  } else if (ever_synced_) {
    size_t streams = 0;
    for (const auto& ps : pids_) streams += ps->info.listed ? 1 : 0;
    ts_issue(IssueCode::TS_NO_VIDEO_STREAM, 0, kNone16, Indicator::kNone, static_cast<int64_t>(streams));
  }
}

}  // namespace mi::ts
