// Small conversion helpers shared by the wrapped classes.
#pragma once
#include <napi.h>
#include <cstdint>

namespace mi::binding {

// Reads an integer option, `fallback` when absent or not a number.
inline int64_t int_or(const Napi::Value& v, int64_t fallback) {
  return v.IsNumber() ? v.As<Napi::Number>().Int64Value() : fallback;
}

inline Napi::Value throw_type_error(Napi::Env env, const char* msg) {
  Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  return env.Undefined();
}

}  // namespace mi::binding
