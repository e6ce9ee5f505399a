// Native heap in use (bytes allocated by malloc/new and not freed), for memory readings in
// benchmarks and tests: glibc mallinfo2().uordblks + hblkhd; undefined elsewhere.
#pragma once
#include <napi.h>

namespace mi::binding {

Napi::Value NativeHeapBytes(const Napi::CallbackInfo& info);

}  // namespace mi::binding
