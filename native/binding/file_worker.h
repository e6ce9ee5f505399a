// inspectFile(): validates a whole file on a libuv worker thread, reading it through one
// reused buffer, so the event loop never waits on it.
#pragma once
#include <napi.h>

namespace mi::binding {

// inspectFile(path, codec, lengthPrefixed, lengthSize, chunkBytes, keepNals) → Promise<{
//   frames, nals, issues: Uint32Array, elements: string[], summary, counters, codec, readError }>
Napi::Value InspectFile(const Napi::CallbackInfo& info);

}  // namespace mi::binding
