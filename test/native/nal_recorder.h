// Test helpers for the NAL splitters: a sink that records every callback (with a copy of
// the bytes it was shown), record comparison, and a deterministic PRNG.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "annexb/nal_span.h"

namespace mitest {

struct NalRecord {
  bool is_nal = false;
  // on_stray_bytes: kind / offset / size; on_nal: offset / size and the NalSpan fields.
  mi::ScanIssue kind = mi::ScanIssue::kCount;
  uint64_t offset = 0;
  uint64_t size = 0;
  size_t avail = 0;
  uint8_t prefix_len = 0;
  bool prefix_only = false;
  bool cut_by_eof = false;
  uint32_t epb_count = 0;
  mi::ScanIssue first_issue = mi::ScanIssue::kCount;
  uint64_t first_issue_offset = 0;
  uint32_t issue_count = 0;
  uint32_t issue_mask = 0;
  std::vector<uint8_t> bytes;       // data[0 .. avail)
  const uint8_t* data = nullptr;    // as delivered (valid only inside on_nal)
};

inline bool has_issue(const NalRecord& r, mi::ScanIssue k) {
  return (r.issue_mask >> static_cast<unsigned>(k)) & 1u;
}

inline std::string describe(const NalRecord& r) {
  char buf[256];
  if (!r.is_nal) {
    std::snprintf(buf, sizeof buf, "stray{kind=%u off=%llu size=%llu}", static_cast<unsigned>(r.kind),
                  static_cast<unsigned long long>(r.offset), static_cast<unsigned long long>(r.size));
  } else {
    std::snprintf(buf, sizeof buf,
                  "nal{off=%llu size=%llu avail=%zu prefix=%u only=%d eof=%d epb=%u first=%u@%llu n=%u mask=%x}",
                  static_cast<unsigned long long>(r.offset), static_cast<unsigned long long>(r.size), r.avail,
                  r.prefix_len, r.prefix_only, r.cut_by_eof, r.epb_count, static_cast<unsigned>(r.first_issue),
                  static_cast<unsigned long long>(r.first_issue_offset), r.issue_count, r.issue_mask);
  }
  return buf;
}

inline bool same_record(const NalRecord& a, const NalRecord& b) {
  return a.is_nal == b.is_nal && a.kind == b.kind && a.offset == b.offset && a.size == b.size &&
         a.avail == b.avail && a.prefix_len == b.prefix_len && a.prefix_only == b.prefix_only &&
         a.cut_by_eof == b.cut_by_eof && a.epb_count == b.epb_count && a.first_issue == b.first_issue &&
         a.first_issue_offset == b.first_issue_offset && a.issue_count == b.issue_count &&
         a.issue_mask == b.issue_mask && a.bytes == b.bytes;
}

// True when equal; otherwise prints the first difference under `label`.
inline bool same_records(const std::vector<NalRecord>& got, const std::vector<NalRecord>& want,
                         const std::string& label) {
  size_t n = got.size() < want.size() ? got.size() : want.size();
  for (size_t i = 0; i < n; ++i) {
    if (!same_record(got[i], want[i])) {
      std::fprintf(stderr, "%s: record %zu differs:\n  got  %s\n  want %s\n", label.c_str(), i,
                   describe(got[i]).c_str(), describe(want[i]).c_str());
      return false;
    }
  }
  if (got.size() != want.size()) {
    std::fprintf(stderr, "%s: %zu records, want %zu (next: %s)\n", label.c_str(), got.size(), want.size(),
                 got.size() > want.size() ? describe(got[n]).c_str() : describe(want[n]).c_str());
    return false;
  }
  return true;
}

class Recorder : public mi::NalSink {
 public:
  std::vector<NalRecord> recs;
  bool keep_bytes = true;

  void on_nal(const mi::NalSpan& s) override {
    NalRecord r;
    r.is_nal = true;
    r.offset = s.offset;
    r.size = s.size;
    r.avail = s.avail;
    r.prefix_len = s.prefix_len;
    r.prefix_only = s.prefix_only;
    r.cut_by_eof = s.cut_by_eof;
    r.epb_count = s.epb_count;
    r.first_issue = s.first_issue;
    r.first_issue_offset = s.first_issue_offset;
    r.issue_count = s.issue_count;
    r.issue_mask = s.issue_mask;
    r.data = s.data;
    if (keep_bytes && s.avail > 0) r.bytes.assign(s.data, s.data + s.avail);
    recs.push_back(std::move(r));
  }
  void on_stray_bytes(mi::ScanIssue kind, uint64_t offset, uint64_t size) override {
    NalRecord r;
    r.kind = kind;
    r.offset = offset;
    r.size = size;
    recs.push_back(std::move(r));
  }
};

// xorshift64*: the same sequence on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed ? seed : 0x9E3779B97F4A7C15ULL) {}
  uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 0x2545F4914F6CDD1DULL;
  }
  uint32_t below(uint32_t n) { return n == 0 ? 0 : static_cast<uint32_t>((next() >> 32) % n); }
  uint8_t byte() { return static_cast<uint8_t>(next() >> 56); }

 private:
  uint64_t s_;
};

// Split points: the stream cut into pushes of random sizes in [1, max_chunk].
inline std::vector<size_t> random_cuts(Rng& rng, size_t n, uint32_t max_chunk) {
  std::vector<size_t> cuts;
  size_t p = 0;
  while (p < n) {
    p += 1 + rng.below(max_chunk);
    if (p < n) cuts.push_back(p);
  }
  return cuts;
}

}  // namespace mitest
