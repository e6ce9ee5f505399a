// H.264 NAL unit header and types — ITU-T H.264 (08/2021) 7.3.1, Table 7-1.
#pragma once
#include <cstdint>

namespace mi::h264 {

// Table 7-1 nal_unit_type.
enum NalType : uint8_t {
  kUnspecified0 = 0,
  kSliceNonIdr = 1,
  kSliceDataA = 2,
  kSliceDataB = 3,
  kSliceDataC = 4,
  kSliceIdr = 5,
  kSei = 6,
  kSps = 7,
  kPps = 8,
  kAud = 9,
  kEndOfSeq = 10,
  kEndOfStream = 11,
  kFiller = 12,
  kSpsExt = 13,
  kPrefix = 14,
  kSubsetSps = 15,
  kDps = 16,
  kSliceAux = 19,
  kSliceExt = 20,       // SVC / MVC coded slice extension
  kSliceExt3d = 21,
};

struct NalHeader {
  uint8_t forbidden_zero_bit = 0;
  uint8_t nal_ref_idc = 0;
  uint8_t nal_unit_type = 0;
};

// 7.3.1 nal_unit(): the first byte.
inline NalHeader nal_unit_header(uint8_t b) {
  NalHeader h;
  h.forbidden_zero_bit = b >> 7;
  h.nal_ref_idc = (b >> 5) & 3;
  h.nal_unit_type = b & 0x1F;
  return h;
}

// Slices of the primary coded picture of the base layer / view (types 1..5).
inline bool is_base_vcl(uint8_t t) { return t >= kSliceNonIdr && t <= kSliceIdr; }
inline bool is_vcl(uint8_t t) { return is_base_vcl(t) || t == kSliceAux || t == kSliceExt || t == kSliceExt3d; }
// Table 7-1: reserved (17, 18, 22, 23) and unspecified (0, 24..31).
inline bool is_reserved(uint8_t t) { return t == 17 || t == 18 || t == 22 || t == 23; }
inline bool is_unspecified(uint8_t t) { return t == 0 || t >= 24; }
// 7.4.1.2.3: NAL units that, after the last VCL NAL unit of a primary coded picture,
// start a new access unit.
inline bool starts_access_unit(uint8_t t) {
  return t == kAud || t == kSps || t == kPps || t == kSei || (t >= 14 && t <= 18);
}

// Table 7-6 slice_type (values 5..9 repeat 0..4 for all slices of the picture).
enum SliceType : uint8_t { kP = 0, kB = 1, kI = 2, kSP = 3, kSI = 4 };

}  // namespace mi::h264
