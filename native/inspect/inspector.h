// The inspector: bytes in (Annex B or length-prefixed), records out (frames, NAL
// units, issues as fixed-size rows; records.h). Framing → codec front-end →
// access-unit assembly (H.264 7.4.1.2.3–7.4.1.2.4, H.265 7.4.2.4.4) → records.
// One instance per stream; no shared mutable state, so instances may live in
// different threads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>
#include "annexb/annexb_splitter.h"
#include "annexb/length_prefixed_splitter.h"
#include "annexb/nal_span.h"
#include "codec/nal_event.h"
#include "inspect/records.h"
#include "issues.h"
#include "validate/issue_sink.h"

namespace mi {

namespace h264 { class Front; class Checks; }
namespace hevc { class Front; class Checks; }

struct InspectorConfig {
  Codec codec = Codec::kUnknown;  ///< kUnknown: detect from the first decisive NAL unit header
  bool length_prefixed = false;
  unsigned length_size = 4;       ///< 1, 2 or 4 (ISO/IEC 14496-15 lengthSizeMinusOne + 1)
};

struct InspectorCounters {
  uint64_t bytes = 0;
  uint64_t nals = 0;
  uint64_t frames = 0;
  uint64_t keyframes = 0;
  uint64_t damaged_frames = 0;
  uint64_t issues = 0;
  uint64_t issues_suppressed = 0;  ///< repeats of a finding already reported in the same GOP
  uint64_t issues_by_severity[5] = {};
  uint64_t nal_types[64] = {};
};

class Inspector final : public NalSink, public IssueSink {
 public:
  explicit Inspector(const InspectorConfig& cfg);
  ~Inspector() override;
  Inspector(const Inspector&) = delete;
  Inspector& operator=(const Inspector&) = delete;

  // Feeds bytes. pts/dts (90 kHz, -1 = none) belong to the first access unit that
  // starts in this chunk (PES / sample semantics). pts == kContinues: the chunk continues
  // the previous push's timestamp unit (the next TS packet of the same PES packet), so an
  // access unit starting in it takes that unit's timestamps if none has yet.
  static constexpr int64_t kContinues = -2;
  void push(const uint8_t* data, size_t n, int64_t pts = -1, int64_t dts = -1);
  // Length-prefixed input: the end of one container sample.
  void end_sample();
  // End of stream: delivers the last NAL unit and closes the last frame.
  void flush();

  // Records appended since the last clear_output().
  const std::vector<uint32_t>& frames() const { return out_frames_; }
  const std::vector<uint32_t>& nals() const { return out_nals_; }
  const std::vector<uint32_t>& issues() const { return out_issues_; }
  void clear_output();

  Codec codec() const { return codec_; }
  void summary(StreamSummary& s) const;
  const InspectorCounters& counters() const { return counters_; }
  // Name of the syntax element an issue names (kIssueElement), "" for 0 or unknown ids.
  const char* element_name(uint32_t id) const;
  uint32_t element_count() const { return static_cast<uint32_t>(elements_.size()); }
  // An issue found outside the bitstream by the host (e.g. an unreadable file).
  void add_issue(IssueCode code, uint64_t offset, const char* element, int64_t found);
  // Damage found below the bitstream (a transport packet lost or flagged in error) at
  // `stream_offset` of the bytes pushed: the issue is attached to the frame holding the
  // NAL unit that covers that offset (or the next one), once it is assembled.
  void mark_damage(IssueCode code, uint64_t stream_offset, int64_t found);

 private:
  struct Pending;  // a frame being assembled, with its NAL and issue records
  void on_nal(const NalSpan& nal) override;
  void on_stray_bytes(ScanIssue kind, uint64_t offset, uint64_t size) override;
  void raise(IssueCode code, uint64_t offset, const char* element, int64_t found, int64_t min, int64_t max) override;
  void note_nal(Pending& f, const NalSpan& s, uint8_t type);
  void check_access_unit(Pending& f);
  void check_parameter_change(const NalEvent& ev, uint64_t offset);
  bool detect_codec(const uint8_t* p, size_t n);
  void create_front();
  void issue(Pending& f, IssueCode code, uint64_t offset, uint32_t nal, const char* element,
             int64_t found, int64_t min, int64_t max);
  void count_issue(Pending& f, IssueCode code);
  void settle_repeats(Pending& f, bool new_gop);
  void take_stray(Pending& f);
  void report_parse_error(const NalEvent& ev, uint64_t offset, uint32_t nal);
  void report_scan_issues(const NalSpan& s, uint32_t nal);
  void close_current();
  void merge_tail();
  void take_timestamps(Pending& f, uint64_t offset);
  void emit(Pending& f);
  uint32_t element_id(const char* name);

  InspectorConfig cfg_;
  Codec codec_ = Codec::kUnknown;
  std::unique_ptr<AnnexBSplitter> annexb_;
  std::unique_ptr<LengthPrefixedSplitter> lp_;
  std::unique_ptr<h264::Front> h264_;
  std::unique_ptr<hevc::Front> hevc_;
  std::unique_ptr<h264::Checks> h264_checks_;
  std::unique_ptr<hevc::Checks> hevc_checks_;
  NalEvent ev_;
  Pending* target_ = nullptr;      // the frame receiving the NAL unit being processed
  uint32_t cur_nal_ = rec::kNone;  // index of the NAL unit being processed
  std::unique_ptr<Pending> cur_;
  std::unique_ptr<Pending> tail_;  // non-VCL units after a picture that may start the next access unit
  std::unique_ptr<Pending> held_;  // an unpaired first field waiting for its second field
  std::unique_ptr<Pending> stray_;  // findings on bytes between units, for the unit that follows
  uint64_t nal_index_ = 0;
  uint64_t frame_index_ = 0;
  uint32_t undecided_nals_ = 0;
  bool after_eos_ = false;
  // Stream-level validation state.
  bool seen_picture_ = false;       // a frame with a picture was emitted
  bool propagating_ = false;        // frames depend on a damaged reference until a clean RAP
  bool pic_timing_reported_ = false;
  int active_sps_id_ = -1;
  bool sps_change_pending_ = false;
  StreamSummary rap_summary_;       // stream summary at the last random access point
  // Timestamps of pushed chunks whose first access unit has not started yet.
  struct TsRange {
    uint64_t from;
    int64_t pts, dts;
  };
  std::vector<TsRange> ts_queue_;
  struct Damage {
    IssueCode code;
    uint64_t offset;
    int64_t found;
  };
  std::vector<Damage> damage_;  // waiting for the NAL unit that covers their offset
  // "Missing parameter set" reported once per gap (cleared by any parameter set).
  struct MissingRef {
    IssueCode code;
    const char* element;
    int64_t value;
  };
  std::vector<MissingRef> missing_reported_;
  struct Repeat {
    IssueCode code;
    const char* element;
    int64_t found;
  };
  std::vector<Repeat> repeats_;  // findings reported in this GOP (once_per_gop codes)
  std::vector<const char*> elements_;
  std::vector<uint32_t> out_frames_, out_nals_, out_issues_;
  InspectorCounters counters_;
};

}  // namespace mi
