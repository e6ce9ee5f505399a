// Node wrapper of mi::ts::TsInspector: transport stream bytes in, records copied into
// caller-owned typed arrays (binding/record_outputs.h), like InspectorWrap.
#pragma once
#include <napi.h>
#include <memory>
#include "binding/record_outputs.h"
#include "mpegts/ts_inspector.h"

namespace mi::binding {

class TsInspectorWrap : public Napi::ObjectWrap<TsInspectorWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit TsInspectorWrap(const Napi::CallbackInfo& info);

 private:
  Napi::Value SetOutputs(const Napi::CallbackInfo& info);
  Napi::Value Push(const Napi::CallbackInfo& info);
  Napi::Value VideoEs(Napi::Env env);
  Napi::Value Flush(const Napi::CallbackInfo& info);
  Napi::Value Drain(const Napi::CallbackInfo& info);
  Napi::Value Summary(const Napi::CallbackInfo& info);
  Napi::Value Counters(const Napi::CallbackInfo& info);
  Napi::Value ElementName(const Napi::CallbackInfo& info);
  void CopyOut();

  std::unique_ptr<ts::TsInspector> ts_;
  OutArray frames_, nals_, video_issues_, issues_, pes_, state_;
};

/// TsConfig from a plain object of numbers (absent fields keep their defaults); the
/// TypeScript side validates it first.
ts::TsConfig TsConfigFrom(const Napi::Value& v);
/// Counters, TR 101 290 indicators (by name) and the per-PID table, as plain objects.
Napi::Value TsCountersToObject(Napi::Env env, const ts::TsInspector& t);
/// inspectTsFile / TsInspector.layout(): record strides and the indicator names in order.
Napi::Value TsRecordLayout(const Napi::CallbackInfo& info);

}  // namespace mi::binding
