// Copy-out of native records into caller-owned Uint32Arrays, shared by the wrapped
// classes: push()/flush() copy each record vector into its array and write, per array,
// the words copied and the words available into a state array. When an array was too
// small the caller grows it, binds it again and calls drain() to copy again.
#pragma once
#include <napi.h>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mi::binding {

struct OutArray {
  Napi::Reference<Napi::Uint32Array> ref;
  uint32_t* data = nullptr;
  size_t capacity = 0;

  /// Keeps a reference to `v` (a Uint32Array) and caches its storage; false otherwise. The
  /// arrays are private to the TypeScript wrapper, which never transfers them; the
  /// reference keeps the backing store alive while the pointer is cached.
  bool bind(const Napi::Value& v) {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) return false;
    Napi::Uint32Array a = v.As<Napi::Uint32Array>();
    ref = Napi::Persistent(a);
    data = a.Data();
    capacity = a.ElementLength();
    return true;
  }
};

/// Copies src[i] into dst[i] (as much as fits); state[i] = words copied, state[n + i] = words
/// available. `state` must hold 2 * n words.
inline void copy_out(const std::vector<uint32_t>* const* src, OutArray* const* dst, size_t n, uint32_t* state) {
  for (size_t i = 0; i < n; ++i) {
    const size_t words = std::min(src[i]->size(), dst[i]->capacity);
    if (words) std::memcpy(dst[i]->data, src[i]->data(), words * sizeof(uint32_t));
    state[i] = static_cast<uint32_t>(words);
    state[n + i] = static_cast<uint32_t>(src[i]->size());
  }
}

/// A new Uint32Array holding a copy of v (results handed over once, e.g. by a file worker).
inline Napi::Uint32Array to_uint32_array(Napi::Env env, const std::vector<uint32_t>& v) {
  Napi::Uint32Array a = Napi::Uint32Array::New(env, v.size());
  if (!v.empty()) std::memcpy(a.Data(), v.data(), v.size() * sizeof(uint32_t));
  return a;
}

}  // namespace mi::binding
