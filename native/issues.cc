#include "issues.h"

namespace mi {
namespace {

constexpr IssueDef kTable[] = {
#define ISSUE(id, name, sev, type, kind, clause, msg) \
  {id, #name, Severity::sev, ErrorType::type, IssueKind::kind, clause, msg},
#include "issues.def"
#undef ISSUE
};
constexpr size_t kCount = sizeof(kTable) / sizeof(kTable[0]);

// Ids are unique (a duplicate would make two enumerators with one value: checked here).
constexpr bool ids_unique() {
  for (size_t i = 0; i < kCount; ++i)
    for (size_t j = i + 1; j < kCount; ++j)
      if (kTable[i].id == kTable[j].id) return false;
  return true;
}
static_assert(ids_unique(), "issues.def: duplicate id");

}  // namespace

const IssueDef* issue_table(size_t* count) {
  *count = kCount;
  return kTable;
}

const IssueDef* issue_def(IssueCode code) {
  for (const IssueDef& d : kTable)
    if (d.id == static_cast<uint16_t>(code)) return &d;
  return nullptr;
}

const char* severity_name(Severity s) {
  static const char* const names[] = {"info", "low", "medium", "high", "critical"};
  return names[static_cast<unsigned>(s)];
}

const char* error_type_name(ErrorType t) {
  static const char* const names[] = {"frame_corruption", "sync_loss", "packet_loss", "timeout",
                                      "buffer_overflow", "codec_failure", "network_disconnect",
                                      "auth_failure", "resource_exhaustion"};
  return names[static_cast<unsigned>(t)];
}

const char* issue_kind_name(IssueKind k) {
  static const char* const names[] = {"need_more_data", "broken", "missing_reference", "unsupported", "event"};
  return names[static_cast<unsigned>(k)];
}

}  // namespace mi
