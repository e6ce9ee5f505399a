// LengthPrefixedSplitter: hand-built samples with exact expectations, sample boundaries and
// overruns, chunking invariance against a naive reference, conformance streams re-framed
// as 4-byte length-prefixed units.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "annexb/annexb_splitter.h"
#include "annexb/length_prefixed_splitter.h"
#include "check.h"
#include "nal_recorder.h"

using mi::ScanIssue;
using mitest::NalRecord;
using mitest::Recorder;
using Bytes = std::vector<uint8_t>;

namespace {

NalRecord stray(ScanIssue kind, uint64_t off, uint64_t size) {
  NalRecord r;
  r.kind = kind;
  r.offset = off;
  r.size = size;
  return r;
}

NalRecord nal(const Bytes& s, uint64_t off, uint64_t size, uint8_t prefix_len, uint32_t epb = 0) {
  NalRecord r;
  r.is_nal = true;
  r.offset = off;
  r.size = size;
  r.avail = size;
  r.prefix_len = prefix_len;
  r.epb_count = epb;
  r.bytes.assign(s.begin() + off, s.begin() + off + size);
  return r;
}

NalRecord issue(NalRecord r, ScanIssue kind, uint64_t off) {
  if (r.issue_count == 0) {
    r.first_issue = kind;
    r.first_issue_offset = off;
  }
  ++r.issue_count;
  r.issue_mask |= 1u << static_cast<unsigned>(kind);
  return r;
}

NalRecord cut(NalRecord r, uint64_t at) {
  r.cut_by_eof = true;
  return issue(r, ScanIssue::kLengthOverrun, at);
}

void put_len(Bytes& s, uint64_t len, unsigned L) {
  for (unsigned i = L; i > 0; --i) s.push_back(static_cast<uint8_t>(len >> (8 * (i - 1))));
}

// [len][unit] for each unit.
Bytes frame(unsigned L, std::initializer_list<Bytes> units) {
  Bytes s;
  for (const Bytes& u : units) {
    put_len(s, u.size(), L);
    s.insert(s.end(), u.begin(), u.end());
  }
  return s;
}

struct Run {
  unsigned L = 4;
  size_t cap = 256 * 1024;
  mi::StartCodeImpl impl = mi::StartCodeImpl::kCount;
};

// Pushes s cut at `cuts`, calling end_sample() at each offset in sample_ends (which are
// also cut points), then flush().
std::vector<NalRecord> run_lp(const Bytes& s, std::vector<size_t> cuts, const std::vector<size_t>& sample_ends,
                              const Run& o = Run()) {
  Recorder rec;
  mi::LengthPrefixedSplitter sp(rec, o.L, o.cap);
  if (o.impl != mi::StartCodeImpl::kCount) sp.set_scan_impl(o.impl);
  cuts.insert(cuts.end(), sample_ends.begin(), sample_ends.end());
  cuts.push_back(s.size());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::set<size_t> ends(sample_ends.begin(), sample_ends.end());
  size_t p = 0;
  for (size_t c : cuts) {
    if (c > p) sp.push(s.data() + p, c - p);
    p = c;
    if (ends.count(c)) sp.end_sample();
  }
  sp.flush();
  CHECK_EQ(sp.bytes_in(), s.size());
  return rec.recs;
}

std::vector<size_t> every_byte(size_t n) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < n; ++i) cuts.push_back(i);
  return cuts;
}

