// Streaming Annex B splitter — ITU-T H.264 (08/2021) B.1–B.2, ITU-T H.265 (08/2021) B.2–B.3.
//
// The scan only stops at zero pairs (find_zero_pair). Each maximal zero run of two or
// more bytes and the byte that ends it form one event: 00.. 01 is a boundary, anything
// else is classified inside the current unit. A run that reaches the end of a push is
// kept as a count (its bytes are all zero, so they need not be stored) and classified
// when the next push shows what ends it.
#include "annexb/annexb_splitter.h"

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
  if (p != nullptr) {
    v.insert(v.end(), p, p + n);
  } else {
    v.insert(v.end(), n, uint8_t{0});
  }
}

}  // namespace

AnnexBSplitter::AnnexBSplitter(NalSink& sink, size_t prefix_cap)
    : sink_(sink), prefix_cap_(prefix_cap), scan_(best_zero_pair_fn()) {}

bool AnnexBSplitter::set_scan_impl(StartCodeImpl impl) {
  ZeroPairFn fn = zero_pair_fn(impl);
  if (fn == nullptr) return false;
  scan_ = fn;
  return true;
}

void AnnexBSplitter::reset() {
  total_ = 0;
  base_ = 0;
  chunk_ = nullptr;
  chunk_size_ = 0;
  in_unit_ = false;
  seen_nonzero_ = false;
  first_nonzero_ = 0;
  unit_start_ = prefix_start_ = committed_ = 0;
  stats_ = NalSpan();
  carry_.clear();
  zero_run_ = 0;
  epb_pending_ = false;
  epb_offset_ = 0;
}

void AnnexBSplitter::add_issue(ScanIssue kind, uint64_t offset) { stats_.note_issue(kind, offset); }

void AnnexBSplitter::push(const uint8_t* d, size_t n) {
  if (d == nullptr || n == 0) return;
  base_ = total_;
  chunk_ = d;
  chunk_size_ = n;

  if (!in_unit_ && !seen_nonzero_) {
    size_t k = skip_zero_bytes(d, 0, n);
    if (k < n) {
      seen_nonzero_ = true;
      first_nonzero_ = base_ + k;
    }
  }

  size_t i = 0;
  if (epb_pending_) {
    // 00 00 03 ended the previous push; d[0] is its follower.
    epb_pending_ = false;
    if (d[0] > 0x03) add_issue(ScanIssue::kEpbBadFollower, epb_offset_);
  } else if (zero_run_ > 0) {
    size_t k = skip_zero_bytes(d, 0, n);
    if (k == n) {
      zero_run_ += n;  // still undecided; nothing to commit (the run is not stored)
      total_ = base_ + n;
      chunk_ = nullptr;
      return;
    }
    uint64_t run_start = base_ - zero_run_;
    uint64_t run_len = zero_run_ + k;
    zero_run_ = 0;
    i = on_run(run_start, run_len, k);
  }

  for (;;) {
    size_t j = scan_(d, i, n);
    if (j >= n) break;
    // j starts a run: d[j - 1], if scanned, is the non-zero byte that ended the last event.
    size_t k = skip_zero_bytes(d, j + 2, n);
    if (k == n) {
      zero_run_ = n - j;
      break;
    }
    i = on_run(base_ + j, k - j, k);
  }
  // A single zero at the end may begin a start code or 00 00 03 in the next push.
  if (zero_run_ == 0 && !epb_pending_ && d[n - 1] == 0) zero_run_ = 1;

  if (in_unit_) commit_to(base_ + n - zero_run_);
  total_ = base_ + n;
  chunk_ = nullptr;
}

