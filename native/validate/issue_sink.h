// Where checks report findings: the inspector attaches them to the frame being assembled.
#pragma once
#include <cstdint>
#include "issues.h"

namespace mi {

class IssueSink {
 public:
  virtual ~IssueSink() = default;
  // `offset`: absolute stream offset; `element`: a string literal naming the syntax element or
  // quantity (may be null); `found` / `min` / `max`: the values the message template shows.
  virtual void raise(IssueCode code, uint64_t offset, const char* element, int64_t found, int64_t min, int64_t max) = 0;
};

}  // namespace mi
