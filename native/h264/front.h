// H.264 front-end: turns each NAL unit into a NalEvent for the access-unit assembler,
// keeping the parameter sets, the previous slice (7.4.1.2.4) and the POC state.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>
#include "codec/nal_event.h"
#include "h264/poc.h"
#include "h264/pps.h"
#include "h264/sei.h"
#include "h264/slice_header.h"
#include "h264/sps.h"

namespace mi::h264 {

class Front final : public ParamSetLookup {
 public:
  Front();
  ~Front() override;

  // Parses one NAL unit. `nal` points at the NAL unit header (start code excluded) and
  // `size` bytes are readable; `prefix_only` says the unit is longer than that (an
  // overread then means "not enough data kept", not broken syntax).
  void on_nal(const uint8_t* nal, size_t size, bool prefix_only, NalEvent& ev);
  void summary(StreamSummary& out) const;
  void reset();

  // ParamSetLookup
  const Pps* pps(uint32_t id) const override;
  const Sps* sps(uint32_t id) const override;

  // For validation.
  const Sps* active_sps() const { return active_sps_; }
  const Pps* active_pps() const { return active_pps_; }
  const SliceHeader& last_slice() const { return prev_; }
  const SeiSummary& last_sei() const { return sei_; }
  const SeiCounters& sei_counters() const { return sei_counters_; }
  uint8_t last_primary_pic_type() const { return primary_pic_type_; }

 private:
  struct PsSlot {
    uint64_t hash = 0;
    uint32_t size = 0;
  };
  void on_sps(BitReader& r, const uint8_t* nal, size_t size, bool subset, NalEvent& ev);
  void on_pps(const uint8_t* nal, size_t size, NalEvent& ev);
  void on_slice(BitReader& r, const NalHeader& h, NalEvent& ev);
  bool starts_new_picture(const SliceHeader& sh, const Sps& sps) const;
  void reparse_pps_of(uint32_t sps_id);

  std::array<std::unique_ptr<Sps>, 32> sps_;
  std::array<std::unique_ptr<Sps>, 32> subset_sps_;
  std::array<std::unique_ptr<Pps>, 256> pps_;
  std::array<std::vector<uint8_t>, 256> pps_raw_;  // kept to re-parse when its SPS changes
  std::array<PsSlot, 32> sps_slot_{};
  std::array<PsSlot, 32> subset_slot_{};
  std::array<PsSlot, 256> pps_slot_{};
  // Ids whose last parameter set failed to parse: a slice referring to them gets kInvalid,
  // not kMissingRef (the set came, but broken).
  std::array<bool, 32> sps_broken_{};
  std::array<bool, 256> pps_broken_{};
  const Sps* first_sps_ = nullptr;
  const Sps* active_sps_ = nullptr;
  const Pps* active_pps_ = nullptr;

  SliceHeader prev_;            // last slice of the current primary picture
  bool have_prev_ = false;
  bool au_break_ = false;       // an AU-starting non-VCL NAL came after the last slice
  PocState poc_state_;
  int64_t poc_ = 0;
  // Field pairing (7.4.1.2.4, 3.30 complementary field pair).
  bool prev_pic_field_ = false;
  bool prev_pic_paired_ = false;
  bool prev_pic_bottom_ = false;
  bool prev_pic_ref_ = false;
  bool prev_pic_idr_ = false;
  uint32_t prev_pic_idr_id_ = 0;
  uint32_t prev_pic_frame_num_ = 0;
  SeiSummary sei_;
  SeiCounters sei_counters_;
  uint8_t primary_pic_type_ = 0xFF;
};

// FNV-1a over the bytes of a parameter set, to tell a re-sent set from a changed one.
uint64_t content_hash(const uint8_t* p, size_t n);

}  // namespace mi::h264
