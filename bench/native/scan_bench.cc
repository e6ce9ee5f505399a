// Framing-layer micro-benchmark: zero-pair scan per implementation, AnnexBSplitter with
// 1 MiB and 1316-byte (7 TS packets) pushes, and a memchr-based start-code scan, all over
// the same buffer in one run.
//
//   scan_bench [file.264] [--reps N]
//
// Without a file it generates 64 MiB of valid Annex B: ~25 KB units (a 1080p 6 Mbit/s
// stream at 30 fps) of random payload with emulation_prevention_three_byte inserted where
// 7.3.1 requires it, 4-byte start codes before every fourth unit, 3-byte otherwise.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "annexb/annexb_splitter.h"
#include "bitstream/start_code.h"

namespace {

uint64_t g_state = 0x243F6A8885A308D3ULL;
uint64_t next_random() {
  g_state ^= g_state >> 12;
  g_state ^= g_state << 25;
  g_state ^= g_state >> 27;
  return g_state * 0x2545F4914F6CDD1DULL;
}

// Appends rbsp as NAL unit payload: 00 00 followed by a byte <= 03 gets an EPB, and a
// payload ending in 00 gets a final 03 (as cabac_zero_word padding ends).
void append_escaped(std::vector<uint8_t>& out, const std::vector<uint8_t>& rbsp) {
  int zeros = 0;
  for (uint8_t b : rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push_back(3);
      zeros = 0;
    }
    out.push_back(b);
    zeros = b == 0 ? zeros + 1 : 0;
  }
  if (zeros > 0) out.push_back(3);
}

std::vector<uint8_t> generate(size_t target, size_t* units_out, size_t* epbs_out) {
  std::vector<uint8_t> s;
  s.reserve(target + 64 * 1024);
  std::vector<uint8_t> rbsp;
  size_t units = 0;
  while (s.size() < target) {
    if (units % 4 == 0) s.push_back(0);
    s.insert(s.end(), {0, 0, 1});
    size_t len = 20000 + next_random() % 10000;
    rbsp.resize(len);
    rbsp[0] = units % 4 == 0 ? 0x65 : 0x41;
    for (size_t i = 1; i < len; i += 8) {
      uint64_t r = next_random();
      std::memcpy(&rbsp[i], &r, std::min<size_t>(8, len - i));
    }
    size_t before = s.size();
    append_escaped(s, rbsp);
    *epbs_out += s.size() - before - len;
    ++units;
  }
  *units_out = units;
  return s;
}

struct Result {
  double best_gbs = 0, median_gbs = 0;
  uint64_t check = 0;
};

Result measure(size_t bytes, int reps, const std::function<uint64_t()>& fn) {
  std::vector<double> gbs;
  Result r;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    r.check = fn();
    auto t1 = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(t1 - t0).count();
    gbs.push_back(static_cast<double>(bytes) / s / 1e9);
  }
  std::sort(gbs.begin(), gbs.end());
  r.best_gbs = gbs.back();
  r.median_gbs = gbs[gbs.size() / 2];
  return r;
}

class CountingSink : public mi::NalSink {
 public:
  uint64_t nals = 0, epbs = 0, strays = 0, touch = 0;
  void on_nal(const mi::NalSpan& s) override {
    ++nals;
    epbs += s.epb_count;
    if (s.avail) touch += s.data[0];  // what a parser does first: read the header
  }
  void on_stray_bytes(mi::ScanIssue, uint64_t, uint64_t) override { ++strays; }
};