// Byte-by-byte classification of unit bytes s[U, E); `complete` when E is the declared end.
void classify(const Bytes& s, size_t U, size_t E, bool complete, NalRecord& r) {
  size_t p = U;
  while (p < E) {
    if (s[p] != 0) {
      ++p;
      continue;
    }
    size_t q = p;
    while (q < E && s[q] == 0) ++q;
    size_t z = q - p;
    if (q == E) {
      if (z >= 3) r = issue(r, ScanIssue::kZeroSeq000, p);
      if (complete) r = issue(r, ScanIssue::kTrailingZeroByte, E - 1);
      break;
    }
    if (z >= 2) {
      if (z >= 3) r = issue(r, ScanIssue::kZeroSeq000, p);
      if (s[q] == 1) r = issue(r, ScanIssue::kZeroSeq001, q - 2);
      if (s[q] == 2) r = issue(r, ScanIssue::kZeroSeq002, q - 2);
      if (s[q] == 3) {
        ++r.epb_count;
        if (q + 1 < E && s[q + 1] > 3) r = issue(r, ScanIssue::kEpbBadFollower, q - 2);
      }
    }
    p = q + 1;
  }
}

// Naive reference over the whole buffer, sample by sample.
std::vector<NalRecord> reference_lp(const Bytes& s, std::vector<size_t> sample_ends, unsigned L) {
  std::vector<NalRecord> out;
  sample_ends.push_back(s.size());
  size_t a = 0;
  for (size_t b : sample_ends) {
    if (b < a) continue;
    size_t p = a;
    while (p < b) {
      if (b - p < L) {
        out.push_back(stray(ScanIssue::kLengthOverrun, p, b - p));
        break;
      }
      uint64_t len = 0;
      for (unsigned i = 0; i < L; ++i) len = (len << 8) | s[p + i];
      size_t U = p + L;
      if (len == 0) {
        out.push_back(stray(ScanIssue::kEmptyNal, p, L));
        p = U;
        continue;
      }
      if (U + len > b) {
        if (U == b) {
          out.push_back(stray(ScanIssue::kLengthOverrun, p, L));
        } else {
          NalRecord r = nal(s, U, b - U, static_cast<uint8_t>(L));
          classify(s, U, b, false, r);
          out.push_back(cut(r, b));
        }
        break;
      }
      NalRecord r = nal(s, U, len, static_cast<uint8_t>(L));
      classify(s, U, U + len, true, r);
      out.push_back(r);
      p = U + len;
    }
    a = b;
  }
  return out;
}

void expect_lp(const Bytes& s, const std::vector<size_t>& sample_ends, const std::vector<NalRecord>& want,
               const char* label, unsigned L = 4) {
  Run o;
  o.L = L;
  CHECK(mitest::same_records(reference_lp(s, sample_ends, L), want, std::string(label) + " reference"));
  CHECK(mitest::same_records(run_lp(s, {}, sample_ends, o), want, std::string(label) + " single"));
  CHECK(mitest::same_records(run_lp(s, every_byte(s.size()), sample_ends, o), want, std::string(label) + " 1-byte"));
  bool ok = true;
  for (size_t a = 1; a < s.size() && ok; ++a) {
    ok = mitest::same_records(run_lp(s, {a}, sample_ends, o), want, std::string(label) + " split " + std::to_string(a));
  }
  CHECK(ok);
}

}  // namespace

TEST(lp_length_sizes) {
  for (unsigned L : {1u, 2u, 4u}) {
    Bytes s = frame(L, {{0x67, 0x42, 0x00, 0x1E}, {0x68, 0xCE}, {0x65, 0x88, 0x84, 0x21}});
    // Units at L, 2L + 4, 3L + 6.
    expect_lp(s, {}, {nal(s, L, 4, L), nal(s, 2 * L + 4, 2, L), nal(s, 3 * L + 6, 4, L)}, "sizes", L);
  }
}