// One zero run of run_len bytes starting at absolute offset run_start, ended by the
// non-zero byte chunk_[term]. Returns where the scan resumes.
size_t AnnexBSplitter::on_run(uint64_t run_start, uint64_t run_len, size_t term) {
  const uint8_t b = chunk_[term];
  if (run_len < 2) return term + 1;  // a lone zero carried over from the last push
  if (!in_unit_) {
    if (b == 0x01) {
      if (seen_nonzero_ && first_nonzero_ < run_start) {
        sink_.on_stray_bytes(ScanIssue::kLeadingGarbage, first_nonzero_, run_start - first_nonzero_);
      }
      start_unit(run_start, run_len);
    }
    return term + 1;
  }
  if (b == 0x01) {
    end_unit(run_start);
    start_unit(run_start, run_len);
    return term + 1;
  }
  if (run_len >= 3) add_issue(ScanIssue::kZeroSeq000, run_start);
  const uint64_t seq = run_start + run_len - 2;  // the 00 00 xx the decoder sees
  if (b == 0x02) {
    add_issue(ScanIssue::kZeroSeq002, seq);
  } else if (b == 0x03) {
    if (stats_.epb_count != std::numeric_limits<uint32_t>::max()) ++stats_.epb_count;
    if (term + 1 < chunk_size_) {
      // A follower > 0x03 is non-zero, so it is inside this unit; a 03 that ends the
      // unit (next byte 00 of a start code, or end of stream) is always legal.
      if (chunk_[term + 1] > 0x03) add_issue(ScanIssue::kEpbBadFollower, seq);
    } else {
      epb_pending_ = true;
      epb_offset_ = seq;
    }
  }
  return term + 1;
}

void AnnexBSplitter::start_unit(uint64_t run_start, uint64_t run_len) {
  in_unit_ = true;
  prefix_start_ = run_start;
  unit_start_ = run_start + run_len + 1;
  stats_ = NalSpan();
  stats_.prefix_len = static_cast<uint8_t>(std::min<uint64_t>(run_len + 1, 255));
  carry_.clear();
  committed_ = unit_start_;
}

// Appends the unit bytes [committed_, end) to the carry, up to prefix_cap_ bytes of the
// unit. Bytes before base_ that were not committed are the zeros that ended the last
// push, so they are appended as zeros.
void AnnexBSplitter::commit_to(uint64_t end) {
  if (end <= committed_) return;
  const uint64_t cap_end = prefix_cap_ > std::numeric_limits<uint64_t>::max() - unit_start_
                               ? std::numeric_limits<uint64_t>::max()
                               : unit_start_ + prefix_cap_;
  uint64_t from = committed_;
  const uint64_t to = std::min(end, cap_end);
  if (from < to && from < base_) {
    const uint64_t zeros_end = std::min(to, base_);
    append_capped(carry_, nullptr, static_cast<size_t>(zeros_end - from), prefix_cap_);
    from = zeros_end;
  }
  if (from < to && chunk_ != nullptr) {
    const uint8_t* p = chunk_ + (from - base_);
    append_capped(carry_, p, static_cast<size_t>(to - from), prefix_cap_);
  }
  committed_ = end;
}

void AnnexBSplitter::end_unit(uint64_t end) {
  const uint64_t size = end - unit_start_;
  if (size == 0) {
    sink_.on_stray_bytes(ScanIssue::kEmptyNal, prefix_start_, unit_start_ - prefix_start_);
    return;
  }
  NalSpan s = stats_;
  s.offset = unit_start_;
  s.size = static_cast<uint32_t>(std::min<uint64_t>(size, std::numeric_limits<uint32_t>::max()));
  if (chunk_ != nullptr && unit_start_ >= base_) {
    s.data = chunk_ + (unit_start_ - base_);  // zero-copy: the whole unit is in this push
    s.avail = static_cast<size_t>(size);
  } else {
    commit_to(end);
    s.data = carry_.data();
    s.avail = carry_.size();
    s.prefix_only = s.avail < size;
  }
  sink_.on_nal(s);
}

void AnnexBSplitter::flush() {
  base_ = total_;
  chunk_ = nullptr;
  const uint64_t end = total_ - zero_run_;  // trailing_zero_8bits are not unit bytes
  zero_run_ = 0;
  epb_pending_ = false;  // a 03 at the very end is cabac_zero_word padding
  if (in_unit_) {
    end_unit(end);
  } else if (seen_nonzero_ && first_nonzero_ < end) {
    sink_.on_stray_bytes(ScanIssue::kLeadingGarbage, first_nonzero_, end - first_nonzero_);
  }
  in_unit_ = false;
  seen_nonzero_ = false;
  stats_ = NalSpan();
  carry_.clear();
}

}  // namespace mi
