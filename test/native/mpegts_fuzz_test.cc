// Hostile input for the TS inspector (run under ASan/UBSan by scripts/run-native-tests.mjs):
// random bytes, bit flips, byte runs and packet-level edits of a real stream, seeded. Every
// run must end without a crash, and the records must not depend on how the bytes were
// chunked (the chunk-invariance property, on broken input too).
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "check.h"
#include "ts_builder.h"

using namespace mitest::ts;

namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

const Bytes& base() {
  static const Bytes b = [] {
    const std::vector<Bytes> aus = split_access_units(mitest::read_file(mitest::repo_path("test/fixtures/h264_gop25.264")), false);
    std::vector<bool> keys;
    for (const Bytes& au : aus) keys.push_back(is_random_access(au, false));
    // Shorter stream (20 access units) with an audio-like PES PID and a PCR-only PID mixed in.
    std::vector<Bytes> pk = mux(std::vector<Bytes>(aus.begin(), aus.begin() + 20), keys);
    uint8_t cc = 0;
    for (int k = 0; k < 10; ++k) {
      const Bytes adts = {0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC, 0x21, 0x00, 0x49};
      for (Bytes& p : pes_packets(0x101, cc, pes(0xC0, 126000 + k * 1920, -1, adts, true))) {
        pk.insert(pk.begin() + static_cast<std::ptrdiff_t>(2 + k * 7), p);
      }
    }
    return concat(pk);
  }();
  return b;
}

Bytes mutate(Rng& rng, int kind) {
  Bytes b = base();
  switch (kind) {
    case 0:  // bit flips
      for (size_t n = 1 + rng.below(40); n; --n) b[rng.below(b.size())] ^= static_cast<uint8_t>(1u << rng.below(8));
      break;
    case 1:  // random byte runs (lengths, pointer_field, section_length, PES_header_data_length...)
      for (size_t n = 1 + rng.below(8); n; --n) {
        const size_t at = rng.below(b.size());
        for (size_t k = 0; k < 1 + rng.below(12) && at + k < b.size(); ++k) b[at + k] = static_cast<uint8_t>(rng.next());
      }
      break;
    case 2: {  // packet drops, duplicates and swaps on 188-byte boundaries, then a cut
      for (size_t n = 1 + rng.below(10); n; --n) {
        const size_t packets = b.size() / 188;  // whole packets left
        if (packets < 2) break;
        const size_t p = rng.below(packets - 1) * 188;
        const size_t q = rng.below(packets - 1) * 188;
        switch (rng.below(3)) {
          case 0: b.erase(b.begin() + static_cast<std::ptrdiff_t>(p), b.begin() + static_cast<std::ptrdiff_t>(p + 188)); break;
          case 1: b.insert(b.begin() + static_cast<std::ptrdiff_t>(p), b.begin() + static_cast<std::ptrdiff_t>(q), b.begin() + static_cast<std::ptrdiff_t>(q + 188)); break;
          default: for (size_t k = 0; k < 188; ++k) std::swap(b[p + k], b[q + k]);
        }
      }
      b.resize(b.size() - rng.below(300));
      break;
    }
    case 3:  // bytes inserted or removed (sync loss), headers of many packets scrambled
      for (size_t n = 1 + rng.below(5); n; --n) {
        const size_t at = rng.below(b.size());
        if (rng.below(2)) b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<uint8_t>(rng.next()));
        else b.erase(b.begin() + static_cast<std::ptrdiff_t>(at));
      }
      for (size_t p = 0; p + 4 <= b.size(); p += 188)
        if (rng.below(8) == 0) b[p + 1 + rng.below(3)] = static_cast<uint8_t>(rng.next());
      break;
    default: {  // pure noise, with some sync bytes
      b.assign(1 + rng.below(20000), 0);
      for (uint8_t& x : b) x = static_cast<uint8_t>(rng.next());
      for (size_t p = 0; p < b.size(); p += 188) if (rng.below(2)) b[p] = 0x47;
    }
  }
  return b;
}

}  // namespace

TEST(mpegts_fuzz_no_crash_and_chunk_invariance) {
  // MI_TS_FUZZ_RUNS / MI_TS_FUZZ_SEED widen a local campaign; the defaults run in CI.
  const char* runs_env = std::getenv("MI_TS_FUZZ_RUNS");
  const char* seed_env = std::getenv("MI_TS_FUZZ_SEED");
  const int per_kind = runs_env ? std::atoi(runs_env) : 40;
  Rng rng{seed_env ? std::strtoull(seed_env, nullptr, 10) | 1 : 0x9E3779B97F4A7C15ull};
  int runs = 0;
  for (int kind = 0; kind < 5; ++kind) {
    for (int i = 0; i < per_kind; ++i) {
      const Bytes b = mutate(rng, kind);
      const Result whole = inspect(b);
      const size_t chunk = 1 + rng.below(700);
      const Result pieces = inspect(b, chunk);
      const bool same = whole.frames == pieces.frames && whole.issues == pieces.issues &&
                        whole.video_issues == pieces.video_issues && whole.pes == pieces.pes;
      if (!same) std::fprintf(stderr, "kind %d run %d chunk %zu: records differ\n", kind, i, chunk);
      CHECK(same);
      ++runs;
    }
  }
  CHECK_EQ(runs, 5 * per_kind);
}

TEST(mpegts_fuzz_fixed_packet_sizes) {
  // A configured packet size never matches another; junk of every size stays bounded.
  Rng rng{42};
  for (unsigned size : {188u, 192u, 204u}) {
    mi::ts::TsConfig cfg;
    cfg.packet_size = size;
    cfg.max_issues_per_code = 16;
    for (int i = 0; i < 10; ++i) {
      const Bytes b = mutate(rng, i % 5);
      mi::ts::TsInspector t(cfg);
      t.push(b.data(), b.size());
      t.flush();
      CHECK(t.counters().packet_size == 0 || t.counters().packet_size == size);
      CHECK(t.issues().size() <= 16u * 64u * mi::ts::kTsIssueStride);
    }
  }
}
