// Minimal C++ unit-test harness for the core: TEST(name) { CHECK_EQ(a, b); }.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace mitest {

struct Case { const char* name; std::function<void()> fn; };
inline std::vector<Case>& registry() { static std::vector<Case> r; return r; }
inline int& failures() { static int f = 0; return f; }
struct Register { Register(const char* n, std::function<void()> f) { registry().push_back({n, std::move(f)}); } };

// Reads a whole file (test inputs only).
std::vector<uint8_t> read_file(const std::string& path);
// Path of a file under the repository root.
std::string repo_path(const std::string& rel);

}  // namespace mitest

#define MI_CAT2(a, b) a##b
#define MI_CAT(a, b) MI_CAT2(a, b)
#define TEST(name) \
  static void name(); \
  static ::mitest::Register MI_CAT(reg_, name)(#name, name); \
  static void name()

#define CHECK(cond) do { if (!(cond)) { std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); ++::mitest::failures(); } } while (0)
#define CHECK_EQ(a, b) do { auto va_ = (a); auto vb_ = (b); if (!(va_ == vb_)) { \
  std::fprintf(stderr, "%s:%d: CHECK_EQ(%s, %s) failed: %lld vs %lld\n", __FILE__, __LINE__, #a, #b, \
               static_cast<long long>(va_), static_cast<long long>(vb_)); ++::mitest::failures(); } } while (0)
#define CHECK_STR(a, b) do { std::string va_ = (a); std::string vb_ = (b); if (va_ != vb_) { \
  std::fprintf(stderr, "%s:%d: CHECK_STR(%s, %s) failed: '%s' vs '%s'\n", __FILE__, __LINE__, #a, #b, \
               va_.c_str(), vb_.c_str()); ++::mitest::failures(); } } while (0)