TEST(lp_start_code_emulation_and_zero_rules) {
  // [00 00 00 05][65 00 00 01 22]: 00 00 01 inside a unit at offset 5.
  Bytes s = frame(4, {{0x65, 0, 0, 1, 0x22}});
  expect_lp(s, {}, {issue(nal(s, 4, 5, 4), ScanIssue::kZeroSeq001, 5)}, "001");
  // 65 00 00 00 01: 000 at 5, then 00 00 01 at 6.
  Bytes t = frame(4, {{0x65, 0, 0, 0, 1}});
  expect_lp(t, {}, {issue(issue(nal(t, 4, 5, 4), ScanIssue::kZeroSeq000, 5), ScanIssue::kZeroSeq001, 6)}, "0001");
  // 65 00 00 02 and 65 00 00 00 05.
  Bytes u = frame(4, {{0x65, 0, 0, 2}, {0x65, 0, 0, 0, 5}});
  expect_lp(u, {},
            {issue(nal(u, 4, 4, 4), ScanIssue::kZeroSeq002, 5), issue(nal(u, 12, 5, 4), ScanIssue::kZeroSeq000, 13)},
            "002/000");
}

TEST(lp_trailing_zero_byte) {
  // [65 80 00]: last byte 00 at offset 6.
  Bytes s = frame(4, {{0x65, 0x80, 0}, {0x41, 0x9A}});
  expect_lp(s, {}, {issue(nal(s, 4, 3, 4), ScanIssue::kTrailingZeroByte, 6), nal(s, 11, 2, 4)}, "trailing");
  // [65 00 00 00]: 00 00 00 at 5, last byte 00 at 7.
  Bytes t = frame(4, {{0x65, 0, 0, 0}});
  expect_lp(t, {}, {issue(issue(nal(t, 4, 4, 4), ScanIssue::kZeroSeq000, 5), ScanIssue::kTrailingZeroByte, 7)},
            "trailing000");
}

TEST(lp_epb_rules) {
  // 00 00 03 ending a unit is legal even when the next length field starts with a byte > 3
  // (1-byte lengths: the next field is 05).
  Bytes s = frame(1, {{0x65, 0, 0, 3}, {0x41, 1, 2, 3, 4}});
  expect_lp(s, {}, {nal(s, 1, 4, 1, 1), nal(s, 6, 5, 1)}, "epb end", 1);
  // 00 00 03 04 inside: bad follower at 5; 00 00 03 00 00 03 01: two EPBs, legal.
  Bytes t = frame(4, {{0x65, 0, 0, 3, 4}, {0x65, 0, 0, 3, 0, 0, 3, 1}});
  expect_lp(t, {}, {issue(nal(t, 4, 5, 4, 1), ScanIssue::kEpbBadFollower, 5), nal(t, 13, 8, 4, 2)}, "epb");
}

TEST(lp_empty_unit) {
  // Length 0 at offset 6: stray kEmptyNal over the 4-byte field.
  Bytes s = frame(4, {{0x65, 0x88}, {}, {0x41}});
  expect_lp(s, {}, {nal(s, 4, 2, 4), stray(ScanIssue::kEmptyNal, 6, 4), nal(s, 14, 1, 4)}, "empty");
}

TEST(lp_overrun_at_flush) {
  // [00 00 00 0A][65 01 02] then the stream ends: 3 of 10 bytes, kLengthOverrun at 7 (EOF).
  Bytes s = {0, 0, 0, 10, 0x65, 1, 2};
  expect_lp(s, {}, {cut(nal(s, 4, 3, 4), 7)}, "overrun");
  // A unit cut inside a zero run: 00 00 00 counts (kZeroSeq000 at 5), no trailing-zero finding.
  Bytes t = {0, 0, 0, 10, 0x65, 0, 0, 0};
  expect_lp(t, {}, {cut(issue(nal(t, 4, 4, 4), ScanIssue::kZeroSeq000, 5), 8)}, "overrun zeros");
  // Field complete, no byte of the unit: stray over the field.
  Bytes u = {0, 0, 0, 2, 0x65, 0x88, 0, 0, 0, 9};
  expect_lp(u, {}, {nal(u, 4, 2, 4), stray(ScanIssue::kLengthOverrun, 6, 4)}, "overrun empty");
  // Partial length field at the end: 2 of 4 bytes at offset 6.
  Bytes v = {0, 0, 0, 2, 0x65, 0x88, 0, 0};
  expect_lp(v, {}, {nal(v, 4, 2, 4), stray(ScanIssue::kLengthOverrun, 6, 2)}, "partial field");
}

