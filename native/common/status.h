// Parse outcome shared by every syntax function of the core.
#pragma once
#include <cstdint>

namespace mi {

// The four outcomes a validator must keep apart (DESIGN.md "The issue catalogue"):
// need more data (the NAL ended before the syntax did), broken (a value violates
// its semantics), missing reference (a referenced parameter set is absent) and
// valid-but-unsupported syntax.
enum class ParseStatus : uint8_t {
  kOk = 0,
  kTruncated,       ///< RBSP ended before the syntax structure did
  kOutOfRange,      ///< a syntax element is outside the range its semantics allow
  kMissingRef,      ///< a referenced parameter set has not been received
  kUnsupported,     ///< valid syntax this parser does not follow (e.g. MVC slices)
  kInvalid,         ///< other semantic violation
};

// Where a parse stopped, for the issue record: the element name is a string literal.
struct ParseError {
  ParseStatus status = ParseStatus::kOk;
  const char* element = nullptr;
  int64_t value = 0;
  int64_t min = 0;
  int64_t max = 0;

  bool ok() const { return status == ParseStatus::kOk; }
  void set(ParseStatus s, const char* e, int64_t v = 0, int64_t lo = 0, int64_t hi = 0) {
    if (status != ParseStatus::kOk) return;  // keep the first failure
    status = s; element = e; value = v; min = lo; max = hi;
  }
};

}  // namespace mi
