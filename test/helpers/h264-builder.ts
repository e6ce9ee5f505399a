/**
 * Hand-built H.264 NAL units for exact-value tests. Every field written here is named by
 * its syntax element (ITU-T H.264 (08/2021) 7.3.1, 7.3.2.1.1–7.3.2.9, 7.3.3, E.1.1, E.1.2,
 * D.1) so the expected values in the tests follow from these bits.
 *
 * Slices carry no slice_data(): the header is followed by rbsp_trailing_bits(), which is all
 * a parser that does not decode macroblocks reads. A slice is written for the SPS and PPS it
 * names through `sps` / `pps` (the options given to sps() / pps(); defaults otherwise), so
 * the presence and width of every conditional field match what a decoder derives.
 */
import { BitWriter, escape } from './bit-writer.js';

/** E.1.2 hrd_parameters(). */
export interface HrdOpts {
  /** cpb_cnt_minus1 (E.2.2: 0..31); one bit rate / CPB size / cbr_flag per SchedSelIdx. */
  cpbCntMinus1?: number;
  bitRateScale?: number;
  cpbSizeScale?: number;
  bitRateValueMinus1?: number[];
  cpbSizeValueMinus1?: number[];
  cbrFlag?: boolean[];
  initialCpbRemovalDelayLengthMinus1?: number;
  cpbRemovalDelayLengthMinus1?: number;
  dpbOutputDelayLengthMinus1?: number;
  timeOffsetLength?: number;
}

/** E.1.1 vui_parameters(); an absent group writes its *_present_flag as 0. */
export interface VuiOpts {
  /** aspect_ratio_idc (Table E-1; 255 = Extended_SAR with sar_width / sar_height). */
  aspectRatioIdc?: number;
  sar?: { width: number; height: number };
  overscanAppropriate?: boolean;
  videoSignal?: { videoFormat: number; fullRange: boolean; colour?: { primaries: number; transfer: number; matrix: number } };
  chromaLoc?: { top: number; bottom: number };
  timing?: { numUnitsInTick: number; timeScale: number; fixedFrameRate: boolean };
  nalHrd?: HrdOpts;
  vclHrd?: HrdOpts;
  lowDelayHrd?: boolean;
  picStructPresent?: boolean;
  bitstreamRestriction?: {
    motionVectorsOverPicBoundaries?: boolean;
    maxBytesPerPicDenom?: number;
    maxBitsPerMbDenom?: number;
    log2MaxMvLengthHorizontal?: number;
    log2MaxMvLengthVertical?: number;
    maxNumReorderFrames: number;
    maxDecFrameBuffering: number;
  };
}

export interface SpsOpts {
  profileIdc?: number;
  /** constraint_set0_flag .. constraint_set5_flag as 6 bits, set0 first (default 0b010000: Constrained Baseline). */
  constraintFlags?: number;
  levelIdc?: number;
  spsId?: number;
  log2MaxFrameNumMinus4?: number;
  pocType?: 0 | 1 | 2;
  log2MaxPocLsbMinus4?: number;
  /** pic_order_cnt_type 1 fields (7.3.2.1.1). */
  poc1?: { deltaPicOrderAlwaysZero: boolean; offsetForNonRefPic: number; offsetForTopToBottomField: number; offsetForRefFrame: number[] };
  maxNumRefFrames?: number;
  gapsAllowed?: boolean;
  widthMbs?: number;
  heightMapUnits?: number;
  frameMbsOnly?: boolean;
  mbAdaptiveFrameField?: boolean;
  direct8x8Inference?: boolean;
  /** frame_crop_{left,right,top,bottom}_offset (frame_cropping_flag = 1 when given). */
  crop?: { left: number; right: number; top: number; bottom: number };
  vui?: VuiOpts;
  /** Overrides log2_max_frame_num_minus4 with an out-of-range value (for range checks). */
  rawLog2MaxFrameNumMinus4?: number;
  /** Bits ('0'/'1') written after the last syntax element, before rbsp_trailing_bits(): a syntax violation. */
  extraBits?: string;
}