void row(const char* name, const Result& r, const char* note = "") {
  std::printf("  %-34s %7.2f GB/s best  %7.2f median   %s\n", name, r.best_gbs, r.median_gbs, note);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 7;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else {
      path = argv[i];
    }
  }

  std::vector<uint8_t> buf;
  if (!path.empty()) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      return 1;
    }
    buf.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    std::printf("input: %s, %zu bytes\n", path.c_str(), buf.size());
  } else {
    size_t units = 0, epbs = 0;
    buf = generate(64u << 20, &units, &epbs);
    std::printf("input: generated Annex B, %zu bytes, %zu units (~25 KB), %zu EPBs\n", buf.size(), units, epbs);
  }
  const uint8_t* d = buf.data();
  const size_t n = buf.size();
  std::printf("dispatch: %s; %d repetitions, GB/s = 1e9 bytes/s\n", mi::start_code_impl(), reps);

  // Reference answer for every row: the number of start codes.
  uint64_t start_codes = 0;
  for (size_t i = 2; i < n; ++i) start_codes += d[i] == 1 && d[i - 1] == 0 && d[i - 2] == 0;

  std::printf("find_zero_pair over the buffer (every pair visited):\n");
  for (unsigned k = 0; k < static_cast<unsigned>(mi::StartCodeImpl::kCount); ++k) {
    auto impl = static_cast<mi::StartCodeImpl>(k);
    mi::ZeroPairFn fn = mi::zero_pair_fn(impl);
    if (!fn) {
      std::printf("  %-34s not available on this CPU\n", mi::start_code_impl_name(impl));
      continue;
    }
    Result r = measure(n, reps, [&] {
      uint64_t sc = 0;
      for (size_t i = fn(d, 0, n); i < n; i = fn(d, i + 2, n)) {
        size_t j = i + 2;
        while (j < n && d[j] == 0) ++j;
        sc += j < n && d[j] == 1;
        i = j - 2;
      }
      return sc;
    });
    row(mi::start_code_impl_name(impl), r, r.check == start_codes ? "" : "(start-code count MISMATCH)");
  }

  std::printf("memchr-based scan (memchr for 0x01, check the two bytes before):\n");
  {
    Result r = measure(n, reps, [&] {
      uint64_t sc = 0;
      const uint8_t* p = d + 2;
      const uint8_t* end = d + n;
      while (p < end) {
        const void* q = std::memchr(p, 1, static_cast<size_t>(end - p));
        if (!q) break;
        const uint8_t* one = static_cast<const uint8_t*>(q);
        sc += one[-1] == 0 && one[-2] == 0;
        p = one + 1;
      }
      return sc;
    });
    row("memchr", r, r.check == start_codes ? "" : "(start-code count MISMATCH)");
  }

  std::printf("AnnexBSplitter (scan + EPB/zero-run classification + delivery):\n");
  for (size_t push : {size_t{1} << 20, size_t{1316}}) {
    for (unsigned k = 0; k < static_cast<unsigned>(mi::StartCodeImpl::kCount); ++k) {
      auto impl = static_cast<mi::StartCodeImpl>(k);
      if (!mi::zero_pair_fn(impl)) continue;
      CountingSink sink;
      mi::AnnexBSplitter split(sink);
      split.set_scan_impl(impl);
      Result r = measure(n, reps, [&] {
        sink.nals = 0;
        split.reset();
        for (size_t p = 0; p < n; p += push) split.push(d + p, std::min(push, n - p));
        split.flush();
        return sink.nals;
      });
      char name[64];
      std::snprintf(name, sizeof name, "%s pushes, %s", push == 1316 ? "1316-byte" : "1 MiB", mi::start_code_impl_name(impl));
      char note[96];
      std::snprintf(note, sizeof note, "%llu NAL units, %.0f NAL/s", static_cast<unsigned long long>(r.check),
                    static_cast<double>(r.check) * r.best_gbs * 1e9 / static_cast<double>(n));
      row(name, r, note);
    }
  }

  // With small pushes nearly every unit outlives its push and is copied into the carry;
  // a consumer that reads only headers can bound that copy with prefix_cap.
  std::printf("AnnexBSplitter, 1316-byte pushes, %s, by prefix_cap:\n", mi::start_code_impl());
  for (size_t cap : {size_t{256} * 1024, size_t{4096}, size_t{256}}) {
    CountingSink sink;
    mi::AnnexBSplitter split(sink, cap);
    Result r = measure(n, reps, [&] {
      sink.nals = 0;
      split.reset();
      for (size_t p = 0; p < n; p += 1316) split.push(d + p, std::min<size_t>(1316, n - p));
      split.flush();
      return sink.nals;
    });
    char name[64];
    std::snprintf(name, sizeof name, "prefix_cap %zu", cap);
    row(name, r);
  }
  return 0;
}
