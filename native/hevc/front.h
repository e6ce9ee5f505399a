// HEVC front-end: turns each NAL unit of an ITU-T H.265 (V8, 08/2021) bitstream into a NalEvent
// for the codec-neutral access-unit assembler, keeping the parameter sets, the slice header of the
// last slice segment, the picture order count and the RPS of the current picture.
//
// Example:
//   mi::hevc::Front front;
//   mi::NalEvent ev;
//   for (each NAL unit n, start code excluded)
//     front.on_nal(n.data, n.size, /*prefix_only=*/false, ev);
//     if (!ev.err.ok()) report(ev.err);           // element name, value, [min, max]
//     if (ev.first_slice_of_picture) new_picture(ev.poc, ev.irap);
//   mi::StreamSummary s; front.summary(s);
//
// Scope: the base layer (nuh_layer_id == 0). VCL NAL units of other layers are classified but
// their slice headers are not read (err = kUnsupported, element "nuh_layer_id"); parameter sets of
// other layers are read for syntax errors but not stored (the base layer cannot refer to them).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include "codec/nal_event.h"
#include "hevc/limits.h"
#include "hevc/nal.h"
#include "hevc/poc.h"
#include "hevc/pps.h"
#include "hevc/sei.h"
#include "hevc/slice_segment_header.h"
#include "hevc/sps.h"
#include "hevc/vps.h"

namespace mi::hevc {

class Front {
 public:
  Front();
  ~Front();
  Front(const Front&) = delete;
  Front& operator=(const Front&) = delete;

  /// Parses one NAL unit and fills `ev` (which is reset first).
  ///
  /// `nal` points at the NAL unit header (start code excluded); `size` bytes are readable. Trailing
  /// zero bytes (trailing_zero_8bits of the byte stream) may be included. With `prefix_only` the NAL
  /// unit is longer than `size`: reading past the end is then "need more data" (err.status ==
  /// kTruncated) and not a syntax error of the stream; parameter sets are not read from a prefix.
  ///
  /// Filled: the NAL unit header fields; is_vcl; starts_au_after_vcl (7.4.2.4.4, nuh_layer_id 0);
  /// end_of_sequence / end_of_stream; for VCL NAL units the type classes (idr, irap, cra, bla, rasl,
  /// radl, reference = not a sub-layer non-reference picture) and first_slice_of_picture (from the
  /// first bit of the slice header, even if the rest fails); when the slice segment header parsed:
  /// header_parsed, slice_pic_type, poc (8.3.1, the same for every slice of a picture), the active
  /// vps/sps/pps ids and first_mb_or_ctb = slice_segment_address; for SEI the recovery point; for
  /// VPS/SPS/PPS param_set, their ids and param_set_changed (same id re-sent with other content,
  /// compared by a 64-bit hash and the length of the NAL payload).
  ///
  /// header_parsed: true when the NAL unit header was read and, for a VCL NAL unit, its slice
  /// segment header was read completely.
  ///
  /// err: the first problem. kTruncated (NAL/prefix ended), kOutOfRange (element, value, [min, max]),
  /// kMissingRef (slice_pic_parameter_set_id, pps_seq_parameter_set_id, sps_video_parameter_set_id
  /// naming a parameter set not received; the slice header is still read when only the VPS is
  /// missing), kInvalid (other semantic violations; also "slice_pic_parameter_set_id" when the
  /// referenced PPS or its SPS was received but failed to parse), kUnsupported (valid syntax not
  /// followed: other layers, multi-layer SPS, more than 256 tile columns/rows). A parameter set
  /// with a non-fatal finding (reserved value, pre-standard VUI layout, conformance window larger
  /// than the picture, SEI message in the wrong kind of SEI NAL unit) is still stored / used and
  /// the finding is in err.
  void on_nal(const uint8_t* nal, size_t size, bool prefix_only, NalEvent& ev);

  /// Stream summary from the active SPS (the one of the last slice), or from the last SPS
  /// received when no slice has been seen yet. `s.valid` is false when there is none.
  void summary(StreamSummary& s) const;

  /// Forgets every parameter set and all picture state (a new, unrelated bitstream).
  void reset();

