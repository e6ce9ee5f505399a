#include "binding/catalogue.h"
#include "bitstream/start_code.h"
#include "inspect/records.h"
#include "issues.h"

namespace mi::binding {

Napi::Value IssueCatalogue(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t n = 0;
  const IssueDef* t = issue_table(&n);
  Napi::Array a = Napi::Array::New(env, n);
  for (size_t i = 0; i < n; ++i) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("code", t[i].id);
    o.Set("name", t[i].name);
    o.Set("severity", severity_name(t[i].severity));
    o.Set("type", error_type_name(t[i].type));
    o.Set("kind", issue_kind_name(t[i].kind));
    o.Set("clause", t[i].clause);
    o.Set("message", t[i].message);
    a.Set(static_cast<uint32_t>(i), o);
  }
  return a;
}

Napi::Value StartCodeName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), start_code_impl());
}

Napi::Value RecordLayout(const Napi::CallbackInfo& info) {
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("frameStride", static_cast<double>(rec::kFrameStride));
  o.Set("nalStride", static_cast<double>(rec::kNalStride));
  o.Set("issueStride", static_cast<double>(rec::kIssueStride));
  return o;
}

}  // namespace mi::binding
