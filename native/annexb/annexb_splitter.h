// Streaming NAL unit splitter for the byte-stream format: H.264 Annex B (B.1, B.2),
// H.265 Annex B (B.2, B.3). Push any chunking of a stream; NalSpans come out in order.
//
// Framing (what the sink sees):
//  - A NAL unit starts after 0x000001 and ends at the first byte of the zero run that
//    precedes the next 0x000001 (or, at flush(), before the zeros that end the stream),
//    so zero_byte, leading_zero_8bits and trailing_zero_8bits are never part of a unit.
//    prefix_len = that zero run + 1 (3 for 00 00 01, 4 for 00 00 00 01; capped at 255).
//  - Inside a unit every zero pair is classified (7.4.1 / 7.4.2.1):
//      00 00 03 xx  emulation_prevention_three_byte, counted in epb_count; xx > 0x03 is
//                   kEpbBadFollower (a 03 that is the unit's last byte is cabac_zero_word
//                   padding and legal);
//      00 00 02     kZeroSeq002;
//      00 00 00 ..  (three or more zeros not followed by 0x01) kZeroSeq000: recorded,
//                   and the unit goes on (it is not ended there);
//      00 00 01     boundary.
//    A run of three or more zeros ended by 0x02 or 0x03 is reported as kZeroSeq000 and
//    then handled as 00 00 02 / 00 00 03 on its last two zeros (as the decoder reads it).
//    first_issue_offset is the offset of the first byte of the offending sequence.
//  - Bytes before the first start code: on_stray_bytes(kLeadingGarbage, offset, size)
//    covering the first non-zero byte up to the first start code's zero run (zeros
//    alone there are leading_zero_8bits and legal, B.1.1); reported once, when the first
//    start code is found or at flush().
//  - Empty unit (a start code directly followed by the next start code, or by only
//    zeros at flush()): on_stray_bytes(kEmptyNal, offset of that start code's zero run,
//    its length in bytes). Every NalSpan therefore has size >= 1.
//  - Offsets are absolute (uint64) from the first byte pushed since construction or
//    reset(). A unit longer than 4 GiB - 1 reports size = UINT32_MAX.
//
// Chunk boundaries are invisible: any split of the same bytes gives the same NalSpan
// fields, except that a unit whose end is not in the push that holds its first byte
// is delivered from the carry buffer (avail = min(size, prefix_cap), prefix_only when
// cut) instead of from the pushed chunk (avail = size).
//
// Zero-copy: a unit whose first byte and end (the start of the next start code) are in
// one push is delivered as a pointer into that push. Otherwise its bytes are gathered
// in one carry buffer, owned by the splitter, holding at most prefix_cap bytes of it;
// the buffer grows geometrically and is reused (no allocation per NAL once warm).
// NalSpan::data is valid only during on_nal(). The sink must not call back into the
// splitter.
//
// Example:
//   Sink sink;                              // implements mi::NalSink
//   mi::AnnexBSplitter split(sink);
//   while (n = read(buf)) split.push(buf, n);
//   split.flush();                          // delivers the last unit
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "annexb/nal_span.h"
#include "bitstream/start_code.h"

namespace mi {

class AnnexBSplitter {
 public:
  explicit AnnexBSplitter(NalSink& sink, size_t prefix_cap = 256 * 1024);

  /// Scans n bytes that follow the previously pushed ones. Units that end in them are
  /// delivered before push() returns.
  void push(const uint8_t* data, size_t n);
  /// End of stream: delivers the last unit (cut_by_eof stays false: a byte stream
  /// normally ends inside its last unit), or reports leading garbage if no start code
  /// came. Then waits for a start code again; offsets keep counting.
  void flush();
  /// Drops all state; offsets restart at 0. The carry buffer keeps its capacity.
  void reset();
  /// Bytes pushed since construction or reset().
  uint64_t bytes_in() const { return total_; }

  /// Capacity of the carry buffer (stable once warm; for tests).
  size_t carry_capacity() const { return carry_.capacity(); }
  /// Forces one zero-pair implementation (tests, benchmarks); false if unavailable here.
  bool set_scan_impl(StartCodeImpl impl);

 private:
  size_t on_run(uint64_t run_start, uint64_t run_len, size_t term);
  void start_unit(uint64_t run_start, uint64_t run_len);
  void end_unit(uint64_t end);
  void commit_to(uint64_t end);
  void add_issue(ScanIssue kind, uint64_t offset);

  NalSink& sink_;
  size_t prefix_cap_;
  ZeroPairFn scan_;

  uint64_t total_ = 0;             // bytes pushed
  uint64_t base_ = 0;              // offset of chunk_[0] during push()
  const uint8_t* chunk_ = nullptr;
  size_t chunk_size_ = 0;

  // Before the first start code.
  bool in_unit_ = false;
  bool seen_nonzero_ = false;
  uint64_t first_nonzero_ = 0;

  // Current unit: [unit_start_, ...), its start code began at prefix_start_.
  uint64_t unit_start_ = 0;
  uint64_t prefix_start_ = 0;
  NalSpan stats_;                  // prefix_len, epb_count and issue fields so far
  // Bytes [unit_start_, committed_) are known unit bytes; the first prefix_cap_ of them
  // are in carry_ once the unit outlives the push it started in.
  uint64_t committed_ = 0;
  std::vector<uint8_t> carry_;

  // State straddling pushes: the zeros that ended the last push (not yet classified:
  // they may be unit bytes or the next start code's zero run), or a 00 00 03 whose
  // follower has not arrived.
  uint64_t zero_run_ = 0;
  bool epb_pending_ = false;
  uint64_t epb_offset_ = 0;
};

}  // namespace mi
