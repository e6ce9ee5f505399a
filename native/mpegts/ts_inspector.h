// The MPEG-TS inspector: transport stream bytes in (any chunking), records out.
//
//   packets (188 / 192 / 204 bytes, detected) ── sync (TR 101 290 1.1/1.2) ── per PID:
//     continuity (1.4), TEI (2.1), adaptation field, PCR (2.3a/b)
//     PSI: PAT / CAT / PMT sections, CRC_32 (1.3, 1.5, 2.2, 2.6), DVB SI CRC_32 (2.2)
//     PES: header, PTS/DTS (33-bit wrap unwrapped), lengths, timing (2.5, B8)
//     video PID: the ES bytes of every packet pushed straight into a mi::Inspector
//     (no copy here), with the PES timestamps on the first bytes of each PES packet
//   transport damage on the video PID (continuity loss, TEI, sync loss) is marked on the
//   frame it hits (Inspector::mark_damage); random_access_indicator is checked against
//   the access unit that starts in the PES packet.
//
// Allocation: per-PID state lives in a vector indexed through an 8192-entry table and
// grows only when a PID is seen for the first time; section buffers are reserved when a
// PID becomes a PSI PID. Steady-state packets allocate nothing (output records aside).
// Chunk boundaries are invisible: a packet or a sync decision straddling pushes waits in
// a fixed carry buffer.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>
#include "inspect/inspector.h"
#include "issues.h"
#include "mpegts/packet.h"
#include "mpegts/pes.h"
#include "mpegts/psi.h"
#include "mpegts/stream_types.h"
#include "mpegts/ts_records.h"

namespace mi::ts {

struct TsConfig {
  unsigned packet_size = 0;          ///< 0: detect 188 / 192 / 204 from the content
  uint32_t pat_interval_ms = 500;    ///< TR 101 290 1.3
  uint32_t pmt_interval_ms = 500;    ///< 1.5
  uint32_t pid_interval_ms = 5000;   ///< 1.6 ("user specified period")
  uint32_t pcr_interval_ms = 100;    ///< 2.3a (ISO/IEC 13818-1 2.7.2; DVB uses 40)
  uint32_t pcr_jump_ms = 100;        ///< 2.3b
  uint32_t pts_interval_ms = 700;    ///< 2.5
  uint32_t discontinuity_ms = 1000;  ///< a PES timestamp step beyond this is a discontinuity (B8 item 52)
  uint32_t max_issues_per_code = 0;  ///< transport issue records kept per code (0: all); counters stay exact
  bool keep_video_es = false;        ///< also hand out the video ES bytes pushed (video_es()): a live
                                     ///< pipeline needs them to cut frames, which index ES bytes
};

enum class PidKind : uint8_t { kUnknown = 0, kPat, kCat, kPmt, kSi, kVideo, kAudio, kOtherEs, kNull };
const char* pid_kind_name(PidKind k);

/// What the inspector knows about one PID (the transport report's per-PID rows).
struct PidInfo {
  uint16_t pid = 0;
  PidKind kind = PidKind::kUnknown;
  uint8_t stream_type = 0;           ///< from the PMT (0 when not listed)
  EsCodec codec = EsCodec::kUnknown;
  uint16_t program_number = 0;
  bool listed = false;               ///< an elementary stream of a current PMT
  bool inspected = false;            ///< the video PID fed to the bitstream inspector
  bool carries_pcr = false;
  uint64_t packets = 0;
  uint64_t pes_packets = 0;
  uint64_t scrambled_packets = 0;
  uint32_t indicators[static_cast<size_t>(Indicator::kCount)] = {};
};

struct TsCounters {
  unsigned packet_size = 0;          ///< 0 until sync
  uint64_t bytes = 0;                ///< pushed
  uint64_t packets = 0;              ///< packet slots read in sync (dropped ones included)
  uint64_t skipped_bytes = 0;        ///< outside sync
  uint64_t video_es_bytes = 0;       ///< pushed into the bitstream inspector
  uint64_t issues = 0;
  uint64_t issues_dropped = 0;       ///< records not kept (max_issues_per_code)
  uint64_t indicators[static_cast<size_t>(Indicator::kCount)] = {};
};

class TsInspector {
 public:
  explicit TsInspector(const TsConfig& cfg = TsConfig());
  ~TsInspector();
  TsInspector(const TsInspector&) = delete;
  TsInspector& operator=(const TsInspector&) = delete;

  void push(const uint8_t* data, size_t n);
  /// End of stream: the last packet, PES packets and frames come out; absence checks run.
  void flush();

  // Records appended since the last clear_output().
  const std::vector<uint32_t>& issues() const { return out_issues_; }      ///< kTsIssueStride words each
  const std::vector<uint32_t>& pes() const { return out_pes_; }            ///< kPesStride words each
  /// mi::rec frames and NAL units of the video PID; their offsets count video ES bytes (the
  /// bytes pushed into the bitstream inspector), their PTS/DTS are the PES timestamps.
  const std::vector<uint32_t>& frames() const;
  const std::vector<uint32_t>& nals() const;
  /// mi::rec issues of the video PID, with input offsets (transport damage: the TS packet).
  const std::vector<uint32_t>& video_issues() const { return out_video_issues_; }
  /// With TsConfig::keep_video_es: the video ES bytes pushed since clear_output() (frame offsets
  /// index the concatenation of these, from the first byte of the stream).
  const std::vector<uint8_t>& video_es() const { return out_es_; }
  void clear_output();

