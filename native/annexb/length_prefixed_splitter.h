// Streaming NAL unit splitter for length-prefixed input (MP4/ISOBMFF samples, avcC /
// hvcC): [big-endian length][NAL unit bytes] repeated — ISO/IEC 14496-15 5.3.2 (AVC),
// 8.3.2 (HEVC); the length field has lengthSizeMinusOne + 1 = 1, 2 or 4 bytes.
//
// What the sink sees:
//  - NalSpan per unit: offset of its first byte, size = the length field's value,
//    prefix_len = the length field size.
//  - Inside a unit, zero pairs are classified as in the Annex B splitter (epb_count,
//    kEpbBadFollower, kZeroSeq002, kZeroSeq000), and also 00 00 01 → kZeroSeq001 (a start
//    code emulation may not occur inside a NAL unit) and a last byte 0x00 →
//    kTrailingZeroByte (at that byte's offset), H.264 7.4.1 / H.265 7.4.2.1.
//  - Length 0: on_stray_bytes(kEmptyNal, offset of the length field, its size).
//  - A unit whose length runs past the end of the sample (end_sample()) or of the stream
//    (flush()): NalSpan with the bytes that exist (size = bytes received), cut_by_eof =
//    true and a kLengthOverrun finding at the offset where the data ran out; a cut unit is
//    not checked for kTrailingZeroByte. If not one byte of it arrived:
//    on_stray_bytes(kLengthOverrun, offset of the length field, its size).
//  - A partial length field at end_sample() / flush(): on_stray_bytes(kLengthOverrun,
//    offset, bytes present).
//  - Lengths are never trusted: the carry buffer holds at most prefix_cap bytes of a unit,
//    whatever the length field says.
//
// Chunking, zero-copy and carry rules are those of AnnexBSplitter: any split gives the
// same records (with end_sample() at the same stream positions); a unit wholly inside one
// push is a pointer into it, others come from the reused carry buffer (avail =
// min(size, prefix_cap)). NalSpan::data is valid only during on_nal().
//
// Example (one MP4 sample at a time):
//   mi::LengthPrefixedSplitter split(sink, 4);   // avcC lengthSizeMinusOne = 3
//   split.push(sample, sample_size);
//   split.end_sample();
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "annexb/nal_span.h"
#include "bitstream/start_code.h"

namespace mi {

class LengthPrefixedSplitter {
 public:
  /// length_size must be 1, 2 or 4; any other value is replaced by 4 (check it first with
  /// valid_length_size() or set_length_size()).
  LengthPrefixedSplitter(NalSink& sink, unsigned length_size, size_t prefix_cap = 256 * 1024);

  /// lengthSizeMinusOne 0, 1 or 3 (ISO/IEC 14496-15 5.3.2.1 / 8.3.2.1).
  static bool valid_length_size(unsigned length_size) {
    return length_size == 1 || length_size == 2 || length_size == 4;
  }

  void push(const uint8_t* data, size_t n);
  /// MP4 sample boundary: a unit or length field still open is reported (kLengthOverrun)
  /// and the next byte is read as a length field.
  void end_sample();
  /// End of stream: as end_sample(). Offsets keep counting.
  void flush();
  /// Drops all state; offsets restart at 0. Keeps the length size and carry capacity.
  void reset();
  /// False (and no change) unless 1, 2 or 4. Applies from the next length field that
  /// starts after the call.
  bool set_length_size(unsigned length_size);
  unsigned length_size() const { return length_size_; }
  uint64_t bytes_in() const { return total_; }

  size_t carry_capacity() const { return carry_.capacity(); }
  bool set_scan_impl(StartCodeImpl impl);

 private:
  void begin_unit(uint64_t offset, uint32_t size);
  void scan_body(size_t s, size_t e);
  size_t on_run(uint64_t run_start, uint64_t run_len, size_t term, size_t e);
  void finish_unit(const uint8_t* data);
  void cut(uint64_t at);
  void deliver(const uint8_t* data, size_t avail, uint64_t size, bool cut_by_eof);
  void add_issue(ScanIssue kind, uint64_t offset);

  NalSink& sink_;
  size_t prefix_cap_;
  unsigned length_size_;
  ZeroPairFn scan_;

  uint64_t total_ = 0;
  uint64_t base_ = 0;
  const uint8_t* chunk_ = nullptr;

  // Length field being read.
  bool in_body_ = false;
  unsigned field_size_ = 0;
  unsigned field_have_ = 0;
  uint32_t field_value_ = 0;
  uint64_t field_offset_ = 0;

  // Current unit.
  uint64_t unit_start_ = 0;
  uint32_t unit_size_ = 0;
  uint64_t remaining_ = 0;
  NalSpan stats_;
  std::vector<uint8_t> carry_;
  uint64_t zero_run_ = 0;   // zeros that ended the last push, inside this unit
  bool epb_pending_ = false;
  uint64_t epb_offset_ = 0;
};

}  // namespace mi