TEST(lp_sample_boundaries) {
  // Sample 1 (0..9): [00 00 00 10][65 01 02 03 04]: 16 declared, 5 present -> cut at 9.
  // Sample 2 (9..15): [00 00 00 02][41 42] parsed from its first byte (resynchronised).
  // Sample 3 (15..23): [00 00 00 01][68][00 07]: 2 bytes left over, too short for a field.
  Bytes s = {0, 0, 0, 16, 0x65, 1, 2, 3, 4, 0, 0, 0, 2, 0x41, 0x42, 0, 0, 0, 1, 0x68, 0, 7};
  expect_lp(s, {9, 15},
            {cut(nal(s, 4, 5, 4), 9), nal(s, 13, 2, 4), nal(s, 19, 1, 4), stray(ScanIssue::kLengthOverrun, 20, 2)},
            "samples");
  // An empty sample and a sample that is just one complete length field.
  Bytes t = {0, 0, 0, 5, 0, 0, 0, 1, 0x09};
  expect_lp(t, {0, 4}, {stray(ScanIssue::kLengthOverrun, 0, 4), nal(t, 8, 1, 4)}, "samples2");
}

TEST(lp_huge_length_is_not_trusted) {
  // 0xFFFFFFFF declared, 5000 bytes present, pushed 1316 at a time; carry capped.
  Bytes s = {0xFF, 0xFF, 0xFF, 0xFF};
  for (int i = 0; i < 5000; ++i) s.push_back(static_cast<uint8_t>(0x40 + (i % 64)));
  Recorder rec;
  rec.keep_bytes = false;
  mi::LengthPrefixedSplitter sp(rec, 4, 1024);
  for (size_t p = 0; p < s.size(); p += 1316) sp.push(s.data() + p, std::min<size_t>(1316, s.size() - p));
  CHECK_EQ(rec.recs.size(), 0u);
  CHECK(sp.carry_capacity() <= 1024);
  sp.flush();
  CHECK_EQ(rec.recs.size(), 1u);
  CHECK(rec.recs[0].is_nal);
  CHECK_EQ(rec.recs[0].size, 5000u);
  CHECK_EQ(rec.recs[0].avail, 1024u);
  CHECK(rec.recs[0].prefix_only);
  CHECK(rec.recs[0].cut_by_eof);
  CHECK_EQ(rec.recs[0].first_issue_offset, 5004u);
  CHECK(mitest::has_issue(rec.recs[0], ScanIssue::kLengthOverrun));
}

TEST(lp_set_length_size) {
  Recorder rec;
  mi::LengthPrefixedSplitter bad(rec, 3);
  CHECK_EQ(bad.length_size(), 4u);  // invalid size at construction: 4
  for (unsigned v : {0u, 3u, 5u, 8u}) CHECK(!bad.set_length_size(v));
  CHECK_EQ(bad.length_size(), 4u);
  for (unsigned v : {1u, 2u, 4u}) {
    CHECK(bad.set_length_size(v));
    CHECK_EQ(bad.length_size(), v);
  }
  // Sample 1 with 4-byte lengths, sample 2 with 2-byte lengths.
  Bytes a = frame(4, {{0x65, 0x01}});
  Bytes b = frame(2, {{0x41, 0x02}});
  mi::LengthPrefixedSplitter sp(rec, 4);
  sp.push(a.data(), a.size());
  sp.end_sample();
  CHECK(sp.set_length_size(2));
  sp.push(b.data(), b.size());
  sp.end_sample();
  CHECK_EQ(rec.recs.size(), 2u);
  CHECK_EQ(rec.recs[1].offset, 8u);
  CHECK_EQ(rec.recs[1].prefix_len, 2);
  CHECK_EQ(rec.recs[1].size, 2u);
}

