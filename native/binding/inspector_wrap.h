// Node wrapper of mi::Inspector: bytes in, records copied into caller-owned typed arrays.
#pragma once
#include <napi.h>
#include <memory>
#include "binding/record_outputs.h"
#include "inspect/inspector.h"

namespace mi::binding {

class InspectorWrap : public Napi::ObjectWrap<InspectorWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit InspectorWrap(const Napi::CallbackInfo& info);

 private:
  Napi::Value SetOutputs(const Napi::CallbackInfo& info);
  Napi::Value Push(const Napi::CallbackInfo& info);
  Napi::Value EndSample(const Napi::CallbackInfo& info);
  Napi::Value Flush(const Napi::CallbackInfo& info);
  Napi::Value Drain(const Napi::CallbackInfo& info);
  Napi::Value Summary(const Napi::CallbackInfo& info);
  Napi::Value Counters(const Napi::CallbackInfo& info);
  Napi::Value ElementName(const Napi::CallbackInfo& info);
  Napi::Value Codec(const Napi::CallbackInfo& info);
  Napi::Value AddIssue(const Napi::CallbackInfo& info);
  void CopyOut();

  std::unique_ptr<Inspector> inspector_;
  OutArray frames_, nals_, issues_, state_;
};

// Plain-object conversions shared with the file worker.
Napi::Value SummaryToObject(Napi::Env env, const Inspector& insp);
Napi::Value CountersToObject(Napi::Env env, const InspectorCounters& c);

}  // namespace mi::binding
