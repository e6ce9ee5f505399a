// NAL unit types and NAL unit header — ITU-T H.265 (V8, 08/2021) 7.3.1.2, 7.4.2.2, Table 7-1.
#pragma once
#include <cstddef>
#include <cstdint>
#include "common/status.h"

namespace mi::hevc {

// Table 7-1 NAL unit type codes and NAL unit type classes.
namespace nut {
constexpr uint8_t TRAIL_N = 0;         ///< coded slice of a non-TSA, non-STSA trailing picture, SLNR
constexpr uint8_t TRAIL_R = 1;
constexpr uint8_t TSA_N = 2;           ///< temporal sub-layer access, SLNR
constexpr uint8_t TSA_R = 3;
constexpr uint8_t STSA_N = 4;          ///< step-wise temporal sub-layer access, SLNR
constexpr uint8_t STSA_R = 5;
constexpr uint8_t RADL_N = 6;          ///< random access decodable leading, SLNR
constexpr uint8_t RADL_R = 7;
constexpr uint8_t RASL_N = 8;          ///< random access skipped leading, SLNR
constexpr uint8_t RASL_R = 9;
constexpr uint8_t RSV_VCL_N10 = 10;    ///< reserved non-IRAP SLNR VCL types 10, 12, 14
constexpr uint8_t RSV_VCL_R11 = 11;    ///< reserved non-IRAP sub-layer reference VCL types 11, 13, 15
constexpr uint8_t RSV_VCL_N12 = 12;
constexpr uint8_t RSV_VCL_R13 = 13;
constexpr uint8_t RSV_VCL_N14 = 14;
constexpr uint8_t RSV_VCL_R15 = 15;
constexpr uint8_t BLA_W_LP = 16;       ///< broken link access (IRAP)
constexpr uint8_t BLA_W_RADL = 17;
constexpr uint8_t BLA_N_LP = 18;
constexpr uint8_t IDR_W_RADL = 19;     ///< instantaneous decoding refresh (IRAP)
constexpr uint8_t IDR_N_LP = 20;
constexpr uint8_t CRA_NUT = 21;        ///< clean random access (IRAP)
constexpr uint8_t RSV_IRAP_VCL22 = 22; ///< reserved IRAP VCL types 22..23
constexpr uint8_t RSV_IRAP_VCL23 = 23;
constexpr uint8_t RSV_VCL24 = 24;      ///< reserved non-IRAP VCL types 24..31
constexpr uint8_t RSV_VCL31 = 31;
constexpr uint8_t VPS_NUT = 32;
constexpr uint8_t SPS_NUT = 33;
constexpr uint8_t PPS_NUT = 34;
constexpr uint8_t AUD_NUT = 35;
constexpr uint8_t EOS_NUT = 36;
constexpr uint8_t EOB_NUT = 37;
constexpr uint8_t FD_NUT = 38;
constexpr uint8_t PREFIX_SEI_NUT = 39;
constexpr uint8_t SUFFIX_SEI_NUT = 40;
constexpr uint8_t RSV_NVCL41 = 41;     ///< reserved non-VCL types 41..47
constexpr uint8_t RSV_NVCL47 = 47;
constexpr uint8_t UNSPEC48 = 48;       ///< unspecified non-VCL types 48..63
constexpr uint8_t UNSPEC63 = 63;
}  // namespace nut

// Classification helpers (Table 7-1, 7.4.2.2).
constexpr bool is_vcl(uint8_t t) { return t < 32; }
/// IRAP: nal_unit_type in BLA_W_LP..RSV_IRAP_VCL23 (3.73, 7.4.2.2).
constexpr bool is_irap(uint8_t t) { return t >= nut::BLA_W_LP && t <= nut::RSV_IRAP_VCL23; }
constexpr bool is_idr(uint8_t t) { return t == nut::IDR_W_RADL || t == nut::IDR_N_LP; }
constexpr bool is_cra(uint8_t t) { return t == nut::CRA_NUT; }
constexpr bool is_bla(uint8_t t) { return t >= nut::BLA_W_LP && t <= nut::BLA_N_LP; }
constexpr bool is_rasl(uint8_t t) { return t == nut::RASL_N || t == nut::RASL_R; }
constexpr bool is_radl(uint8_t t) { return t == nut::RADL_N || t == nut::RADL_R; }
constexpr bool is_tsa(uint8_t t) { return t == nut::TSA_N || t == nut::TSA_R; }
constexpr bool is_stsa(uint8_t t) { return t == nut::STSA_N || t == nut::STSA_R; }
/// Sub-layer non-reference picture (3.132): even types 0..14 (TRAIL_N ... RSV_VCL_N14).
constexpr bool is_sub_layer_non_reference(uint8_t t) { return t <= nut::RSV_VCL_N14 && (t & 1) == 0; }
/// Reserved types (Table 7-1): VCL 10..15, 22..23, 24..31; non-VCL 41..47.
constexpr bool is_reserved(uint8_t t) {
  return (t >= nut::RSV_VCL_N10 && t <= nut::RSV_VCL_R15) || (t >= nut::RSV_IRAP_VCL22 && t <= nut::RSV_VCL31) ||
         (t >= nut::RSV_NVCL41 && t <= nut::RSV_NVCL47);
}
/// Unspecified types 48..63 (Table 7-1).
constexpr bool is_unspecified(uint8_t t) { return t >= nut::UNSPEC48 && t <= nut::UNSPEC63; }
/// VCL types whose slice syntax this edition defines: 0..9 and 16..21.
constexpr bool is_defined_vcl(uint8_t t) { return t <= nut::RASL_R || (t >= nut::BLA_W_LP && t <= nut::CRA_NUT); }
/// 7.4.2.4.4: with nuh_layer_id == 0, these non-VCL NAL units, when they follow the last
/// VCL NAL unit of a picture, start a new access unit (AUD, VPS, SPS, PPS, prefix SEI,
/// RSV_NVCL41..44, UNSPEC48..55).
constexpr bool starts_au_after_vcl(uint8_t t) {
  return (t >= nut::VPS_NUT && t <= nut::AUD_NUT) || t == nut::PREFIX_SEI_NUT ||
         (t >= nut::RSV_NVCL41 && t <= 44) || (t >= nut::UNSPEC48 && t <= 55);
}

// 7.3.1.2 nal_unit_header() — ITU-T H.265 (V8, 08/2021)
struct NalUnitHeader {
  bool forbidden_zero_bit = false;
  uint8_t nal_unit_type = 0;
  uint8_t nuh_layer_id = 0;          ///< 0..63 (63 reserved, 7.4.2.2)
  uint8_t nuh_temporal_id_plus1 = 0; ///< 1..7
  uint8_t TemporalId() const { return static_cast<uint8_t>(nuh_temporal_id_plus1 - 1); }  // (7-1)
};

/// Reads the two header bytes. Returns false with kTruncated when size < 2; with kInvalid
/// for forbidden_zero_bit == 1 (7.4.2.2); with kOutOfRange for nuh_temporal_id_plus1 == 0.
/// The fields are filled in every case where the two bytes are present.
inline bool nal_unit_header(const uint8_t* p, size_t size, NalUnitHeader& h, ParseError& err) {
  if (size < 2) { err.set(ParseStatus::kTruncated, "nal_unit_header"); return false; }
  h.forbidden_zero_bit = (p[0] & 0x80) != 0;
  h.nal_unit_type = static_cast<uint8_t>((p[0] >> 1) & 0x3F);
  h.nuh_layer_id = static_cast<uint8_t>(((p[0] & 1) << 5) | (p[1] >> 3));
  h.nuh_temporal_id_plus1 = static_cast<uint8_t>(p[1] & 7);
  if (h.forbidden_zero_bit) { err.set(ParseStatus::kInvalid, "forbidden_zero_bit", 1, 0, 0); return false; }
  if (h.nuh_temporal_id_plus1 == 0) {
    err.set(ParseStatus::kOutOfRange, "nuh_temporal_id_plus1", 0, 1, 7);
    return false;
  }
  return true;
}

}  // namespace mi::hevc
