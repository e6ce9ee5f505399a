// libFuzzer target over the length-prefixed path alone (ISO/IEC 14496-15 framing: 1, 2 or 4-byte
// NAL unit lengths, end_sample() between some pushes; ASan + UBSan). Byte 0 picks codec and
// length size as in fuzz_body.h with the length-prefixed bit forced on and the MPEG-TS bit off.
// Build and run: FUZZ_TARGET=fuzz_length_prefixed scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include "fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static uint8_t buf[1 << 20];
  if (size > sizeof buf) size = sizeof buf;
  std::memcpy(buf, data, size);
  buf[0] = static_cast<uint8_t>((buf[0] & 0x7F) | 0x04);
  volatile uint64_t sink = mifuzz::run_one(buf, size);
  (void)sink;
  return 0;
}