/** 7.3.2.1.1: profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
const CHROMA_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** A NAL unit: 7.3.1 header byte (forbidden_zero_bit 0, nal_ref_idc, nal_unit_type) and the escaped RBSP. */
export function nalUnit(nalUnitType: number, nalRefIdc: number, rbsp: number[]): number[] {
  return [(nalRefIdc << 5) | nalUnitType, ...escape(rbsp)];
}

/** E.1.2 hrd_parameters(). */
function hrd(w: BitWriter, h: HrdOpts): void {
  const n = (h.cpbCntMinus1 ?? 0) + 1;
  w.ue(n - 1); // cpb_cnt_minus1
  w.u(4, h.bitRateScale ?? 0); // bit_rate_scale
  w.u(4, h.cpbSizeScale ?? 0); // cpb_size_scale
  for (let i = 0; i < n; i++) {
    w.ue(h.bitRateValueMinus1?.[i] ?? 999); // bit_rate_value_minus1[ SchedSelIdx ]
    w.ue(h.cpbSizeValueMinus1?.[i] ?? 999); // cpb_size_value_minus1[ SchedSelIdx ]
    w.flag(h.cbrFlag?.[i] ?? false); // cbr_flag[ SchedSelIdx ]
  }
  w.u(5, h.initialCpbRemovalDelayLengthMinus1 ?? 23); // initial_cpb_removal_delay_length_minus1
  w.u(5, h.cpbRemovalDelayLengthMinus1 ?? 23); // cpb_removal_delay_length_minus1
  w.u(5, h.dpbOutputDelayLengthMinus1 ?? 23); // dpb_output_delay_length_minus1
  w.u(5, h.timeOffsetLength ?? 24); // time_offset_length
}

/** E.1.1 vui_parameters(). */
function vui(w: BitWriter, v: VuiOpts): void {
  w.flag(v.aspectRatioIdc !== undefined); // aspect_ratio_info_present_flag
  if (v.aspectRatioIdc !== undefined) {
    w.u(8, v.aspectRatioIdc); // aspect_ratio_idc
    if (v.aspectRatioIdc === 255) w.u(16, v.sar?.width ?? 1).u(16, v.sar?.height ?? 1); // sar_width, sar_height
  }
  w.flag(v.overscanAppropriate !== undefined); // overscan_info_present_flag
  if (v.overscanAppropriate !== undefined) w.flag(v.overscanAppropriate); // overscan_appropriate_flag
  w.flag(v.videoSignal !== undefined); // video_signal_type_present_flag
  if (v.videoSignal) {
    w.u(3, v.videoSignal.videoFormat); // video_format
    w.flag(v.videoSignal.fullRange); // video_full_range_flag
    const c = v.videoSignal.colour;
    w.flag(c !== undefined); // colour_description_present_flag
    if (c) w.u(8, c.primaries).u(8, c.transfer).u(8, c.matrix); // colour_primaries, transfer_characteristics, matrix_coefficients
  }
  w.flag(v.chromaLoc !== undefined); // chroma_loc_info_present_flag
  if (v.chromaLoc) w.ue(v.chromaLoc.top).ue(v.chromaLoc.bottom); // chroma_sample_loc_type_top_field, _bottom_field
  w.flag(v.timing !== undefined); // timing_info_present_flag
  if (v.timing) {
    w.u(32, v.timing.numUnitsInTick); // num_units_in_tick
    w.u(32, v.timing.timeScale); // time_scale
    w.flag(v.timing.fixedFrameRate); // fixed_frame_rate_flag
  }
  w.flag(v.nalHrd !== undefined); // nal_hrd_parameters_present_flag
  if (v.nalHrd) hrd(w, v.nalHrd);
  w.flag(v.vclHrd !== undefined); // vcl_hrd_parameters_present_flag
  if (v.vclHrd) hrd(w, v.vclHrd);
  if (v.nalHrd || v.vclHrd) w.flag(v.lowDelayHrd ?? false); // low_delay_hrd_flag
  w.flag(v.picStructPresent ?? false); // pic_struct_present_flag
  const b = v.bitstreamRestriction;
  w.flag(b !== undefined); // bitstream_restriction_flag
  if (b) {
    w.flag(b.motionVectorsOverPicBoundaries ?? true); // motion_vectors_over_pic_boundaries_flag
    w.ue(b.maxBytesPerPicDenom ?? 2); // max_bytes_per_pic_denom
    w.ue(b.maxBitsPerMbDenom ?? 1); // max_bits_per_mb_denom
    w.ue(b.log2MaxMvLengthHorizontal ?? 15); // log2_max_mv_length_horizontal
    w.ue(b.log2MaxMvLengthVertical ?? 15); // log2_max_mv_length_vertical
    w.ue(b.maxNumReorderFrames); // max_num_reorder_frames
    w.ue(b.maxDecFrameBuffering); // max_dec_frame_buffering
  }
}

