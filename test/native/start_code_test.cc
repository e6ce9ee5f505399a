// Zero-pair scan: every implementation against a naive reference.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bitstream/start_code.h"
#include "check.h"
#include "nal_recorder.h"

namespace {

size_t naive_zero_pair(const uint8_t* d, size_t from, size_t n) {
  for (size_t i = from; i + 1 < n; ++i) {
    if (d[i] == 0 && d[i + 1] == 0) return i;
  }
  return n;
}

struct Impl {
  mi::StartCodeImpl id;
  mi::ZeroPairFn fn;
};

std::vector<Impl> available_impls() {
  std::vector<Impl> v;
  for (unsigned k = 0; k < static_cast<unsigned>(mi::StartCodeImpl::kCount); ++k) {
    auto id = static_cast<mi::StartCodeImpl>(k);
    if (mi::ZeroPairFn fn = mi::zero_pair_fn(id)) v.push_back({id, fn});
  }
  return v;
}

// An exactly sized heap copy, so that ASan flags any read past d[n - 1].
std::unique_ptr<uint8_t[]> exact_copy(const uint8_t* src, size_t n) {
  std::unique_ptr<uint8_t[]> p(new uint8_t[n == 0 ? 1 : n]);
  if (n) std::memcpy(p.get(), src, n);
  return p;
}

// All hits from `from`, stepping one byte past each (overlapping pairs in 00 00 00 too).
std::vector<size_t> all_hits(mi::ZeroPairFn fn, const uint8_t* d, size_t from, size_t n) {
  std::vector<size_t> hits;
  for (size_t i = fn(d, from, n); i < n; i = fn(d, i + 1, n)) hits.push_back(i);
  return hits;
}

}  // namespace

TEST(start_code_impl_names) {
  std::string name = mi::start_code_impl();
  CHECK(name == "avx2" || name == "sse2" || name == "swar");
  bool found = false;
  for (const Impl& im : available_impls()) {
    if (im.fn == mi::best_zero_pair_fn()) {
      CHECK_STR(mi::start_code_impl_name(im.id), name);
      found = true;
    }
  }
  CHECK(found);
  CHECK(mi::zero_pair_fn(mi::StartCodeImpl::kSwar) != nullptr);  // always there
#if defined(__x86_64__)
  CHECK(mi::zero_pair_fn(mi::StartCodeImpl::kSse2) != nullptr);  // x86-64 baseline
  if (__builtin_cpu_supports("avx2")) CHECK_STR(name, "avx2");
#endif
  std::printf("start_code: dispatch picks %s, %zu implementations testable here\n", name.c_str(),
              available_impls().size());
}

TEST(start_code_empty_and_out_of_range) {
  const uint8_t z[4] = {0, 0, 0, 0};
  for (const Impl& im : available_impls()) {
    CHECK_EQ(im.fn(nullptr, 0, 0), 0u);
    CHECK_EQ(im.fn(z, 0, 1), 1u);    // one byte: no pair possible (i + 1 < n)
    CHECK_EQ(im.fn(z, 0, 2), 0u);
    CHECK_EQ(im.fn(z, 1, 2), 2u);    // from = n - 1
    CHECK_EQ(im.fn(z, 2, 2), 2u);    // from = n
    CHECK_EQ(im.fn(z, 7, 2), 2u);    // from > n still returns n
    CHECK_EQ(im.fn(z, 2, 4), 2u);
  }
  CHECK_EQ(mi::find_zero_pair(z, 3, 4), 4u);
}

// One planted pair in non-zero data, for every length up to 160 (covers the 64-, 32-, 16-
// and 8-byte main loops, their tails and the overlapped masked tail), every position and
// several start points.
TEST(start_code_planted_pair_every_alignment) {
  mitest::Rng rng(1);
  std::vector<uint8_t> base(160);
  for (auto& b : base) b = static_cast<uint8_t>(1 + rng.below(255));
  for (const Impl& im : available_impls()) {
    int bad = 0;
    for (size_t n = 0; n <= base.size() && bad < 5; ++n) {
      for (size_t p = 0; p + 1 < n + 1; ++p) {  // p == n - 1 plants a lone zero at the end
        std::vector<uint8_t> v(base.begin(), base.begin() + n);
        if (p < n) v[p] = 0;
        if (p + 1 < n) v[p + 1] = 0;
        auto buf = exact_copy(v.data(), n);
        for (size_t from : {size_t{0}, p, p + 1, p / 2, n}) {
          size_t want = naive_zero_pair(buf.get(), from, n);
          size_t got = im.fn(buf.get(), from, n);
          if (got != want && bad++ < 5) {
            std::fprintf(stderr, "%s: n=%zu p=%zu from=%zu got %zu want %zu\n",
                         mi::start_code_impl_name(im.id), n, p, from, got, want);
          }
        }
      }
    }
    CHECK_EQ(bad, 0);
  }
}

