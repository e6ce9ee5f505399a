// libFuzzer target over the inspector's push API (ASan + UBSan). Build and run: scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include "fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  volatile uint64_t sink = mifuzz::run_one(data, size);
  (void)sink;
  return 0;
}