/** 7.3.2.1.1 seq_parameter_set_rbsp(). Defaults: Constrained Baseline, level 3, 176x144, POC type 2, one reference frame. */
export function sps(o: SpsOpts = {}): number[] {
  const w = new BitWriter();
  const profile = o.profileIdc ?? 66;
  w.u(8, profile); // profile_idc
  w.u(6, o.constraintFlags ?? 0b010000); // constraint_set0_flag .. constraint_set5_flag
  w.u(2, 0); // reserved_zero_2bits
  w.u(8, o.levelIdc ?? 30); // level_idc
  w.ue(o.spsId ?? 0); // seq_parameter_set_id
  if (CHROMA_PROFILES.has(profile)) {
    w.ue(1); // chroma_format_idc (4:2:0; no separate_colour_plane_flag)
    w.ue(0).ue(0); // bit_depth_luma_minus8, bit_depth_chroma_minus8
    w.u(1, 0); // qpprime_y_zero_transform_bypass_flag
    w.u(1, 0); // seq_scaling_matrix_present_flag
  }
  w.ue(o.rawLog2MaxFrameNumMinus4 ?? o.log2MaxFrameNumMinus4 ?? 0); // log2_max_frame_num_minus4
  const pocType = o.pocType ?? 2;
  w.ue(pocType); // pic_order_cnt_type
  if (pocType === 0) {
    w.ue(o.log2MaxPocLsbMinus4 ?? 0); // log2_max_pic_order_cnt_lsb_minus4
  } else if (pocType === 1) {
    const p = o.poc1 ?? { deltaPicOrderAlwaysZero: false, offsetForNonRefPic: -1, offsetForTopToBottomField: 1, offsetForRefFrame: [2] };
    w.flag(p.deltaPicOrderAlwaysZero); // delta_pic_order_always_zero_flag
    w.se(p.offsetForNonRefPic); // offset_for_non_ref_pic
    w.se(p.offsetForTopToBottomField); // offset_for_top_to_bottom_field
    w.ue(p.offsetForRefFrame.length); // num_ref_frames_in_pic_order_cnt_cycle
    for (const off of p.offsetForRefFrame) w.se(off); // offset_for_ref_frame[ i ]
  }
  w.ue(o.maxNumRefFrames ?? 1); // max_num_ref_frames
  w.flag(o.gapsAllowed ?? false); // gaps_in_frame_num_value_allowed_flag
  w.ue((o.widthMbs ?? 11) - 1); // pic_width_in_mbs_minus1
  w.ue((o.heightMapUnits ?? 9) - 1); // pic_height_in_map_units_minus1
  const fmo = o.frameMbsOnly ?? true;
  w.flag(fmo); // frame_mbs_only_flag
  if (!fmo) w.flag(o.mbAdaptiveFrameField ?? false); // mb_adaptive_frame_field_flag
  w.flag(o.direct8x8Inference ?? true); // direct_8x8_inference_flag
  w.flag(o.crop !== undefined); // frame_cropping_flag
  if (o.crop) w.ue(o.crop.left).ue(o.crop.right).ue(o.crop.top).ue(o.crop.bottom); // frame_crop_{left,right,top,bottom}_offset
  w.flag(o.vui !== undefined); // vui_parameters_present_flag
  if (o.vui) vui(w, o.vui);
  for (const b of o.extraBits ?? '') w.bit(b === '1' ? 1 : 0);
  w.trailing();
  return nalUnit(7, 3, w.rbsp());
}

