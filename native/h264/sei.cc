#include "h264/sei.h"
#include "bitstream/syntax.h"

namespace mi::h264 {
namespace {

// D.1.3 pic_timing(): only the fields needed for validation; clock timestamps are skipped
// by the payload size.
bool pic_timing(BitReader& r, ParseError& err, const Sps& sps, SeiSummary& out) {
  const Vui& v = sps.vui;
  const bool delays = v.nal_hrd_parameters_present_flag || v.vcl_hrd_parameters_present_flag;  // CpbDpbDelaysPresentFlag
  if (delays) {
    const Hrd& h = v.nal_hrd_parameters_present_flag ? v.nal_hrd : v.vcl_hrd;
    uint32_t cpb_removal_delay = 0, dpb_output_delay = 0;
    MI_U(cpb_removal_delay, h.cpb_removal_delay_length_minus1 + 1u);
    MI_U(dpb_output_delay, h.dpb_output_delay_length_minus1 + 1u);
  }
  if (v.pic_struct_present_flag) MI_UR(out.pic_struct, 4, 0, 8);  // Table D-1
  return true;
}

// D.1.8 recovery_point()
bool recovery_point(BitReader& r, ParseError& err, const Sps* sps, SeiSummary& out) {
  const int64_t max_frame_num = sps ? sps->MaxFrameNum() : 65536;
  MI_UE(out.recovery_frame_cnt, 0, max_frame_num - 1);  // D.2.8
  MI_FLAG(out.exact_match_flag);
  MI_FLAG(out.broken_link_flag);
  MI_UR(out.changing_slice_group_idc, 2, 0, 2);
  return true;
}

bool read_ff_coded(BitReader& r, ParseError& err, const char* name, uint32_t& value) {
  value = 0;
  for (;;) {
    uint32_t byte = r.u(8);
    if (r.overread()) { err.set(ParseStatus::kTruncated, name); return false; }
    if (value > (1u << 24)) { err.set(ParseStatus::kOutOfRange, name, value, 0, 1u << 24); return false; }
    value += byte;
    if (byte != 0xFF) return true;
  }
}

}  // namespace

bool sei_rbsp(BitReader& r, ParseError& err, const Sps* sps, SeiSummary& out, SeiCounters& counters) {
  do {
    uint32_t payload_type = 0, payload_size = 0;
    if (!read_ff_coded(r, err, "payloadType", payload_type)) return false;
    if (!read_ff_coded(r, err, "payloadSize", payload_size)) return false;
    const uint64_t start = r.bits_read();
    const uint64_t end = start + 8ull * payload_size;
    // 7.4.2.3.1: the payload lies inside the RBSP, before rbsp_trailing_bits().
    const int64_t stop = r.stop_bit_position();
    if (stop < 0 || end > static_cast<uint64_t>(stop)) {
      err.set(ParseStatus::kTruncated, "payloadSize", payload_size, 0, stop > 0 ? (stop - static_cast<int64_t>(start)) / 8 : 0);
      return false;
    }
    ++counters.by_type[payload_type < 255 ? payload_type : 255];
    if (out.message_count > 0 && payload_type == kBufferingPeriod) out.buffering_period_first = false;
    ++out.message_count;
    ParseError payload_err;
    bool ok = true;
    if (payload_type == kBufferingPeriod) {
      out.has_buffering_period = true;
    } else if (payload_type == kPicTiming) {
      out.has_pic_timing = true;
      if (sps) ok = pic_timing(r, payload_err, *sps, out);
    } else if (payload_type == kRecoveryPoint) {
      out.has_recovery_point = true;
      ok = recovery_point(r, payload_err, sps, out);
    }
    if (!ok) err.set(payload_err.status, payload_err.element, payload_err.value, payload_err.min, payload_err.max);
    if (r.bits_read() > end) {  // a payload read past its own payloadSize
      err.set(ParseStatus::kInvalid, "payloadSize", payload_size);
    } else {
      r.skip(end - r.bits_read());
    }
  } while (r.more_rbsp_data());
  return true;
}

}  // namespace mi::h264
