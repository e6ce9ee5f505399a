// One NAL unit as the byte-stream layer hands it to the parser: a view, never a copy
// unless the unit spanned pushed chunks (then a bounded prefix is kept).
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi {

// Byte-level findings of the framing layer inside or between NAL units.
enum class ScanIssue : uint8_t {
  kLeadingGarbage = 0,    ///< bytes before the first start code (H.264 B.1.1 / H.265 B.2.1)
  kZeroSeq000,            ///< 0x000000 inside a NAL unit not followed by a start code (7.4.1 / 7.4.2.1)
  kZeroSeq001,            ///< 0x000001 inside a length-prefixed NAL unit (7.4.1 / 7.4.2.1)
  kZeroSeq002,            ///< 0x000002 inside a NAL unit (7.4.1 / 7.4.2.1)
  kEpbBadFollower,        ///< 0x000003 followed by a byte > 0x03 (7.4.1 / 7.4.2.1)
  kTrailingZeroByte,      ///< last byte of a length-prefixed NAL unit is 0x00 (7.4.1 / 7.4.2.1)
  kLengthOverrun,         ///< NAL length field runs past the sample / stream (ISO/IEC 14496-15 5.3.2)
  kEmptyNal,              ///< start code (or length 0) with no NAL unit bytes
  kMissingZeroByte,       ///< 3-byte start code where B.1.2 requires zero_byte (checked by the parser layer)
  kCount
};

struct NalSpan {
  const uint8_t* data = nullptr;  ///< first byte of the NAL unit header
  size_t avail = 0;               ///< bytes readable at data (== size unless prefix_only)
  uint64_t offset = 0;            ///< absolute stream offset of data[0]
  uint32_t size = 0;              ///< NAL unit size in bytes (trailing_zero_8bits excluded)
  uint8_t prefix_len = 0;         ///< start code length incl. leading zero_byte(s) (capped at 255), or length-field size
  bool prefix_only = false;       ///< only the first `avail` bytes were kept (unit longer than the carry cap)
  bool cut_by_eof = false;        ///< the stream ended inside this unit (flush), or a length field overran
  uint32_t epb_count = 0;         ///< emulation_prevention_three_byte count in the unit
  // First byte-level finding inside this unit (kCount when none) and how many there were.
  ScanIssue first_issue = ScanIssue::kCount;
  uint64_t first_issue_offset = 0;
  uint32_t issue_count = 0;
  uint32_t issue_mask = 0;        ///< bit (1 << ScanIssue) for every kind found inside this unit

  /// Records a finding inside this unit (the first one keeps its kind and offset).
  void note_issue(ScanIssue kind, uint64_t at) {
    if (issue_count == 0) {
      first_issue = kind;
      first_issue_offset = at;
    }
    if (issue_count != UINT32_MAX) ++issue_count;
    issue_mask |= 1u << static_cast<unsigned>(kind);
  }
};

// Receives NAL units in stream order, and findings outside any unit.
class NalSink {
 public:
  virtual ~NalSink() = default;
  virtual void on_nal(const NalSpan& nal) = 0;
  /// Bytes outside any NAL unit: garbage before the first start code, or leftover bytes.
  virtual void on_stray_bytes(ScanIssue kind, uint64_t offset, uint64_t size) = 0;
};

}  // namespace mi
