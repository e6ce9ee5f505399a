/**
 * H.264 parameter set, slice header, SEI and access unit delimiter syntax checks
 * (VALIDATION.md B2, B3, B6 item 38): each finding names the element, its value and range.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BitWriter, annexB } from '../helpers/bit-writer.js';
import { Inspector } from '../../src/index.js';
import {
  aud, bufferingPeriod, nalUnit, picTiming, pps, recoveryPoint, sei, slice, sps, userDataUnregistered,
} from '../helpers/h264-builder.js';
import type { PpsOpts, SliceOpts, SpsOpts } from '../helpers/h264-builder.js';
import { brief, gop, only, run } from '../helpers/h264-stream.js';

const IDR = slice({ idr: true });
const P1 = slice({ frameNum: 1 });
const UUID = Array.from({ length: 16 }, (_, i) => 0xa0 + i);

test('PARAM_SET_TRUNCATED: an SPS cut after its 5th byte ends inside gaps_in_frame_num_value_allowed_flag', () => {
  // Byte 4 of the RBSP: seq_parameter_set_id '1', log2_max_frame_num_minus4 '1',
  // pic_order_cnt_type ue(2) '011', max_num_ref_frames ue(1) '010' = 0xDA; the next bit is the flag.
  const cut = sps().slice(0, 5);
  assert.deepEqual(cut, [0x67, 66, 0x40, 30, 0xda]);
  const r = run([cut, pps(), IDR]);
  // The SPS came but is broken: the slice refers to an invalid set, not to a missing one.
  assert.deepEqual(brief(r), [
    ['PARAM_SET_TRUNCATED', 0, 0],
    ['SLICE_PARAM_SET_INVALID', 0, 0],
  ]);
  assert.equal(r.issues[0].message, 'parameter set ends inside gaps_in_frame_num_value_allowed_flag');
  assert.equal(r.issues[0].severity, 'high');
  assert.equal(r.issues[1].message, 'slice refers to seq_parameter_set_id 0, which was received but is invalid');
  assert.deepEqual(run([sps(), pps(), IDR]).issues, []);
});

test('PARAM_SET_VALUE_OUT_OF_RANGE: chroma_qp_index_offset 13 (7.4.2.2: -12..12); the PPS stays usable', () => {
  const r = run([sps(), pps({ chromaQpIndexOffset: 13 }), IDR, P1]);
  assert.deepEqual(brief(r), [['PARAM_SET_VALUE_OUT_OF_RANGE', 0, 13]]);
  assert.equal(r.issues[0].message, 'chroma_qp_index_offset = 13, outside [-12, 12]');
  assert.equal(r.frames.length, 2);
  assert.deepEqual(run([sps(), pps({ chromaQpIndexOffset: -12 }), IDR, P1]).issues, []);
});

test('PARAM_SET_INVALID: three bits after vui_parameters_present_flag, before rbsp_trailing_bits (7.3.2.11)', () => {
  // The SPS syntax takes 51 bits after the NAL header: profile_idc .. level_idc 24, ue(0) 1, ue(0) 1,
  // ue(2) 3, ue(1) 3, gaps 1, ue(10) 7, ue(8) 7, frame_mbs_only_flag, direct_8x8_inference_flag,
  // frame_cropping_flag, vui_parameters_present_flag 4. '101' follows, so the stop bit is bit 54.
  const r = run([sps({ extraBits: '101' }), pps(), IDR]);
  assert.deepEqual(brief(r), [['PARAM_SET_INVALID', 0, 51]]);
  assert.equal(r.issues[0].message, 'parameter set syntax violation at rbsp_trailing_bits');
  assert.equal(r.issues[0].expected, 54);
  assert.deepEqual(run([sps({ extraBits: '' }), pps(), IDR]).issues, []);
});

test('VUI_MALFORMED: chroma_sample_loc_type_top_field 6 (E.2.1: 0..5); the SPS stays usable', () => {
  const r = run([sps({ vui: { chromaLoc: { top: 6, bottom: 0 } } }), pps(), IDR, P1]);
  assert.deepEqual(brief(r), [['VUI_MALFORMED', 0, 6]]);
  assert.equal(r.issues[0].message, 'VUI/HRD: chroma_sample_loc_type_top_field = 6 (allowed [0, 5]) or cut short');
  assert.equal(r.frames.length, 2);
  assert.deepEqual(run([sps({ vui: { chromaLoc: { top: 5, bottom: 5 } } }), pps(), IDR, P1]).issues, []);
});

test('VUI_MALFORMED: an HRD with cpb_cnt_minus1 32 (E.2.2: 0..31); what the broken VUI would require is not checked', () => {
  const r = run([sps({ vui: { nalHrd: { cpbCntMinus1: 32 } } }), pps(), IDR]);
  assert.deepEqual(brief(r), [['VUI_MALFORMED', 0, 32]]);
  assert.equal(r.issues[0].message, 'VUI/HRD: cpb_cnt_minus1 = 32 (allowed [0, 31]) or cut short');
  // 32 schedules, with the picture timing SEI the HRD then requires (D.2.3; 24-bit delays).
  const timing = sei([picTiming({ delays: { cpbBits: 24, cpbRemovalDelay: 0, dpbBits: 24, dpbOutputDelay: 0 } })]);
  assert.deepEqual(run([sps({ vui: { nalHrd: { cpbCntMinus1: 31 } } }), pps(), timing, IDR]).issues, []);
});

test('VUI_MALFORMED: a VUI cut short inside time_scale; the SPS stays usable', () => {
  // The SPS bytes up to the middle of time_scale, then a stop bit.
  const full = sps({ vui: { timing: { numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true } } });
  const cut = [...full.slice(0, full.length - 4), 0x80];
  const r = run([cut, pps(), IDR, P1]);
  assert.deepEqual(brief(r), [['VUI_MALFORMED', 0, 0]]);
  assert.equal(r.issues[0].message, 'VUI/HRD: time_scale = 0 (allowed [0, 0]) or cut short');
  assert.equal(r.info?.frameRate, null);
  assert.deepEqual(run([full, pps(), IDR, P1]).issues, []);
});

test('UNSUPPORTED_SYNTAX: an SEI longer than the 256 KiB kept of a unit that spans pushes cannot be followed to its end', () => {
  // user_data_unregistered with 300 000 payload bytes of 0x5A: payloadSize 300 016 as 1176 ff_bytes + 136.
  const big = sei([userDataUnregistered(UUID, new Array<number>(300_000).fill(0x5a))]);
  const bytes = annexB([sps(), pps(), big, IDR]);
  const half = bytes.length >> 1;
  const insp = new Inspector();
  const found: Array<[string, number, number, string]> = [];
  for (const res of [insp.push(bytes.subarray(0, half)), insp.push(bytes.subarray(half)), insp.flush()])
    for (const i of res.issues) found.push([i.name, i.frame, i.found, i.message]);
  assert.deepEqual(found, [['UNSUPPORTED_SYNTAX', 0, 0, 'not followed by this inspector: nal_unit_size']]);
  // Pushed at once, the unit is read whole.
  assert.deepEqual(run([sps(), pps(), big, IDR]).issues, []);
});

test('a PPS whose SPS never comes: reported when a slice activates it (7.4.1.2.1), not at the PPS', () => {
  const r = run([sps(), pps(), pps(1, 1), IDR, slice({ frameNum: 1, ppsId: 1 })]);
  assert.deepEqual(brief(r), [['SLICE_PARAM_SET_MISSING', 1, 1]]);
  assert.equal(r.issues[0].message, 'slice refers to seq_parameter_set_id 1, not received');
  assert.deepEqual(run([sps(), pps(), pps(1, 0), IDR, slice({ frameNum: 1, ppsId: 1 })]).issues, []);
  // A PPS sent before its SPS is legal: the SPS is only needed at activation.
  assert.deepEqual(run([pps(), sps(), IDR]).issues, []);
});

test('PARAM_SET_CHANGED: the PPS re-sent with chroma_qp_index_offset 1 is an info event; re-sent unchanged it is nothing', () => {
  const r = run([...gop(0), pps({ chromaQpIndexOffset: 1 }), P1]);
  assert.deepEqual(brief(r), [['PARAM_SET_CHANGED', 1, 8]]);
  assert.equal(r.issues[0].severity, 'info');
  assert.equal(r.frames[1].flags & 0x200000, 0x200000, 'FrameFlag.paramSetChanged');
  assert.deepEqual(run([...gop(0), pps(), P1]).issues, []);
});

test('SLICE_HEADER_VALUE_OUT_OF_RANGE: slice_qp_delta 26 makes SliceQPY 52 (7.4.3: at most 51)', () => {
  const r = run([...gop(0), slice({ frameNum: 1, sliceQpDelta: 26 })]);
  assert.deepEqual(brief(r), [['SLICE_HEADER_VALUE_OUT_OF_RANGE', 1, 26]]);
  assert.equal(r.issues[0].message, 'slice_qp_delta = 26, outside [-26, 25]');
  assert.equal(r.issues[0].severity, 'high');
  assert.deepEqual(run([...gop(0), slice({ frameNum: 1, sliceQpDelta: 25 })]).issues, []);
});

test('slice_qp_delta is found behind every optional slice header structure the builder writes', () => {
  // The range finding proves the parser walked each structure bit for bit: the value is read
  // at the position the syntax puts it, after the structure.
  const cases: Array<{ what: string; sps?: SpsOpts; pps?: PpsOpts; idr?: SliceOpts; pic: SliceOpts }> = [
    { what: 'ref_pic_list_modification', sps: { maxNumRefFrames: 2 }, pic: { listModificationL0: [{ idc: 0, absDiffPicNumMinus1: 0 }, { idc: 1, absDiffPicNumMinus1: 1 }] } },
    { what: 'pred_weight_table', pps: { weightedPred: true }, pic: { predWeights: { lumaLog2WeightDenom: 5, chromaLog2WeightDenom: 3, l0: [{ luma: [-3, 7], chroma: [[1, -1], [2, 0]] }] } } },
    { what: 'num_ref_idx override with two weights', sps: { maxNumRefFrames: 2 }, pps: { weightedPred: true }, pic: { numRefIdxActiveMinus1: { l0: 1 }, predWeights: { lumaLog2WeightDenom: 0, chromaLog2WeightDenom: 0, l0: [{}, { luma: [1, 1] }] } } },
    { what: 'dec_ref_pic_marking with MMCO 1, 6', sps: { maxNumRefFrames: 2 }, pic: { mmco: [{ op: 1, differenceOfPicNumsMinus1: 0 }, { op: 4, maxLongTermFrameIdxPlus1: 1 }, { op: 6, longTermFrameIdx: 0 }] } },
    { what: 'CABAC cabac_init_idc (Main)', sps: { profileIdc: 77 }, pps: { entropyCodingMode: true }, pic: { cabacInitIdc: 2 } },
    { what: 'B slice: direct_spatial_mv_pred_flag, two lists (Main)', sps: { profileIdc: 77, maxNumRefFrames: 2 }, pic: { sliceType: 6, nalRefIdc: 0, directSpatialMvPred: false, listModificationL1: [{ idc: 0, absDiffPicNumMinus1: 0 }] } },
    { what: 'B slice explicit weights (weighted_bipred_idc 1)', sps: { profileIdc: 77 }, pps: { weightedBipredIdc: 1 }, pic: { sliceType: 1, nalRefIdc: 0, predWeights: { lumaLog2WeightDenom: 2, chromaLog2WeightDenom: 2, l0: [{ luma: [4, 0] }], l1: [{ chroma: [[4, 1], [4, 1]] }] } } },
    { what: 'redundant_pic_cnt (Baseline)', sps: { constraintFlags: 0 }, pps: { redundantPicCntPresent: true }, pic: { redundantPicCnt: 0 } },
    { what: 'POC type 0 with delta_pic_order_cnt_bottom', sps: { pocType: 0, log2MaxPocLsbMinus4: 2 }, pps: { bottomFieldPicOrderInFramePresent: true }, pic: { pocLsb: 4, deltaPicOrderCntBottom: 0 } },
    { what: 'POC type 1 with delta_pic_order_cnt[0..1]', sps: { pocType: 1 }, pps: { bottomFieldPicOrderInFramePresent: true }, pic: { deltaPicOrderCnt: [0, 0] } },
    { what: 'disable_deblocking_filter_idc 0 with offsets', pic: { disableDeblockingFilterIdc: 0, sliceAlphaC0OffsetDiv2: -6, sliceBetaOffsetDiv2: 6 } },
    { what: 'frame_num of 16 bits', sps: { log2MaxFrameNumMinus4: 12 }, pic: {} },
  ];
  for (const c of cases) {
    const ctx = { sps: c.sps, pps: c.pps };
    const head = [sps(c.sps), pps(c.pps), slice({ ...ctx, idr: true })];
    const ok = run([...head, slice({ ...ctx, frameNum: 1, ...c.pic })]);
    assert.deepEqual(ok.issues, [], c.what);
    const bad = run([...head, slice({ ...ctx, frameNum: 1, ...c.pic, sliceQpDelta: 26 })]);
    assert.deepEqual(brief(bad), [['SLICE_HEADER_VALUE_OUT_OF_RANGE', 1, 26]], c.what);
  }
});

test('SLICE_PARAM_SET_MISSING: once per gap — two pictures on the missing PPS 1 give one finding, a new gap after a PPS gives another', () => {
  const missing = (n: number) => slice({ frameNum: n, ppsId: 1 });
  const r = run([...gop(0), missing(1), missing(2), pps(), missing(3)]);
  assert.deepEqual(brief(r), [
    ['SLICE_PARAM_SET_MISSING', 1, 1],
    ['SLICE_PARAM_SET_MISSING', 3, 1],
  ]);
  assert.equal(r.issues[0].message, 'slice refers to pic_parameter_set_id 1, not received');
  assert.equal(r.issues[0].kind, 'missing_reference');
  assert.deepEqual(r.frames.map((f) => f.pictureType), ['I', 'unknown', 'unknown', 'unknown']);
  assert.deepEqual(run([sps(), pps(), pps(1, 0), IDR, missing(1), missing(2), pps(), missing(3)]).issues, []);
});

test('SLICE_PARAM_SET_INVALID: the slice refers to PPS 1, received with num_ref_idx_l0_default_active_minus1 32', () => {
  const r = run([sps(), pps(), pps({ ppsId: 1, numRefIdxL0DefaultActiveMinus1: 32 }), IDR, slice({ frameNum: 1, ppsId: 1 })]);
  assert.deepEqual(brief(r), [
    ['PARAM_SET_VALUE_OUT_OF_RANGE', 0, 32],
    ['SLICE_PARAM_SET_INVALID', 1, 1],
  ]);
  assert.equal(r.issues[0].message, 'num_ref_idx_l0_default_active_minus1 = 32, outside [0, 31]');
  assert.equal(r.issues[1].message, 'slice refers to pic_parameter_set_id 1, which was received but is invalid');
  assert.deepEqual(run([sps(), pps(), pps({ ppsId: 1, numRefIdxL0DefaultActiveMinus1: 31 }), IDR, slice({ frameNum: 1, ppsId: 1 })]).issues, []);
});

test('SEI_MALFORMED: payloadSize 20 with 16 payload bytes before rbsp_trailing_bits', () => {
  const seiWithSize = (size: number) => nalUnit(6, 0, [5, size, ...UUID, 0x80]);
  const r = run([sps(), pps(), seiWithSize(20), IDR]);
  assert.deepEqual(brief(r), [['SEI_MALFORMED', 0, 20]]);
  assert.equal(r.issues[0].message, 'SEI: payloadSize = 20 (allowed [0, 16]) or cut short');
  assert.deepEqual(run([sps(), pps(), seiWithSize(16), IDR]).issues, []);
});

test('SEI_MALFORMED: recovery_point with changing_slice_group_idc 3 (D.2.8: 0..2)', () => {
  const r = run([sps(), pps(), sei([recoveryPoint({ changingSliceGroupIdc: 3 })]), IDR]);
  assert.deepEqual(brief(r), [['SEI_MALFORMED', 0, 3]]);
  assert.equal(r.issues[0].message, 'SEI: changing_slice_group_idc = 3 (allowed [0, 2]) or cut short');
  assert.deepEqual(run([sps(), pps(), sei([recoveryPoint({ changingSliceGroupIdc: 2 })]), IDR]).issues, []);
});

test('SEI messages the builder writes parse clean: buffering period, pic timing, recovery point, user data', () => {
  const hrd = { cpbCntMinus1: 0, initialCpbRemovalDelayLengthMinus1: 17, cpbRemovalDelayLengthMinus1: 9, dpbOutputDelayLengthMinus1: 5 };
  const s = sps({ vui: { nalHrd: hrd, picStructPresent: true } });
  const timing = (n: number) => picTiming({ delays: { cpbBits: 10, cpbRemovalDelay: 2 * n, dpbBits: 6, dpbOutputDelay: 4 }, picStruct: 0 });
  const r = run([
    s, pps(),
    sei([bufferingPeriod({ nal: { delayBits: 18, delays: [[90000, 0]] } }), timing(0), userDataUnregistered(UUID, [1, 2, 3])]),
    IDR,
    sei([timing(1), recoveryPoint({ recoveryFrameCnt: 3 })]),
    P1,
  ]);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.frames.map((f) => f.recoveryPoint), [false, true]);
});

test('AUD_MALFORMED: an access unit delimiter without primary_pic_type', () => {
  const r = run([...gop(0), [0x09], P1]);
  assert.deepEqual(brief(r), [['AUD_MALFORMED', 1, 0]]);
  assert.equal(r.issues[0].message, 'access unit delimiter: primary_pic_type');
  assert.deepEqual(run([...gop(0), aud(1), P1]).issues, []);
});

test('BitWriter sanity: the SPS RBSP length the PARAM_SET_INVALID test counts on', () => {
  // 51 syntax bits + stop bit + 4 alignment zeros = 7 bytes after the NAL header.
  assert.equal(sps().length, 1 + 7);
  assert.equal(new BitWriter().ue(10).bitLength, 7);
  assert.equal(new BitWriter().ue(8).bitLength, 7);
});
