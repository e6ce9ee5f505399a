#include "binding/heap_stats.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define MI_HAVE_MALLINFO2 1
#endif

namespace mi::binding {

// nativeHeapBytes(): number | undefined. Process-wide (every thread's arenas), so a reading
// covers the addon and the runtime together; differences between two readings are what count.
Napi::Value NativeHeapBytes(const Napi::CallbackInfo& info) {
#ifdef MI_HAVE_MALLINFO2
  const struct mallinfo2 m = mallinfo2();
  return Napi::Number::New(info.Env(), static_cast<double>(m.uordblks + m.hblkhd));
#else
  return info.Env().Undefined();
#endif
}

}  // namespace mi::binding
