// The issue catalogue as C++ tables, generated from issues.def by the preprocessor.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi {

enum class Severity : uint8_t { info = 0, low = 1, medium = 2, high = 3, critical = 4 };
enum class ErrorType : uint8_t {
  frame_corruption = 0, sync_loss, packet_loss, timeout, buffer_overflow,
  codec_failure, network_disconnect, auth_failure, resource_exhaustion
};
enum class IssueKind : uint8_t { need_more_data = 0, broken, missing_reference, unsupported, event };

enum class IssueCode : uint16_t {
  kNone = 0,
#define ISSUE(id, name, sev, type, kind, clause, msg) name = id,
#include "issues.def"
#undef ISSUE
};

struct IssueDef {
  uint16_t id;
  const char* name;
  Severity severity;
  ErrorType type;
  IssueKind kind;
  const char* clause;
  const char* message;
};

// Every entry, in file order.
const IssueDef* issue_table(size_t* count);
// The entry for `code`, or null.
const IssueDef* issue_def(IssueCode code);

const char* severity_name(Severity s);
const char* error_type_name(ErrorType t);
const char* issue_kind_name(IssueKind k);

}  // namespace mi