  /// The video PID's bitstream inspector, null until its first PES payload.
  const Inspector* video() const { return video_.get(); }
  /// PID of the inspected video stream, kNone16 when none.
  uint16_t video_pid() const { return video_pid_; }
  static constexpr uint16_t kNone16 = 0xFFFF;
  const TsCounters& counters() const { return counters_; }
  /// PIDs in order of first appearance.
  size_t pid_count() const;
  const PidInfo& pid_info(size_t i) const;
  const TsConfig& config() const { return cfg_; }

 private:
  struct PesState {
    bool in_pes = false;
    bool header_done = false;
    bool rai = false;
    bool sniffed = false;
    bool ts_pending = false;       // the PES timestamps go with the next ES bytes pushed
    bool zero_length_reported = false;
    uint64_t start_offset = 0;     // TS packet that started the PES packet
    uint64_t bytes = 0;            // PES bytes received (header included)
    uint32_t expected = 0;         // 6 + PES_packet_length, 0 when unbounded
    uint16_t hdr_len = 0;
    int64_t pts = -1, dts = -1;
    int64_t last_decode = -1;      // DTS (or PTS) of the previous PES
    int64_t last_pts_arrival = -1;
    int64_t last_pts = -1;
    std::array<uint8_t, kPesMaxHeader> hdr;  // a PES header that spans packets
  };

  struct PidState {
    PidInfo info;
    bool has_cc = false;
    uint8_t cc = 0;
    bool duplicate_seen = false;   // one duplicate of the last packet was allowed already
    bool scrambled_reported = false;
    bool discontinuity = false;    // discontinuity_indicator since the last PES timestamp
    bool has_pcr = false;
    uint64_t last_pcr = 0;
    int64_t last_pcr_arrival = -1;
    uint64_t last_offset = 0;      // of the last packet (PID_error)
    int64_t last_seen = -1;        // transport clock then (or when a PMT listed it)
    bool no_payload_room_reported = false;
    bool pid_alarm = false;
    std::unique_ptr<SectionAssembler> section;  // PSI PIDs
    std::unique_ptr<PesState> pes;              // PES PIDs
  };

  struct Program {
    uint16_t program_number;
    uint16_t pmt_pid;
    uint16_t pcr_pid = kNone16;
    bool pmt_seen = false;
    uint64_t pmt_offset = 0;       // last PMT section (or when the PAT announced it)
    int64_t pmt_time = -1;         // transport clock then
    bool pmt_alarm = false;
    uint32_t pmt_crc = 0;          // CRC_32 of the applied PMT section
    int64_t pcr_since = -1;        // transport clock when the PMT named pcr_pid
    bool pcr_alarm = false;
  };

  struct VideoPes {
    uint64_t es_start;             // offset in the video ES of its first byte
    uint64_t offset;               // TS packet that started it
    bool rai;
    bool matched;                  // an access unit starting in it came out
  };

  struct EsRun {
    uint64_t es;                   // video ES offset of the run's first byte
    uint64_t ts;                   // its input offset
  };

  struct Damage {
    IssueCode code;
    uint64_t es_offset;
    uint64_t offset;
    uint64_t packet;
  };
  enum class Acquire : uint8_t { kFound, kNeedMore, kNone };
  static constexpr int64_t kTicks27PerMs = 27000;  // PCR / transport clock ticks per millisecond
  static constexpr int64_t kTicks90PerMs = 90;     // PTS / DTS ticks per millisecond
  enum class ClockSource : uint8_t { kNone, kPes, kPcr };

