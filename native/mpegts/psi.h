// Program-specific information — ISO/IEC 13818-1 (2019) 2.4.4: section assembly across
// packets (pointer_field), PAT (2.4.4.3–2.4.4.5), PMT (2.4.4.8–2.4.4.9), CRC_32 (Annex A),
// and the descriptors that name an audio format (2.6.8 registration_descriptor; ETSI
// EN 300 468 Annex D AC-3 / E-AC-3 / DTS / AAC descriptors).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mi::ts {

constexpr size_t kMaxPsiSection = 1024;      ///< 2.4.4.4/2.4.4.9: section_length <= 1021 (PAT, CAT, PMT)
constexpr size_t kMaxPrivateSection = 4096;  ///< 2.4.4.11: private_section_length <= 4093

enum class SectionEvent : uint8_t {
  kSection,       ///< a complete section (not yet CRC-checked)
  kTooLong,       ///< section_length above the limit: the section is skipped
  kBadPointer,    ///< pointer_field beyond the packet payload
  kLost,          ///< a section in progress was abandoned (a new one started before it ended)
};

// Reassembles sections from the payloads of one PID's packets. A section that lies inside
// one payload is delivered from it (no copy); one that spans packets is gathered in a
// buffer of `max_section` bytes reserved at construction.
class SectionAssembler {
 public:
  explicit SectionAssembler(size_t max_section = kMaxPsiSection);
  /// One packet payload. `sink(event, data, size)` receives sections and findings.
  template <class Sink>
  void push(const uint8_t* p, size_t n, bool payload_unit_start, Sink&& sink);
  /// Drops a section in progress (continuity lost).
  void reset() { len_ = need_ = 0; }
  size_t max_section() const { return max_; }

 private:
  template <class Sink>
  size_t start_sections(const uint8_t* p, size_t n, Sink& sink);
  std::vector<uint8_t> buf_;
  size_t max_;
  size_t len_ = 0;   // bytes gathered of the section in progress
  size_t need_ = 0;  // its total size (0: none in progress, or header incomplete when len_ > 0)
};

/// Total size (3 + section_length) of a section whose first 3 bytes are p[0..2].
inline size_t section_size(const uint8_t* p) { return 3u + (((p[1] & 0x0F) << 8) | p[2]); }

/// True if the CRC_32 at the end of the section matches (Annex A).
bool section_crc_ok(const uint8_t* s, size_t n);

// 2.4.4.3 program_association_section()
struct PatProgram {
  uint16_t program_number;  ///< 0: network_PID
  uint16_t pid;             ///< program_map_PID (or network_PID)
};
struct Pat {
  uint16_t transport_stream_id = 0;
  uint8_t version_number = 0;
  bool current_next_indicator = false;
  uint8_t section_number = 0;
  uint8_t last_section_number = 0;
  size_t count = 0;
  PatProgram programs[(kMaxPsiSection - 12) / 4];
};

// 2.4.4.8 TS_program_map_section()
struct PmtStream {
  uint8_t stream_type;
  uint16_t elementary_PID;
  uint32_t registration;    ///< format_identifier of a registration_descriptor (2.6.8), 0 if none
  uint8_t audio_descriptor; ///< 0x6A AC-3, 0x7A E-AC-3, 0x7B DTS, 0x7C AAC (EN 300 468), 0 if none
};
struct Pmt {
  uint16_t program_number = 0;
  uint8_t version_number = 0;
  bool current_next_indicator = false;
  uint16_t PCR_PID = 0;
  uint32_t registration = 0;  ///< program-level registration_descriptor
  size_t count = 0;
  PmtStream streams[(kMaxPsiSection - 16) / 5];
};

enum class PsiStatus : uint8_t { kOk, kMalformed, kWrongTable };

/// s[0..n) is one complete section (CRC already checked by the caller).
PsiStatus program_association_section(const uint8_t* s, size_t n, Pat& pat);
PsiStatus TS_program_map_section(const uint8_t* s, size_t n, Pmt& pmt);

// ---- SectionAssembler (template members) ----

template <class Sink>
void SectionAssembler::push(const uint8_t* p, size_t n, bool pusi, Sink&& sink) {
  size_t i = 0;
  if (pusi) {
    if (n == 0) return;
    const size_t pointer = p[0];  // pointer_field (2.4.4.2)
    i = 1;
    if (i + pointer > n) {
      sink(SectionEvent::kBadPointer, p, pointer);
      reset();
      return;
    }
    // The bytes before the new section complete the section in progress, if any.
    if (len_ > 0) {
      const size_t take = pointer;
      const size_t room = max_ - len_;
      const size_t copy = take < room ? take : room;
      buf_.resize(len_ + copy);
      for (size_t k = 0; k < copy; ++k) buf_[len_ + k] = p[i + k];
      len_ += copy;
      if (need_ == 0 && len_ >= 3) need_ = section_size(buf_.data());
      if (need_ != 0 && len_ >= need_) sink(SectionEvent::kSection, buf_.data(), need_);
      else sink(SectionEvent::kLost, buf_.data(), len_);
      reset();
    }
    i += pointer;
    start_sections(p + i, n - i, sink);
    return;
  }
  if (len_ == 0) return;  // no section in progress: continuation bytes of a section we never saw start
  const size_t room = max_ - len_;
  const size_t copy = n < room ? n : room;
  buf_.resize(len_ + copy);
  for (size_t k = 0; k < copy; ++k) buf_[len_ + k] = p[k];
  len_ += copy;
  if (need_ == 0 && len_ >= 3) {
    need_ = section_size(buf_.data());
    if (need_ > max_) {
      sink(SectionEvent::kTooLong, buf_.data(), need_);
      reset();
      return;
    }
  }
  if (need_ != 0 && len_ >= need_) {
    sink(SectionEvent::kSection, buf_.data(), need_);
    // Bytes after a section that ended inside a packet without PUSI are stuffing (2.4.4.1).
    reset();
  }
}

template <class Sink>
size_t SectionAssembler::start_sections(const uint8_t* p, size_t n, Sink& sink) {
  size_t i = 0;
  while (i < n && p[i] != 0xFF) {  // 0xFF: stuffing until the end of the packet
    if (n - i < 3) {
      // The header itself continues in the next packet.
      buf_.assign(p + i, p + n);
      len_ = n - i;
      need_ = 0;
      return n;
    }
    const size_t size = section_size(p + i);
    if (size > max_) {
      sink(SectionEvent::kTooLong, p + i, size);
      return n;
    }
    if (size <= n - i) {
      sink(SectionEvent::kSection, p + i, size);  // zero-copy: the section lies in this payload
      i += size;
      continue;
    }
    buf_.assign(p + i, p + n);
    len_ = n - i;
    need_ = size;
    return n;
  }
  return n;
}

}  // namespace mi::ts