TEST(lp_zero_copy_and_carry) {
  Bytes a = {0, 0, 0, 2, 0x65, 0x01, 0, 0, 0, 3, 0x41};  // unit 2 continues in b
  Bytes b = {0x42, 0x43, 0, 0, 0, 1, 0x68};
  Recorder rec;
  mi::LengthPrefixedSplitter sp(rec, 4);
  sp.push(a.data(), a.size());
  CHECK_EQ(rec.recs.size(), 1u);
  CHECK(rec.recs[0].data == a.data() + 4);  // wholly inside a
  sp.push(b.data(), b.size());
  CHECK_EQ(rec.recs.size(), 3u);
  CHECK(rec.recs[1].bytes == Bytes({0x41, 0x42, 0x43}));
  CHECK(rec.recs[1].data != a.data() + 10 && rec.recs[1].data != b.data());
  CHECK(rec.recs[2].data == b.data() + 6);  // field 13..16 and unit 17 both in b
  CHECK_EQ(rec.recs[2].offset, 17u);
  // A length field split across pushes does not prevent zero-copy of the unit.
  Bytes c = {0, 0};
  Bytes d = {0, 2, 0x65, 0x77};
  Recorder r2;
  mi::LengthPrefixedSplitter sp2(r2, 4);
  sp2.push(c.data(), c.size());
  sp2.push(d.data(), d.size());
  CHECK_EQ(r2.recs.size(), 1u);
  CHECK(r2.recs[0].data == d.data() + 2);
  CHECK_EQ(r2.recs[0].offset, 4u);
}

TEST(lp_carry_capacity_stable) {
  mitest::Rng rng(3);
  Bytes s;
  for (int k = 0; k < 300; ++k) {
    size_t len = k == 0 ? 4000 : 300 + rng.below(3700);
    put_len(s, len, 4);
    for (size_t i = 0; i < len; ++i) s.push_back(static_cast<uint8_t>(0x10 + rng.below(0xE0)));
  }
  Recorder rec;
  rec.keep_bytes = false;
  mi::LengthPrefixedSplitter sp(rec, 4);
  size_t warm = 0;
  for (size_t p = 0; p < s.size(); p += 1316) {
    sp.push(s.data() + p, std::min<size_t>(1316, s.size() - p));
    if (warm == 0 && rec.recs.size() >= 10) warm = sp.carry_capacity();
  }
  sp.flush();
  CHECK_EQ(rec.recs.size(), 300u);
  CHECK(warm >= 4000);
  CHECK_EQ(sp.carry_capacity(), warm);
}

// ---- property test ----

namespace {

Bytes random_unit(mitest::Rng& rng, size_t len) {
  Bytes u;
  while (u.size() < len) {
    uint32_t t = rng.below(100);
    if (t < 8) {
      u.insert(u.end(), {0, 0, 3});
      u.push_back(rng.below(3) ? static_cast<uint8_t>(rng.below(4)) : rng.byte());
    } else if (t < 12) {
      u.insert(u.end(), 2 + rng.below(3), 0);
      u.push_back(static_cast<uint8_t>(rng.below(4)));
    } else if (t < 16) {
      u.insert(u.end(), 1 + rng.below(4), 0);
    } else {
      u.push_back(rng.below(4) == 0 ? static_cast<uint8_t>(rng.below(4)) : rng.byte());
    }
  }
  u.resize(len);
  return u;
}

// Samples of units; sometimes an empty unit, an overrunning last unit or leftover bytes.
Bytes random_lp_stream(mitest::Rng& rng, unsigned L, std::vector<size_t>& sample_ends) {
  Bytes s;
  const uint64_t max_len = L == 1 ? 255 : 3000;
  for (uint32_t samples = 1 + rng.below(8); samples > 0; --samples) {
    for (uint32_t units = rng.below(6); units > 0; --units) {
      uint32_t t = rng.below(20);
      size_t len = t == 0 ? 0 : 1 + rng.below(static_cast<uint32_t>(t < 15 ? 40 : max_len));
      put_len(s, len, L);
      Bytes u = random_unit(rng, len);
      s.insert(s.end(), u.begin(), u.end());
    }
    uint32_t tail = rng.below(8);
    if (tail == 0) {  // overrun: declared longer than present
      size_t present = rng.below(30);
      put_len(s, present + 1 + rng.below(100), L);
      Bytes u = random_unit(rng, present);
      s.insert(s.end(), u.begin(), u.end());
    } else if (tail == 1 && L > 1) {  // leftover bytes
      for (uint32_t i = 1 + rng.below(L - 1); i > 0; --i) s.push_back(rng.byte());
    }
    if (samples > 1 || rng.below(2)) sample_ends.push_back(s.size());
  }
  return s;
}

}  // namespace

