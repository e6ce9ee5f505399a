// Runs every TEST() linked into native_tests; prints "N passed, N failed".
#include <cstdio>
#include <fstream>
#include <iterator>
#include "check.h"

namespace mitest {

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::string repo_path(const std::string& rel) { return std::string(MI_SOURCE_DIR) + "/" + rel; }

}  // namespace mitest

int main(int argc, char** argv) {
  int passed = 0, failed = 0;
  for (const auto& c : mitest::registry()) {
    if (argc > 1 && std::string(c.name).find(argv[1]) == std::string::npos) continue;
    int before = mitest::failures();
    c.fn();
    if (mitest::failures() == before) {
      ++passed;
    } else {
      ++failed;
      std::fprintf(stderr, "FAIL %s\n", c.name);
    }
  }
  std::printf("native: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
