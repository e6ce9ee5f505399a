// Streaming length-prefixed splitter — ISO/IEC 14496-15 5.3.2 / 8.3.2; in-unit byte rules
// of ITU-T H.264 (08/2021) 7.4.1 and ITU-T H.265 (08/2021) 7.4.2.1.
//
// The length field bounds every scan, so a zero run never crosses into the next field.
// Unlike Annex B, all body bytes belong to the unit, so the carry is appended as bytes
// arrive; only the zero-run / 00 00 03 classification straddles pushes.
#include "annexb/length_prefixed_splitter.h"

#include <algorithm>
#include <limits>

namespace mi {

namespace {

// Appends to the carry, growing it geometrically but never beyond cap (the caller keeps
// size() + n <= cap), so a length field or a long unit cannot make it allocate more.
void append_capped(std::vector<uint8_t>& v, const uint8_t* p, size_t n, size_t cap) {
  if (v.size() + n > v.capacity()) {
    size_t want = std::max(v.capacity() * 2, v.size() + n);
    v.reserve(std::min(std::max<size_t>(want, 4096), std::max(cap, v.size() + n)));
  }
  v.insert(v.end(), p, p + n);
}

}  // namespace

LengthPrefixedSplitter::LengthPrefixedSplitter(NalSink& sink, unsigned length_size, size_t prefix_cap)
    : sink_(sink),
      prefix_cap_(prefix_cap),
      length_size_(valid_length_size(length_size) ? length_size : 4),
      scan_(best_zero_pair_fn()) {}

bool LengthPrefixedSplitter::set_length_size(unsigned length_size) {
  if (!valid_length_size(length_size)) return false;
  length_size_ = length_size;
  return true;
}

bool LengthPrefixedSplitter::set_scan_impl(StartCodeImpl impl) {
  ZeroPairFn fn = zero_pair_fn(impl);
  if (fn == nullptr) return false;
  scan_ = fn;
  return true;
}

void LengthPrefixedSplitter::reset() {
  total_ = base_ = 0;
  chunk_ = nullptr;
  in_body_ = false;
  field_size_ = field_have_ = 0;
  field_value_ = 0;
  field_offset_ = 0;
  unit_start_ = 0;
  unit_size_ = 0;
  remaining_ = 0;
  stats_ = NalSpan();
  carry_.clear();
  zero_run_ = 0;
  epb_pending_ = false;
  epb_offset_ = 0;
}

void LengthPrefixedSplitter::add_issue(ScanIssue kind, uint64_t offset) { stats_.note_issue(kind, offset); }

void LengthPrefixedSplitter::push(const uint8_t* d, size_t n) {
  if (d == nullptr || n == 0) return;
  base_ = total_;
  chunk_ = d;
  size_t i = 0;
  while (i < n) {
    if (!in_body_) {
      if (field_have_ == 0) {
        field_offset_ = base_ + i;
        field_size_ = length_size_;
        field_value_ = 0;
      }
      while (field_have_ < field_size_ && i < n) {
        field_value_ = (field_value_ << 8) | d[i++];
        ++field_have_;
      }
      if (field_have_ < field_size_) break;
      field_have_ = 0;
      if (field_value_ == 0) {
        sink_.on_stray_bytes(ScanIssue::kEmptyNal, field_offset_, field_size_);
        continue;
      }
      begin_unit(base_ + i, field_value_);
      continue;
    }
    const size_t take = static_cast<size_t>(std::min<uint64_t>(remaining_, n - i));
    scan_body(i, i + take);
    const bool whole_here = unit_start_ >= base_ && take == remaining_;
    if (!whole_here && carry_.size() < prefix_cap_) {
      const size_t keep = std::min(take, prefix_cap_ - carry_.size());
      append_capped(carry_, d + i, keep, prefix_cap_);
    }
    i += take;
    remaining_ -= take;
    if (remaining_ == 0) finish_unit(whole_here ? d + (unit_start_ - base_) : nullptr);
  }
  total_ = base_ + n;
  chunk_ = nullptr;
}

void LengthPrefixedSplitter::begin_unit(uint64_t offset, uint32_t size) {
  in_body_ = true;
  unit_start_ = offset;
  unit_size_ = size;
  remaining_ = size;
  stats_ = NalSpan();
  stats_.prefix_len = static_cast<uint8_t>(field_size_);
  carry_.clear();
  zero_run_ = 0;
  epb_pending_ = false;
}

// Classifies the unit bytes chunk_[s, e), s < e, which follow the unit bytes seen so far.
void LengthPrefixedSplitter::scan_body(size_t s, size_t e) {
  const uint8_t* d = chunk_;
  size_t i = s;
  if (epb_pending_) {
    epb_pending_ = false;
    if (d[s] > 0x03) add_issue(ScanIssue::kEpbBadFollower, epb_offset_);
  } else if (zero_run_ > 0) {
    size_t k = skip_zero_bytes(d, s, e);
    if (k == e) {
      zero_run_ += e - s;
      return;
    }
    uint64_t run_start = base_ + s - zero_run_;
    uint64_t run_len = zero_run_ + (k - s);
    zero_run_ = 0;
    i = on_run(run_start, run_len, k, e);
  }
  for (;;) {
    size_t j = scan_(d, i, e);
    if (j >= e) break;
    size_t k = skip_zero_bytes(d, j + 2, e);
    if (k == e) {
      zero_run_ = e - j;
      break;
    }
    i = on_run(base_ + j, k - j, k, e);
  }
  if (zero_run_ == 0 && !epb_pending_ && d[e - 1] == 0) zero_run_ = 1;
}

size_t LengthPrefixedSplitter::on_run(uint64_t run_start, uint64_t run_len, size_t term, size_t e) {
  if (run_len < 2) return term + 1;
  if (run_len >= 3) add_issue(ScanIssue::kZeroSeq000, run_start);
  const uint64_t seq = run_start + run_len - 2;
  switch (chunk_[term]) {
    case 0x01: add_issue(ScanIssue::kZeroSeq001, seq); break;
    case 0x02: add_issue(ScanIssue::kZeroSeq002, seq); break;
    case 0x03:
      if (stats_.epb_count != std::numeric_limits<uint32_t>::max()) ++stats_.epb_count;
      if (term + 1 < e) {
        if (chunk_[term + 1] > 0x03) add_issue(ScanIssue::kEpbBadFollower, seq);
      } else {
        // Follower in the next push, or none: a 03 that ends the unit is cabac_zero_word.
        epb_pending_ = true;
        epb_offset_ = seq;
      }
      break;
    default: break;
  }
  return term + 1;
}

// The unit's last byte has arrived. data: the unit inside the current push, or nullptr
// when it is in the carry.
void LengthPrefixedSplitter::finish_unit(const uint8_t* data) {
  const uint64_t end = unit_start_ + unit_size_;
  if (zero_run_ > 0) {
    if (zero_run_ >= 3) add_issue(ScanIssue::kZeroSeq000, end - zero_run_);
    add_issue(ScanIssue::kTrailingZeroByte, end - 1);
  }
  if (data != nullptr) {
    deliver(data, unit_size_, unit_size_, false);
  } else {
    deliver(carry_.data(), carry_.size(), unit_size_, false);
  }
  in_body_ = false;
}

void LengthPrefixedSplitter::deliver(const uint8_t* data, size_t avail, uint64_t size, bool cut_by_eof) {
  NalSpan s = stats_;
  s.data = data;
  s.avail = avail;
  s.offset = unit_start_;
  s.size = static_cast<uint32_t>(size);  // <= the 32-bit length field
  s.prefix_only = avail < size;
  s.cut_by_eof = cut_by_eof;
  zero_run_ = 0;
  epb_pending_ = false;
  sink_.on_nal(s);
}

// The data ended (sample or stream) at absolute offset `at`.
void LengthPrefixedSplitter::cut(uint64_t at) {
  if (in_body_) {
    const uint64_t received = unit_size_ - remaining_;
    if (received == 0) {
      sink_.on_stray_bytes(ScanIssue::kLengthOverrun, field_offset_, field_size_);
    } else {
      if (zero_run_ >= 3) add_issue(ScanIssue::kZeroSeq000, at - zero_run_);
      add_issue(ScanIssue::kLengthOverrun, at);
      deliver(carry_.data(), carry_.size(), received, true);
    }
    in_body_ = false;
    remaining_ = 0;
    zero_run_ = 0;
    epb_pending_ = false;
  } else if (field_have_ > 0) {
    sink_.on_stray_bytes(ScanIssue::kLengthOverrun, field_offset_, field_have_);
    field_have_ = 0;
  }
}

void LengthPrefixedSplitter::end_sample() { cut(total_); }

void LengthPrefixedSplitter::flush() { cut(total_); }

}  // namespace mi