// A pair just past the end of the view (d[n - 1] == 0 == d[n]) must not be reported, and a
// pair whose first byte is before `from` must not be either.
TEST(start_code_respects_bounds) {
  std::vector<uint8_t> v(200, 0x55);
  for (const Impl& im : available_impls()) {
    for (size_t n = 1; n < 150; ++n) {
      std::fill(v.begin(), v.end(), 0x55);
      v[n - 1] = 0;
      v[n] = 0;
      CHECK_EQ(im.fn(v.data(), 0, n), n);
      std::fill(v.begin(), v.end(), 0x55);
      v[n - 1] = 0;
      v[n] = 0;  // pair at n - 1 ... viewed with one more byte it is found
      CHECK_EQ(im.fn(v.data(), 0, n + 1), n - 1);
      CHECK_EQ(im.fn(v.data(), n, n + 1), n + 1);  // starts on the pair's second byte
    }
  }
}

// Alternating zeros (00 xx 00 xx ...) hold no pair; a sentinel pair at the very end must be
// found through every tail path.
TEST(start_code_lone_zeros_are_not_pairs) {
  for (const Impl& im : available_impls()) {
    for (size_t n = 2; n < 140; ++n) {
      std::vector<uint8_t> v(n);
      for (size_t i = 0; i < n; ++i) v[i] = (i % 2) ? 0x80 : 0x00;
      auto buf = exact_copy(v.data(), n);
      CHECK_EQ(im.fn(buf.get(), 0, n), n);
      if (n >= 3) v[n - 3] = 0x80;  // keep the sentinel pair the only pair
      v[n - 2] = 0;
      v[n - 1] = 0;
      buf = exact_copy(v.data(), n);
      CHECK_EQ(im.fn(buf.get(), 0, n), n - 2);
    }
  }
}

// Random data with a high zero density: the full hit sequence from every start offset
// matches the reference, for buffers of random lengths and start points.
TEST(start_code_random_dense_zeros) {
  mitest::Rng rng(42);
  for (const Impl& im : available_impls()) {
    int bad = 0;
    for (int iter = 0; iter < 3000; ++iter) {
      size_t n = rng.below(400);
      uint32_t zero_per_mille = 50 + rng.below(500);
      std::vector<uint8_t> v(n);
      for (auto& b : v) b = rng.below(1000) < zero_per_mille ? 0 : static_cast<uint8_t>(1 + rng.below(255));
      auto buf = exact_copy(v.data(), n);
      size_t from = n ? rng.below(static_cast<uint32_t>(n)) : 0;
      std::vector<size_t> want;
      for (size_t i = naive_zero_pair(buf.get(), from, n); i < n; i = naive_zero_pair(buf.get(), i + 1, n)) {
        want.push_back(i);
      }
      if (all_hits(im.fn, buf.get(), from, n) != want) ++bad;
    }
    CHECK_EQ(bad, 0);
  }
}

// Sparse pairs in a large buffer (the bench's shape): same hits as the reference.
TEST(start_code_random_sparse_large) {
  mitest::Rng rng(7);
  std::vector<uint8_t> v(1 << 20);
  for (auto& b : v) b = rng.byte();
  for (int k = 0; k < 300; ++k) {
    size_t p = rng.below(static_cast<uint32_t>(v.size() - 1));
    v[p] = 0;
    v[p + 1] = 0;
  }
  std::vector<size_t> want;
  for (size_t i = naive_zero_pair(v.data(), 0, v.size()); i < v.size(); i = naive_zero_pair(v.data(), i + 1, v.size())) {
    want.push_back(i);
  }
  CHECK(want.size() >= 300);
  for (const Impl& im : available_impls()) {
    CHECK(all_hits(im.fn, v.data(), 0, v.size()) == want);
  }
}

TEST(start_code_skip_zero_bytes) {
  std::vector<uint8_t> v(100, 0);
  CHECK_EQ(mi::skip_zero_bytes(v.data(), 0, v.size()), 100u);
  CHECK_EQ(mi::skip_zero_bytes(nullptr, 0, 0), 0u);
  CHECK_EQ(mi::skip_zero_bytes(v.data(), 101, 100), 100u);
  for (size_t p = 0; p < 100; ++p) {
    std::fill(v.begin(), v.end(), 0);
    v[p] = 1;
    for (size_t from = 0; from <= p; from += 3) CHECK_EQ(mi::skip_zero_bytes(v.data(), from, 100), p);
    if (p + 1 <= 100) CHECK_EQ(mi::skip_zero_bytes(v.data(), p + 1, 100), 100u);
    auto buf = exact_copy(v.data(), p + 1);
    CHECK_EQ(mi::skip_zero_bytes(buf.get(), 0, p + 1), p);
  }
}
