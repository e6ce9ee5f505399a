// Replays every input the fuzzer ever found a problem with (test/fuzz/regressions/), plus the
// corrupt corpus files, through the fuzz harness: they must run to the end (ASan/UBSan clean in
// the sanitizer build).
#include <dirent.h>
#include <string>
#include <vector>
#include "check.h"
#include "../fuzz/fuzz_body.h"

namespace {

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    closedir(d);
  }
  return out;
}

}  // namespace

TEST(fuzz_regressions_replay) {
  const auto files = files_in(mitest::repo_path("test/fuzz/regressions"));
  CHECK(!files.empty());
  for (const std::string& f : files) {
    const std::vector<uint8_t> d = mitest::read_file(f);
    CHECK(d.size() >= 2);
    mifuzz::run_one(d.data(), d.size());
  }
}

TEST(fuzz_harness_every_mode_on_a_real_stream) {
  // Every configuration byte (codec x framing x length size) over the x264 fixture, with two
  // chunking seeds: the harness itself must never trip the sanitizers.
  const std::vector<uint8_t> stream = mitest::read_file(mitest::repo_path("test/fixtures/h264_gop25.264"));
  CHECK(stream.size() > 1000);
  for (unsigned mode = 0; mode < 24; ++mode) {
    for (unsigned seed = 0; seed < 2; ++seed) {
      std::vector<uint8_t> in;
      in.push_back(static_cast<uint8_t>(mode));
      in.push_back(static_cast<uint8_t>(seed));
      in.insert(in.end(), stream.begin(), stream.begin() + 20000);
      mifuzz::run_one(in.data(), in.size());
    }
  }
}

TEST(fuzz_harness_mpegts_modes) {
  // The MPEG-TS branch of the harness (configuration bit 7) over a muxed fixture, both
  // video-ES settings, two chunking seeds.
  const std::vector<uint8_t> stream = mitest::read_file(mitest::repo_path("test/fixtures/mpegts/ts_h264_aac.ts"));
  CHECK(stream.size() > 50000);
  for (unsigned mode : {0x80u, 0x81u}) {
    for (unsigned seed = 0; seed < 4; ++seed) {
      std::vector<uint8_t> in;
      in.push_back(static_cast<uint8_t>(mode));
      in.push_back(static_cast<uint8_t>(seed));
      in.insert(in.end(), stream.begin(), stream.begin() + 50000);
      CHECK(mifuzz::run_one(in.data(), in.size()) != 0);
    }
  }
}