  size_t consume(const uint8_t* d, size_t n, uint64_t base, bool final);
  Acquire acquire(const uint8_t* d, size_t n, size_t i, bool final, size_t& start, unsigned& size) const;
  void on_sync(uint64_t offset, unsigned size);
  void process_packet(const uint8_t* pkt, uint64_t offset);
  PidState& pid_state(uint16_t pid);
  PidState& new_pid(uint16_t pid);
  void on_psi(PidState& ps, const uint8_t* p, size_t n, bool pusi, uint64_t offset);
  void on_section(PidState& ps, const uint8_t* s, size_t n, uint64_t offset);
  void on_pat(const uint8_t* s, size_t n, uint64_t offset);
  void on_pmt(PidState& ps, const uint8_t* s, size_t n, uint64_t offset);
  void on_pes_payload(PidState& ps, bool pusi, bool rai, const uint8_t* p, size_t n, uint64_t offset);
  void on_pes_header(PidState& ps, PesState& st, uint64_t offset);
  void end_pes(PidState& ps, PesState& st);
  void on_es_bytes(PidState& ps, PesState& st, const uint8_t* p, size_t n);
  void sniff_payload(PidState& ps, PesState& st, const uint8_t* p, size_t n, bool pes_started);
  void push_video(const uint8_t* p, size_t n, int64_t pts, int64_t dts);
  void on_pcr(PidState& ps, uint64_t pcr, bool discontinuity, uint64_t offset);
  void clock_reading(ClockSource src, uint16_t pid, int64_t value, bool discontinuity, uint64_t offset);
  void check_intervals(int64_t now);
  void select_video(PidState& ps, EsCodec codec);
  void mark_video_damage(IssueCode code, int64_t found, uint64_t offset);
  void collect_video_output();
  uint64_t file_offset(uint64_t es) const;
  void check_random_access(const uint32_t* frame, uint32_t index);
  /// The transport clock (27 MHz) at the last PCR of the clock PID, -1 before the first. Between
  /// PCRs it is not extrapolated: the PCRs of a variable-rate mux do not follow the bytes (a PCR
  /// per PES packet, taken from its DTS), so timing checks have the PCR spacing as granularity
  /// and never run ahead.
  int64_t now() const { return now_; }
  int64_t unwrap(uint64_t ts33);            ///< 33-bit timestamp on the shared unwrapped timeline
  void ts_issue(IssueCode code, uint64_t offset, uint16_t pid, Indicator ind, int64_t found, int64_t min = 0,
                int64_t max = 0, uint32_t frame = 0xFFFFFFFFu);

  TsConfig cfg_;
  TsCounters counters_;

  // Sync and chunking.
  static constexpr size_t kCarryCap = 1280;  // > 4 + 4 * 204 + 1: the longest sync decision
  std::array<uint8_t, kCarryCap> carry_{};
  size_t carry_len_ = 0;
  uint64_t carry_offset_ = 0;
  bool synced_ = false;
  bool ever_synced_ = false;
  unsigned packet_size_ = 0;
  unsigned prefix_ = 0;      // 4 for 192-byte packets (TP_extra_header)
  uint64_t loss_offset_ = 0; // where the bytes outside sync began
  uint64_t packet_index_ = 0;

  // PIDs.
  std::array<uint16_t, kPidCount> pid_slot_;
  // Per-PID state behind stable pointers: a PSI section may add PIDs while one is in use.
  std::vector<std::unique_ptr<PidState>> pids_;
  std::vector<Program> programs_;
  std::vector<uint32_t> issue_count_;  // per catalogue id, for max_issues_per_code

  // PSI timing.
  bool pat_seen_ = false;
  uint64_t pat_offset_ = 0;
  int64_t pat_time_ = -1;
  bool pat_alarm_ = false;
  uint64_t scrambled_packets_ = 0;
  bool cat_seen_ = false;

  // Transport clock: read from the PCRs of one PID (the video program's PCR_PID once it
  // carries one) or, without PCR, from the decoding timestamps of one PES PID.
  ClockSource clock_source_ = ClockSource::kNone;
  uint16_t clock_pid_ = kNone16;
  bool clock_valid_ = false;
  int64_t clock_at_ = 0;          // arrival time at clock_offset_ (27 MHz)
  int64_t now_ = -1;
  uint64_t clock_offset_ = 0;
  int64_t clock_value_ = 0;       // last reading: raw PCR, or decoding time * 300
  int64_t clock_ticks_ = 0;       // sum of the PCR steps followed, and the bytes they spanned:
  uint64_t clock_bytes_ = 0;      // the mean rate, used across a PCR jump
  uint16_t program_pcr_pid_ = kNone16;

  // Shared timestamp unwrapping (90 kHz).
  bool ts_ref_valid_ = false;
  int64_t ts_ref_ = 0;

  // Video.
  uint16_t video_pid_ = kNone16;
  PidState* video_ps_ = nullptr;  // its state, for the packet fast path (stable: owned by pids_)
  EsCodec video_codec_ = EsCodec::kUnknown;
  std::unique_ptr<Inspector> video_;
  uint64_t video_es_bytes_ = 0;
  bool video_sync_gap_ = false;   // a sync loss happened since the last video packet
  int64_t last_sync_skipped_ = 0;
  std::vector<VideoPes> video_pes_;  // PES packets whose first access unit has not come out yet
  std::vector<Damage> damage_;       // damage marked, waiting for its frame
  // Video ES offset -> input offset, one run per packet payload pushed, back to the end of the
  // last frame out (about two frames of packets; the vector keeps its capacity).
  std::vector<EsRun> es_map_;
  static constexpr size_t kEsMapCap = size_t{1} << 16;
  const uint8_t* cur_pkt_ = nullptr;  // the packet being processed and its input offset
  uint64_t cur_offset_ = 0;
  size_t video_frames_done_ = 0;     // words of video_->frames() already examined
  size_t video_issues_done_ = 0;
  uint32_t video_frame_index_ = 0;

  std::vector<uint8_t> out_es_;  // keep_video_es only

  std::vector<uint32_t> out_issues_, out_pes_, out_video_issues_;
};

}  // namespace mi::ts
