// libFuzzer target over the MPEG-TS path alone (TsInspector and the video inspector behind it;
// ASan + UBSan). Byte 1 seeds the chunking and the options (fuzz_body.h run_ts); byte 0 is unused.
// Build and run: FUZZ_TARGET=fuzz_ts scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include "fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  volatile uint64_t sink = mifuzz::run_ts(data, size);
  (void)sink;
  return 0;
}