TEST(lp_property_random_chunking) {
  mitest::Rng rng(31337);
  int bad = 0;
  size_t records = 0;
  const unsigned nimpl = static_cast<unsigned>(mi::StartCodeImpl::kCount);
  for (int iter = 0; iter < 500 && bad < 3; ++iter) {
    Run o;
    o.L = (iter % 3 == 0) ? 1 : (iter % 3 == 1) ? 2 : 4;
    o.impl = static_cast<mi::StartCodeImpl>(iter % nimpl);
    if (!mi::zero_pair_fn(o.impl)) o.impl = mi::StartCodeImpl::kSwar;
    std::vector<size_t> ends;
    Bytes s = random_lp_stream(rng, o.L, ends);
    auto want = reference_lp(s, ends, o.L);
    records += want.size();
    std::string label = "iter " + std::to_string(iter);
    bool ok = mitest::same_records(run_lp(s, {}, ends, o), want, label + " single");
    for (uint32_t mc : {2u, 9u, 100u, 1316u}) {
      ok = ok && mitest::same_records(run_lp(s, mitest::random_cuts(rng, s.size(), mc), ends, o), want,
                                      label + " max_chunk " + std::to_string(mc));
    }
    ok = ok && mitest::same_records(run_lp(s, every_byte(s.size()), ends, o), want, label + " 1-byte");
    if (!ok) ++bad;
  }
  CHECK_EQ(bad, 0);
  CHECK(records > 3000);
}

// ---- conformance bitstreams re-framed as [4-byte length][unit] ----

TEST(lp_conformance_reframed) {
  const char* dirs[] = {"/work/shared/conformance/h264", "/work/shared/conformance/hevc"};
  static const std::set<std::string> exts = {".264", ".h264", ".jsv", ".es", ".265", ".h265", ".hevc", ".bin"};
  for (const char* dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      std::printf("lp_conformance_reframed: %s absent, skipped\n", dir);
      continue;
    }
    size_t files = 0, nals = 0;
    mitest::Rng rng(12);
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (!e.is_regular_file() || !exts.count(e.path().extension().string())) continue;
      Bytes annexb = mitest::read_file(e.path().string());
      Recorder units;
      mi::AnnexBSplitter split(units, 1u << 30);
      split.push(annexb.data(), annexb.size());
      split.flush();
      Bytes s;
      std::vector<const NalRecord*> src;
      for (const auto& r : units.recs) {
        if (!r.is_nal) continue;
        put_len(s, r.size, 4);
        s.insert(s.end(), r.bytes.begin(), r.bytes.end());
        src.push_back(&r);
      }
      auto got = run_lp(s, mitest::random_cuts(rng, s.size(), 1316), {});
      CHECK_EQ(got.size(), src.size());
      for (size_t i = 0; i < std::min(got.size(), src.size()); ++i) {
        CHECK(got[i].is_nal && got[i].size == src[i]->size && got[i].epb_count == src[i]->epb_count);
        CHECK_EQ(got[i].issue_count, 0u);  // clean streams: no 00 00 0x, no trailing 00
      }
      ++files;
      nals += got.size();
    }
    std::printf("lp_conformance_reframed: %s: %zu files, %zu NAL units\n", dir, files, nals);
  }
}
