// inspectTsFile(): validates a whole MPEG-TS file on a libuv worker thread, reading it
// through one reused buffer (like inspectFile), so the event loop never waits on it.
#pragma once
#include <napi.h>

namespace mi::binding {

// inspectTsFile(path, chunkBytes, config, keepNals) → Promise<{ frames, nals, videoIssues,
//   issues, pes: Uint32Array, elements: string[], summary, counters, readError }>
Napi::Value InspectTsFile(const Napi::CallbackInfo& info);

}  // namespace mi::binding
