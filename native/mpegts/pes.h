// PES packet header — ISO/IEC 13818-1 (2019) 2.4.3.6 (syntax), 2.4.3.7 (semantics).
#pragma once
#include <cstddef>
#include <cstdint>

namespace mi::ts {

constexpr size_t kPesFixedHeader = 6;     ///< packet_start_code_prefix, stream_id, PES_packet_length
constexpr size_t kPesMaxHeader = 9 + 255; ///< with the optional header: 9 + PES_header_data_length (8 bits)

struct PesHeader {
  uint8_t stream_id = 0;
  uint16_t PES_packet_length = 0;     ///< 0: unbounded (allowed for video only, 2.4.3.7)
  bool has_optional_header = false;   ///< stream_id is not one of the Table 2-22 exceptions
  uint8_t PES_scrambling_control = 0;
  bool data_alignment_indicator = false;
  uint8_t PTS_DTS_flags = 0;          ///< '10' PTS, '11' PTS and DTS, '01' forbidden
  uint8_t PES_header_data_length = 0;
  uint64_t PTS = 0;                   ///< 33 bits, 90 kHz
  uint64_t DTS = 0;
  bool has_pts = false;
  bool has_dts = false;
  size_t header_size = 0;             ///< bytes before PES_packet_data_byte
};

enum class PesStatus : uint8_t {
  kOk,
  kNeedMore,        ///< the header is longer than the bytes given; `need` says how many
  kNoStartCode,     ///< packet_start_code_prefix is not 0x000001
  kForbiddenFlags,  ///< PTS_DTS_flags '01' (2.4.3.7); the header is still delimited
  kBadMarker,       ///< '10' prefix, PTS/DTS prefix or marker_bit wrong (fields still read)
  kHeaderOverrun,   ///< PES_header_data_length smaller than the flagged fields need
};

/// Parses a PES header from p[0..n). On kNeedMore, `need` is the size to retry with.
/// Never reads beyond n.
PesStatus pes_header(const uint8_t* p, size_t n, PesHeader& h, size_t& need);

/// True for stream_ids carrying no optional PES header (Table 2-22: program_stream_map,
/// padding_stream, private_stream_2, ECM, EMM, program_stream_directory, DSMCC, H.222.1 type E).
bool pes_without_optional_header(uint8_t stream_id);

}  // namespace mi::ts
