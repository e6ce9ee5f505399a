/**
 * Hand-built H.264 NAL units for exact-value tests. Every field written here is named by
 * its syntax element (ITU-T H.264 7.3.2.1.1, 7.3.2.2, 7.3.3) so the expected values in the
 * tests follow from these bits.
 */
import { BitWriter, escape } from './bit-writer.js';

export interface SpsOpts {
  profileIdc?: number;
  levelIdc?: number;
  spsId?: number;
  log2MaxFrameNumMinus4?: number;
  pocType?: 0 | 2;
  log2MaxPocLsbMinus4?: number;
  widthMbs?: number;
  heightMapUnits?: number;
  frameMbsOnly?: boolean;
  /** Overrides log2_max_frame_num_minus4 with an out-of-range value (for range checks). */
  rawLog2MaxFrameNumMinus4?: number;
}

/** 7.3.2.1.1 seq_parameter_set_rbsp() for Baseline/Main (no chroma fields), no VUI. */
export function sps(o: SpsOpts = {}): number[] {
  const w = new BitWriter();
  w.u(8, o.profileIdc ?? 66); // profile_idc
  w.u(1, 0).u(1, 1).u(1, 0).u(1, 0).u(1, 0).u(1, 0); // constraint_set0..5_flag (set1: Constrained Baseline)
  w.u(2, 0); // reserved_zero_2bits
  w.u(8, o.levelIdc ?? 30); // level_idc
  w.ue(o.spsId ?? 0); // seq_parameter_set_id
  w.ue(o.rawLog2MaxFrameNumMinus4 ?? o.log2MaxFrameNumMinus4 ?? 0); // log2_max_frame_num_minus4
  const pocType = o.pocType ?? 2;
  w.ue(pocType); // pic_order_cnt_type
  if (pocType === 0) w.ue(o.log2MaxPocLsbMinus4 ?? 0); // log2_max_pic_order_cnt_lsb_minus4
  w.ue(1); // max_num_ref_frames
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue((o.widthMbs ?? 11) - 1); // pic_width_in_mbs_minus1
  w.ue((o.heightMapUnits ?? 9) - 1); // pic_height_in_map_units_minus1
  const fmo = o.frameMbsOnly ?? true;
  w.flag(fmo); // frame_mbs_only_flag
  if (!fmo) w.u(1, 0); // mb_adaptive_frame_field_flag
  w.u(1, 1); // direct_8x8_inference_flag
  w.u(1, 0); // frame_cropping_flag
  w.u(1, 0); // vui_parameters_present_flag
  w.trailing();
  return [0x67, ...escape(w.rbsp())]; // forbidden_zero_bit 0, nal_ref_idc 3, nal_unit_type 7
}

/** 7.3.2.2 pic_parameter_set_rbsp(): CAVLC, one slice group, no extension. */
export function pps(ppsId = 0, spsId = 0): number[] {
  const w = new BitWriter();
  w.ue(ppsId).ue(spsId); // pic_parameter_set_id, seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0).ue(0); // num_ref_idx_l0/l1_default_active_minus1
  w.u(1, 0).u(2, 0); // weighted_pred_flag, weighted_bipred_idc
  w.se(0).se(0).se(0); // pic_init_qp_minus26, pic_init_qs_minus26, chroma_qp_index_offset
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(1, 0).u(1, 0); // constrained_intra_pred_flag, redundant_pic_cnt_present_flag
  w.trailing();
  return [0x68, ...escape(w.rbsp())]; // nal_ref_idc 3, nal_unit_type 8
}

export interface SliceOpts {
  idr?: boolean;
  nalRefIdc?: number;
  firstMb?: number;
  sliceType?: number; // 0 P, 1 B, 2 I (Table 7-6); + 5 for "all slices of the picture"
  ppsId?: number;
  frameNum?: number;
  log2MaxFrameNum?: number;
  idrPicId?: number;
  /** For frame_mbs_only_flag = 0 streams. */
  field?: { bottom: boolean } | 'frame';
  pocLsb?: { bits: number; value: number };
}

/**
 * 7.3.3 slice_header() followed by a stand-in for slice_data(): one byte 0x80 (a stop bit)
 * — enough for the header to be followed by trailing bits, which is all a parser that does
 * not decode slice data reads.
 */
export function slice(o: SliceOpts = {}): number[] {
  const idr = o.idr ?? false;
  const ref = o.nalRefIdc ?? (idr ? 3 : 2);
  const type = o.sliceType ?? (idr ? 7 : 5);
  const w = new BitWriter();
  w.ue(o.firstMb ?? 0); // first_mb_in_slice
  w.ue(type); // slice_type
  w.ue(o.ppsId ?? 0); // pic_parameter_set_id
  w.u(o.log2MaxFrameNum ?? 4, o.frameNum ?? 0); // frame_num: u(log2_max_frame_num_minus4 + 4)
  if (o.field !== undefined) {
    w.flag(o.field !== 'frame'); // field_pic_flag
    if (o.field !== 'frame') w.flag(o.field.bottom); // bottom_field_flag
  }
  if (idr) w.ue(o.idrPicId ?? 0); // idr_pic_id
  if (o.pocLsb) w.u(o.pocLsb.bits, o.pocLsb.value); // pic_order_cnt_lsb
  const st = type % 5;
  if (st === 0) {
    w.u(1, 0); // num_ref_idx_active_override_flag
    w.u(1, 0); // ref_pic_list_modification_flag_l0
  }
  if (ref !== 0) {
    if (idr) w.u(1, 0).u(1, 0); // no_output_of_prior_pics_flag, long_term_reference_flag
    else w.u(1, 0); // adaptive_ref_pic_marking_mode_flag
  }
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc = 1 (no alpha/beta offsets follow)
  w.trailing();
  const header = (ref << 5) | (idr ? 5 : 1);
  return [header, ...escape(w.rbsp())];
}

/** 7.3.2.4 access_unit_delimiter_rbsp(): primary_pic_type then trailing bits. */
export function aud(primaryPicType = 7): number[] {
  return [0x09, (primaryPicType << 5) | 0x10];
}