  // Accessors for validation (valid until the next on_nal call). Null when absent or broken.
  const Vps* active_vps() const { return active_vps_; }
  const Sps* active_sps() const { return active_sps_; }
  const Pps* active_pps() const { return active_pps_; }
  const Vps* vps(unsigned id) const;
  const Sps* sps(unsigned id) const;
  const Pps* pps(unsigned id) const;
  /// Slice segment header of the last VCL NAL unit whose header parsed (a dependent slice segment
  /// carries the values inherited from its independent one).
  const SliceSegmentHeader& slice_header() const { return slice_; }
  bool has_slice_header() const { return have_slice_; }
  /// PicOrderCntVal and the RPS POC lists (8.3.2) of the current picture.
  int32_t picture_order_count() const { return poc_.PicOrderCntVal; }
  const PocResult& poc_result() const { return poc_; }
  const PictureRps& picture_rps() const { return rps_; }
  /// NoRaslOutputFlag of the IRAP picture that the current picture follows in decoding order
  /// (RASL pictures of an IRAP with NoRaslOutputFlag == 1 are not decodable, 8.1.3 / 8.3.3).
  bool irap_no_rasl_output_flag() const { return irap_no_rasl_output_flag_; }
  /// SEI: the messages of the last SEI NAL unit, and counters per payloadType over the stream.
  const SeiMessages& last_sei() const { return sei_; }
  const SeiCounters& sei_counters() const { return sei_counters_; }
  /// pic_type of the last access unit delimiter (7.3.2.5), -1 before any.
  int last_aud_pic_type() const { return aud_pic_type_; }

 private:
  template <class T>
  struct Slot {
    std::unique_ptr<T> ps;    ///< allocated on the first receipt of the id, reused afterwards
    bool present = false;     ///< received (possibly broken)
    bool valid = false;       ///< parsed successfully
    uint64_t hash = 0;
    uint32_t length = 0;
    uint32_t generation = 0;  ///< bumped when the content changes
    ParseError err;           ///< result of parsing it (re-reported when re-sent identical)

    /// The same content (hash and length) as the stored set: a re-send, nothing to parse.
    bool unchanged(uint64_t h, uint32_t len) const { return present && hash == h && length == len; }
    /// Records a new content of this id. When it parsed (`ok`), the scratch object becomes the
    /// stored set and the previous one becomes scratch (allocated on the first receipt only).
    /// Returns the previously stored object (still valid: it is the scratch now).
    const T* store(bool ok, std::unique_ptr<T>& scratch, uint64_t h, uint32_t len, const ParseError& error,
                   const ParseError& soft) {
      const T* old = ps.get();
      if (ok) {
        std::swap(ps, scratch);
        if (!scratch) scratch = std::make_unique<T>();
      }
      present = true;
      valid = ok;
      hash = h;
      length = len;
      ++generation;
      err = ok ? soft : error;
      return old;
    }
    // PPS only: the SPS generation it was bound against (pps_bind_sps) and the result.
    uint8_t bound_sps_id = 0xFF;
    uint32_t bound_sps_generation = 0;
    ParseError bind_err;
  };

  void on_vps(const uint8_t* nal, size_t size, NalEvent& ev);
  void on_sps(const uint8_t* nal, size_t size, uint8_t layer, NalEvent& ev);
  void on_pps(const uint8_t* nal, size_t size, uint8_t layer, NalEvent& ev);
  void on_slice(const uint8_t* nal, size_t size, const NalUnitHeader& nh, bool prefix_only, NalEvent& ev);
  void on_sei(const uint8_t* nal, size_t size, bool suffix, bool prefix_only, NalEvent& ev);
  void on_aud(const uint8_t* nal, size_t size, NalEvent& ev);
  bool bind_pps(Slot<Pps>& slot, ParseError& err);

  std::array<Slot<Vps>, limits::kNumVps> vps_;
  std::array<Slot<Sps>, limits::kNumSps> sps_;
  std::array<Slot<Pps>, limits::kNumPps> pps_;
  // Scratch objects that a new parameter set is parsed into, then swapped with the slot's.
  std::unique_ptr<Vps> vps_scratch_;
  std::unique_ptr<Sps> sps_scratch_;
  std::unique_ptr<Pps> pps_scratch_;

  const Vps* active_vps_ = nullptr;
  const Sps* active_sps_ = nullptr;
  const Pps* active_pps_ = nullptr;
  const Sps* last_sps_ = nullptr;

  SliceSegmentHeader slice_;            ///< last parsed slice segment header
  SliceSegmentHeader independent_;      ///< last independent slice segment header of the current picture
  bool have_slice_ = false;
  bool have_independent_ = false;
  bool have_picture_ = false;           ///< a picture is in progress (its POC is known)
  uint8_t picture_nal_unit_type_ = 0;
  uint16_t picture_poc_lsb_ = 0;
  PocState poc_state_;
  PocResult poc_;
  PictureRps rps_;
  bool irap_no_rasl_output_flag_ = false;
  SeiMessages sei_;
  SeiCounters sei_counters_;
  int aud_pic_type_ = -1;
};

}  // namespace mi::hevc