export interface PpsOpts {
  ppsId?: number;
  spsId?: number;
  entropyCodingMode?: boolean;
  bottomFieldPicOrderInFramePresent?: boolean;
  numRefIdxL0DefaultActiveMinus1?: number;
  numRefIdxL1DefaultActiveMinus1?: number;
  weightedPred?: boolean;
  weightedBipredIdc?: number;
  picInitQpMinus26?: number;
  chromaQpIndexOffset?: number;
  /** Default true (the slice then carries disable_deblocking_filter_idc). */
  deblockingFilterControlPresent?: boolean;
  redundantPicCntPresent?: boolean;
  /** The 7.3.2.2 extension after more_rbsp_data(): transform_8x8_mode_flag, no scaling matrix, second_chroma_qp_index_offset. */
  transform8x8?: { transform8x8Mode: boolean; secondChromaQpIndexOffset: number };
}

/** 7.3.2.2 pic_parameter_set_rbsp(): one slice group. `pps(id, spsId)` or `pps({ ... })`. */
export function pps(ppsIdOrOpts: number | PpsOpts = 0, spsId = 0): number[] {
  const o: PpsOpts = typeof ppsIdOrOpts === 'number' ? { ppsId: ppsIdOrOpts, spsId } : ppsIdOrOpts;
  const w = new BitWriter();
  w.ue(o.ppsId ?? 0).ue(o.spsId ?? 0); // pic_parameter_set_id, seq_parameter_set_id
  w.flag(o.entropyCodingMode ?? false); // entropy_coding_mode_flag
  w.flag(o.bottomFieldPicOrderInFramePresent ?? false); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(o.numRefIdxL0DefaultActiveMinus1 ?? 0); // num_ref_idx_l0_default_active_minus1
  w.ue(o.numRefIdxL1DefaultActiveMinus1 ?? 0); // num_ref_idx_l1_default_active_minus1
  w.flag(o.weightedPred ?? false); // weighted_pred_flag
  w.u(2, o.weightedBipredIdc ?? 0); // weighted_bipred_idc
  w.se(o.picInitQpMinus26 ?? 0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(o.chromaQpIndexOffset ?? 0); // chroma_qp_index_offset
  w.flag(o.deblockingFilterControlPresent ?? true); // deblocking_filter_control_present_flag
  w.u(1, 0); // constrained_intra_pred_flag
  w.flag(o.redundantPicCntPresent ?? false); // redundant_pic_cnt_present_flag
  if (o.transform8x8) {
    w.flag(o.transform8x8.transform8x8Mode); // transform_8x8_mode_flag
    w.u(1, 0); // pic_scaling_matrix_present_flag
    w.se(o.transform8x8.secondChromaQpIndexOffset); // second_chroma_qp_index_offset
  }
  w.trailing();
  return nalUnit(8, 3, w.rbsp());
}

/** 7.3.3.3 one memory_management_control_operation with its operands (7.4.3.3). */
export type Mmco =
  | { op: 1; differenceOfPicNumsMinus1: number }
  | { op: 2; longTermPicNum: number }
  | { op: 3; differenceOfPicNumsMinus1: number; longTermFrameIdx: number }
  | { op: 4; maxLongTermFrameIdxPlus1: number }
  | { op: 5 }
  | { op: 6; longTermFrameIdx: number };

/** 7.3.3.1 one list modification: modification_of_pic_nums_idc 0/1 with abs_diff_pic_num_minus1, 2 with long_term_pic_num. */
export type ListModification = { idc: 0 | 1; absDiffPicNumMinus1: number } | { idc: 2; longTermPicNum: number };

/** 7.3.3.2 weights of one reference index: [weight, offset] for luma and for Cb, Cr. */
export interface RefWeights {
  luma?: [number, number];
  chroma?: [[number, number], [number, number]];
}

export interface SliceOpts {
  /** The SPS / PPS this slice refers to (as given to sps() / pps()): decide which fields are present and their widths. */
  sps?: SpsOpts;
  pps?: PpsOpts;
  idr?: boolean;
  nalRefIdc?: number;
  firstMb?: number;
  sliceType?: number; // 0 P, 1 B, 2 I, 3 SP, 4 SI (Table 7-6); + 5 for "all slices of the picture"
  ppsId?: number;
  frameNum?: number;
  /** frame_num width in bits; default log2_max_frame_num_minus4 + 4 of `sps`. */
  log2MaxFrameNum?: number;
  idrPicId?: number;
  /** field_pic_flag / bottom_field_flag; written when given or when `sps` has frame_mbs_only_flag 0. */
  field?: { bottom: boolean } | 'frame';
  /** pic_order_cnt_lsb: a value (width from `sps`) or an explicit width; written for POC type 0. */
  pocLsb?: number | { bits: number; value: number };
  deltaPicOrderCntBottom?: number;
  /** delta_pic_order_cnt[ 0 ], [ 1 ] (POC type 1 without delta_pic_order_always_zero_flag). */
  deltaPicOrderCnt?: [number, number];
  redundantPicCnt?: number;
  directSpatialMvPred?: boolean;
  /** num_ref_idx_active_override_flag = 1 with these num_ref_idx_l0/l1_active_minus1. */
  numRefIdxActiveMinus1?: { l0: number; l1?: number };
  listModificationL0?: ListModification[];
  listModificationL1?: ListModification[];
  /** pred_weight_table() when the PPS calls for it: denominators and one entry per active reference index. */
  predWeights?: { lumaLog2WeightDenom: number; chromaLog2WeightDenom: number; l0: RefWeights[]; l1?: RefWeights[] };
  noOutputOfPriorPics?: boolean;
  longTermReference?: boolean;
  /** adaptive_ref_pic_marking_mode_flag = 1 with these operations (the terminating 0 is added). */
  mmco?: Mmco[];
  cabacInitIdc?: number;
  sliceQpDelta?: number;
  disableDeblockingFilterIdc?: number;
  sliceAlphaC0OffsetDiv2?: number;
  sliceBetaOffsetDiv2?: number;
  /** Data partitioning (Extended profile): partition A (nal_unit_type 2, 7.3.2.9.1) with this slice_id after the header. */
  partitionA?: { sliceId: number };
}

/** 7.3.3.1 ref_pic_list_modification() for one list. */
function listModification(w: BitWriter, mods: ListModification[] | undefined): void {
  w.flag(mods !== undefined); // ref_pic_list_modification_flag_lX
  if (!mods) return;
  for (const m of mods) {
    w.ue(m.idc); // modification_of_pic_nums_idc
    if (m.idc === 2) w.ue(m.longTermPicNum); // long_term_pic_num
    else w.ue(m.absDiffPicNumMinus1); // abs_diff_pic_num_minus1
  }
  w.ue(3); // modification_of_pic_nums_idc = 3: end of the list
}

/** 7.3.3.2 the entries of one list (ChromaArrayType != 0: 4:2:0 here). */
function weights(w: BitWriter, list: RefWeights[]): void {
  for (const e of list) {
    w.flag(e.luma !== undefined); // luma_weight_lX_flag
    if (e.luma) w.se(e.luma[0]).se(e.luma[1]); // luma_weight_lX[ i ], luma_offset_lX[ i ]
    w.flag(e.chroma !== undefined); // chroma_weight_lX_flag
    if (e.chroma) for (const [wt, off] of e.chroma) w.se(wt).se(off); // chroma_weight_lX[ i ][ j ], chroma_offset_lX[ i ][ j ]
  }
}

/** 7.3.3 slice_header() of a coded slice (nal_unit_type 1 or 5, or 2 with `partitionA`), then rbsp_trailing_bits() in place of slice_data(). */
export function slice(o: SliceOpts = {}): number[] {
  const s = o.sps ?? {};
  const p = o.pps ?? {};
  const idr = o.idr ?? false;
  const ref = o.nalRefIdc ?? (idr ? 3 : 2);
  const type = o.sliceType ?? (idr ? 7 : 5);
  const st = type % 5;
  const w = new BitWriter();
  w.ue(o.firstMb ?? 0); // first_mb_in_slice
  w.ue(type); // slice_type
  w.ue(o.ppsId ?? p.ppsId ?? 0); // pic_parameter_set_id
  w.u(o.log2MaxFrameNum ?? (s.log2MaxFrameNumMinus4 ?? 0) + 4, o.frameNum ?? 0); // frame_num
  const field = o.field ?? (s.frameMbsOnly === false ? 'frame' : undefined);
  if (field !== undefined) {
    w.flag(field !== 'frame'); // field_pic_flag
    if (field !== 'frame') w.flag(field.bottom); // bottom_field_flag
  }
  const fieldPic = field !== undefined && field !== 'frame';
  if (idr) w.ue(o.idrPicId ?? 0); // idr_pic_id
  if (typeof o.pocLsb === 'object') {
    w.u(o.pocLsb.bits, o.pocLsb.value); // pic_order_cnt_lsb
  } else if (s.pocType === 0) {
    w.u((s.log2MaxPocLsbMinus4 ?? 0) + 4, o.pocLsb ?? 0); // pic_order_cnt_lsb
  }
  if ((s.pocType === 0 || typeof o.pocLsb === 'object') && p.bottomFieldPicOrderInFramePresent && !fieldPic)
    w.se(o.deltaPicOrderCntBottom ?? 0); // delta_pic_order_cnt_bottom
  if (s.pocType === 1 && !(s.poc1?.deltaPicOrderAlwaysZero ?? false)) {
    w.se(o.deltaPicOrderCnt?.[0] ?? 0); // delta_pic_order_cnt[ 0 ]
    if (p.bottomFieldPicOrderInFramePresent && !fieldPic) w.se(o.deltaPicOrderCnt?.[1] ?? 0); // delta_pic_order_cnt[ 1 ]
  }
  if (p.redundantPicCntPresent) w.ue(o.redundantPicCnt ?? 0); // redundant_pic_cnt
  if (st === 1) w.flag(o.directSpatialMvPred ?? true); // direct_spatial_mv_pred_flag
  if (st === 0 || st === 3 || st === 1) {
    const n = o.numRefIdxActiveMinus1;
    w.flag(n !== undefined); // num_ref_idx_active_override_flag
    if (n) {
      w.ue(n.l0); // num_ref_idx_l0_active_minus1
      if (st === 1) w.ue(n.l1 ?? 0); // num_ref_idx_l1_active_minus1
    }
  }
  if (st !== 2 && st !== 4) listModification(w, o.listModificationL0); // 7.3.3.1
  if (st === 1) listModification(w, o.listModificationL1);
  if ((p.weightedPred && (st === 0 || st === 3)) || (p.weightedBipredIdc === 1 && st === 1)) {
    const pw = o.predWeights ?? { lumaLog2WeightDenom: 0, chromaLog2WeightDenom: 0, l0: [], l1: [] };
    w.ue(pw.lumaLog2WeightDenom); // luma_log2_weight_denom
    w.ue(pw.chromaLog2WeightDenom); // chroma_log2_weight_denom (ChromaArrayType != 0)
    const l0 = (o.numRefIdxActiveMinus1?.l0 ?? p.numRefIdxL0DefaultActiveMinus1 ?? 0) + 1;
    weights(w, Array.from({ length: l0 }, (_, i) => pw.l0[i] ?? {}));
    if (st === 1) {
      const l1 = (o.numRefIdxActiveMinus1?.l1 ?? p.numRefIdxL1DefaultActiveMinus1 ?? 0) + 1;
      weights(w, Array.from({ length: l1 }, (_, i) => pw.l1?.[i] ?? {}));
    }
  }
  if (ref !== 0) {
    // 7.3.3.3 dec_ref_pic_marking()
    if (idr) {
      w.flag(o.noOutputOfPriorPics ?? false); // no_output_of_prior_pics_flag
      w.flag(o.longTermReference ?? false); // long_term_reference_flag
    } else {
      w.flag(o.mmco !== undefined); // adaptive_ref_pic_marking_mode_flag
      for (const m of o.mmco ?? []) {
        w.ue(m.op); // memory_management_control_operation
        if (m.op === 1 || m.op === 3) w.ue(m.differenceOfPicNumsMinus1); // difference_of_pic_nums_minus1
        if (m.op === 2) w.ue(m.longTermPicNum); // long_term_pic_num
        if (m.op === 3 || m.op === 6) w.ue(m.longTermFrameIdx); // long_term_frame_idx
        if (m.op === 4) w.ue(m.maxLongTermFrameIdxPlus1); // max_long_term_frame_idx_plus1
      }
      if (o.mmco) w.ue(0); // memory_management_control_operation = 0: end
    }
  }
  if (p.entropyCodingMode && st !== 2 && st !== 4) w.ue(o.cabacInitIdc ?? 0); // cabac_init_idc
  w.se(o.sliceQpDelta ?? 0); // slice_qp_delta
  if (st === 3 || st === 4) {
    if (st === 3) w.u(1, 0); // sp_for_switch_flag
    w.se(0); // slice_qs_delta
  }
  if (p.deblockingFilterControlPresent ?? true) {
    const idc = o.disableDeblockingFilterIdc ?? 1;
    w.ue(idc); // disable_deblocking_filter_idc (1: no offsets follow)
    if (idc !== 1) w.se(o.sliceAlphaC0OffsetDiv2 ?? 0).se(o.sliceBetaOffsetDiv2 ?? 0); // slice_alpha_c0_offset_div2, slice_beta_offset_div2
  }
  if (o.partitionA) w.ue(o.partitionA.sliceId); // slice_id (7.3.2.9.1)
  w.trailing();
  return nalUnit(o.partitionA ? 2 : idr ? 5 : 1, ref, w.rbsp());
}

/**
 * 7.3.2.9.2 slice_data_partition_b_layer_rbsp() (nal_unit_type 3) / 7.3.2.9.3 _c_ (4): slice_id,
 * redundant_pic_cnt when the PPS has redundant_pic_cnt_present_flag, then trailing bits in place
 * of slice_data(). No colour_plane_id (separate_colour_plane_flag 0).
 */
export function slicePartition(nalUnitType: 3 | 4, sliceId: number, o: { nalRefIdc?: number; pps?: PpsOpts; redundantPicCnt?: number } = {}): number[] {
  const w = new BitWriter();
  w.ue(sliceId); // slice_id
  if (o.pps?.redundantPicCntPresent) w.ue(o.redundantPicCnt ?? 0); // redundant_pic_cnt
  w.trailing();
  return nalUnit(nalUnitType, o.nalRefIdc ?? 2, w.rbsp());
}

/** 7.3.2.4 access_unit_delimiter_rbsp(): primary_pic_type (Table 7-5) then trailing bits. */
export function aud(primaryPicType = 7): number[] {
  return nalUnit(9, 0, new BitWriter().u(3, primaryPicType).trailing().rbsp());
}

/** 7.3.2.5 end_of_seq_rbsp() (empty). */
export function endOfSequence(): number[] {
  return [0x0a];
}

/** 7.3.2.6 end_of_stream_rbsp() (empty). */
export function endOfStream(): number[] {
  return [0x0b];
}

/** 7.3.2.7 filler_data_rbsp(): `n` ff_byte (0xFF), then rbsp_trailing_bits(). */
export function filler(n: number): number[] {
  return nalUnit(12, 0, [...new Array<number>(n).fill(0xff), 0x80]);
}

/** One sei_message() (7.3.2.3.1): payloadType and the sei_payload() bytes, byte-aligned (D.1.1). */
export interface SeiMessage {
  payloadType: number;
  payload: number[];
}

/** D.1.1: a payload written as bits, then bit_equal_to_one and bit_equal_to_zero up to the byte boundary. */
function seiPayload(w: BitWriter): number[] {
  if (w.bitLength % 8 !== 0) {
    w.bit(1); // bit_equal_to_one
    while (w.bitLength % 8 !== 0) w.bit(0); // bit_equal_to_zero
  }
  return w.rbsp();
}

/** 7.3.2.3 sei_rbsp(): the messages, with payloadType / payloadSize as 0xFF runs plus a last byte (7.3.2.3.1). */
export function sei(messages: SeiMessage[], nalRefIdc = 0): number[] {
  const bytes: number[] = [];
  const ffCoded = (v: number): void => {
    for (; v >= 255; v -= 255) bytes.push(0xff); // ff_byte
    bytes.push(v); // last_payload_type_byte / last_payload_size_byte
  };
  for (const m of messages) {
    ffCoded(m.payloadType);
    ffCoded(m.payload.length);
    for (const b of m.payload) bytes.push(b);
  }
  bytes.push(0x80); // rbsp_trailing_bits()
  return nalUnit(6, nalRefIdc, bytes);
}

/** D.1.2 buffering_period(): seq_parameter_set_id and, per HRD present, initial delay / offset per SchedSelIdx. */
export function bufferingPeriod(o: { spsId?: number; nal?: { delayBits: number; delays: Array<[number, number]> }; vcl?: { delayBits: number; delays: Array<[number, number]> } } = {}): SeiMessage {
  const w = new BitWriter();
  w.ue(o.spsId ?? 0); // seq_parameter_set_id
  for (const h of [o.nal, o.vcl]) {
    // NalHrdBpPresentFlag / VclHrdBpPresentFlag; u(v) widths: initial_cpb_removal_delay_length_minus1 + 1.
    for (const [delay, offset] of h?.delays ?? []) w.u(h!.delayBits, delay).u(h!.delayBits, offset); // initial_cpb_removal_delay, _offset
  }
  return { payloadType: 0, payload: seiPayload(w) };
}

/** Table D-1 NumClockTS per pic_struct. */
const NUM_CLOCK_TS = [1, 1, 1, 2, 2, 3, 3, 2, 3];

/**
 * D.1.3 pic_timing(): cpb_removal_delay / dpb_output_delay when the SPS has HRD parameters
 * (CpbDpbDelaysPresentFlag; widths from hrd_parameters()), pic_struct when
 * pic_struct_present_flag, then clock_timestamp_flag[ i ] = 0 for each of NumClockTS.
 */
export function picTiming(o: { delays?: { cpbBits: number; cpbRemovalDelay: number; dpbBits: number; dpbOutputDelay: number }; picStruct?: number }): SeiMessage {
  const w = new BitWriter();
  if (o.delays) {
    w.u(o.delays.cpbBits, o.delays.cpbRemovalDelay); // cpb_removal_delay
    w.u(o.delays.dpbBits, o.delays.dpbOutputDelay); // dpb_output_delay
  }
  if (o.picStruct !== undefined) {
    w.u(4, o.picStruct); // pic_struct
    for (let i = 0; i < (NUM_CLOCK_TS[o.picStruct] ?? 0); i++) w.u(1, 0); // clock_timestamp_flag[ i ]
  }
  return { payloadType: 1, payload: seiPayload(w) };
}

/** D.1.8 recovery_point(). */
export function recoveryPoint(o: { recoveryFrameCnt?: number; exactMatch?: boolean; brokenLink?: boolean; changingSliceGroupIdc?: number } = {}): SeiMessage {
  const w = new BitWriter();
  w.ue(o.recoveryFrameCnt ?? 0); // recovery_frame_cnt
  w.flag(o.exactMatch ?? true); // exact_match_flag
  w.flag(o.brokenLink ?? false); // broken_link_flag
  w.u(2, o.changingSliceGroupIdc ?? 0); // changing_slice_group_idc
  return { payloadType: 6, payload: seiPayload(w) };
}

/** D.1.7 user_data_unregistered(): uuid_iso_iec_11578 (16 bytes) then user_data_payload_byte. */
export function userDataUnregistered(uuid: number[], data: number[]): SeiMessage {
  if (uuid.length !== 16) throw new Error('uuid_iso_iec_11578 is 128 bits');
  return { payloadType: 5, payload: [...uuid, ...data] };
}

/** D.1.6 user_data_registered_itu_t_t35(): itu_t_t35_country_code (no extension byte) then the payload bytes. */
export function userDataRegistered(countryCode: number, data: number[]): SeiMessage {
  return { payloadType: 4, payload: [countryCode, ...data] };
}
