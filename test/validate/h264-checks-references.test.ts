/**
 * H.264 reference and picture order checks without decoding (VALIDATION.md B5): frame_num
 * continuity (7.4.3, 8.2.5.2), the reference marking process (8.2.5: sliding window, MMCO,
 * long-term frames), picture order counts (8.2.1) and the reorder depth (E.2.1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pps, slice, sps } from '../helpers/h264-builder.js';
import type { SliceOpts, SpsOpts } from '../helpers/h264-builder.js';
import { brief, gop, run } from '../helpers/h264-stream.js';

const IDR = slice({ idr: true });
const P = (frameNum: number, o: SliceOpts = {}) => slice({ frameNum, ...o });

test('FRAME_NUM_GAP: frame_num 3 after 1 with gaps not allowed: one reference frame missing', () => {
  const r = run([...gop(1), P(3)]);
  assert.deepEqual(brief(r), [['FRAME_NUM_GAP', 2, 3]]);
  assert.equal(r.issues[0].message, 'frame_num 3 after 1: 1 reference frame(s) missing');
  assert.equal(r.issues[0].severity, 'critical');
  assert.deepEqual(run(gop(3)).issues, []);
});

test('FRAME_NUM_GAP: the gap wraps at MaxFrameNum (16): frame_num 2 after 14 misses 15, 0, 1', () => {
  const head = gop(14);
  const r = run([...head, P(2)]);
  assert.deepEqual(brief(r), [['FRAME_NUM_GAP', 15, 2]]);
  assert.equal(r.issues[0].message, 'frame_num 2 after 14: 3 reference frame(s) missing');
  assert.deepEqual(run([...head, P(15), P(0), P(1), P(2)]).issues, []);
});

test('FRAME_NUM_GAP_ALLOWED: the same gap with gaps_in_frame_num_value_allowed_flag 1 is an info event', () => {
  const s: SpsOpts = { gapsAllowed: true };
  const r = run([sps(s), pps(), IDR, P(1), P(3)]);
  assert.deepEqual(brief(r), [['FRAME_NUM_GAP_ALLOWED', 2, 3]]);
  assert.equal(r.issues[0].message, 'frame_num gap of 1 (gaps_in_frame_num_value_allowed_flag = 1)');
  assert.equal(r.issues[0].severity, 'info');
  assert.equal(r.frames[2].damaged || r.frames[2].dependsOnDamaged, false);
  assert.deepEqual(run([sps(s), pps(), IDR, P(1), P(2)]).issues, []);
});

test('FRAME_NUM_REPEATED: two reference frames with frame_num 1 (told apart by their POC)', () => {
  const ctx = { sps: { pocType: 0 as const } };
  const r = run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), P(1, { ...ctx, pocLsb: 2 }), P(1, { ...ctx, pocLsb: 4 })]);
  assert.deepEqual(brief(r), [['FRAME_NUM_REPEATED', 2, 1]]);
  assert.deepEqual(run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), P(1, { ...ctx, pocLsb: 2 }), P(2, { ...ctx, pocLsb: 4 })]).issues, []);
  // A non-reference picture takes PrevRefFrameNum + 1 and the next reference picture the same value (7.4.3).
  assert.deepEqual(run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), P(1, { ...ctx, nalRefIdc: 0, pocLsb: 2 }), P(1, { ...ctx, pocLsb: 4 })]).issues, []);
});

test('MISSING_REFERENCE: a stream that starts with a P picture predicts from an empty DPB', () => {
  const r = run([sps(), pps(), P(1), P(2)]);
  assert.deepEqual(brief(r), [
    ['MISSING_REFERENCE', 0, 0],
    ['NO_KEYFRAME_AT_START', 0, 0],
  ]);
  assert.equal(r.issues[0].message, 'inter-predicted picture refers to a picture that is not available (0)');
  // An I picture needs no reference: only the start without a random access point remains.
  assert.deepEqual(brief(run([sps(), pps(), slice({ sliceType: 7, frameNum: 0 }), P(1)])), [['NO_KEYFRAME_AT_START', 0, 0]]);
  assert.deepEqual(run(gop(2)).issues, []);
});

test('MMCO_TARGET_MISSING: memory_management_control_operation 1 on picNumX -4 (no such short-term frame), on the picture that carries it', () => {
  const s: SpsOpts = { maxNumRefFrames: 2 };
  const unmark = (d: number) => P(1, { mmco: [{ op: 1, differenceOfPicNumsMinus1: d }] });
  const r = run([sps(s), pps(), IDR, unmark(4), P(2)]);
  assert.deepEqual(brief(r), [['MMCO_TARGET_MISSING', 1, 1]]);
  assert.equal(r.issues[0].message, 'memory_management_control_operation 1 refers to a picture that is not a reference');
  assert.equal(r.issues[0].offset, r.nals[2 + 1].offset);
  // 8-39: picNumX = CurrPicNum - (difference_of_pic_nums_minus1 + 1) = 1 - 1 = 0, the IDR frame.
  assert.deepEqual(run([sps(s), pps(), IDR, unmark(0), P(2)]).issues, []);
});

test('MMCO_TARGET_MISSING: operation 2 on a long-term frame that does not exist; the IDR marked long-term is one', () => {
  const s: SpsOpts = { maxNumRefFrames: 2 };
  const dropLong = P(1, { mmco: [{ op: 2, longTermPicNum: 0 }] });
  const r = run([sps(s), pps(), IDR, dropLong]);
  assert.deepEqual(brief(r), [['MMCO_TARGET_MISSING', 1, 2]]);
  // long_term_reference_flag 1: the IDR frame is long-term with LongTermFrameIdx 0 (8.2.5.1).
  assert.deepEqual(run([sps(s), pps(), slice({ idr: true, longTermReference: true }), dropLong]).issues, []);
});

test('MMCO 3 and 6 move frames to long-term index 0; operation 2 then finds them', () => {
  const s: SpsOpts = { maxNumRefFrames: 3 };
  const r = run([
    sps(s), pps(), IDR,
    P(1, { mmco: [{ op: 3, differenceOfPicNumsMinus1: 0, longTermFrameIdx: 0 }] }), // the IDR → long-term 0
    P(2, { mmco: [{ op: 2, longTermPicNum: 0 }, { op: 6, longTermFrameIdx: 0 }] }), // drop it, mark itself long-term 0
    P(3, { mmco: [{ op: 2, longTermPicNum: 0 }] }),
    P(4, { mmco: [{ op: 2, longTermPicNum: 0 }] }), // nothing is long-term any more
  ]);
  assert.deepEqual(brief(r), [['MMCO_TARGET_MISSING', 4, 2]]);
});

test('DPB_OVERFLOW: adaptive marking without an unmarking operation keeps 2 frames with max_num_ref_frames 1', () => {
  const r = run([sps(), pps(), IDR, P(1, { mmco: [] }), P(2)]);
  assert.deepEqual(brief(r), [['DPB_OVERFLOW', 1, 2]]);
  assert.equal(r.issues[0].message, '2 reference pictures, more than the 1 the stream declares');
  // The sliding window (8.2.5.3) would have dropped the IDR frame.
  assert.deepEqual(run([sps(), pps(), IDR, P(1), P(2)]).issues, []);
});

test('DPB_OVERFLOW: the sliding window cannot drop a long-term frame (8.2.5.3: numShortTerm > 0)', () => {
  const r = run([sps(), pps(), slice({ idr: true, longTermReference: true }), P(1)]);
  assert.deepEqual(brief(r), [['DPB_OVERFLOW', 1, 2]]);
  assert.deepEqual(run([sps({ maxNumRefFrames: 2 }), pps(), slice({ idr: true, longTermReference: true }), P(1)]).issues, []);
});

test('POC_DUPLICATE: pic_order_cnt_lsb 2 twice in one coded video sequence (POC type 0)', () => {
  const ctx = { sps: { pocType: 0 as const } };
  const pic = (fn: number, lsb: number) => P(fn, { ...ctx, pocLsb: lsb });
  const r = run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), pic(1, 2), pic(2, 2)]);
  assert.deepEqual(brief(r), [['POC_DUPLICATE', 2, 2]]);
  assert.deepEqual(run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), pic(1, 2), pic(2, 4)]).issues, []);
});

test('POC_DUPLICATE: POC type 1, delta_pic_order_cnt[0] -2 brings the third picture back to POC 2', () => {
  // offset_for_ref_frame [2]: expectedPicOrderCnt = 2 * (FrameNumOffset + frame_num) for reference frames (8-9, 8-10).
  const ctx = { sps: { pocType: 1 as const } };
  const r = run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), P(1, ctx), P(2, { ...ctx, deltaPicOrderCnt: [-2, 0] })]);
  assert.deepEqual(r.frames.map((f) => f.poc), [0, 2, 2]);
  assert.deepEqual(brief(r), [['POC_DUPLICATE', 2, 2]]);
  assert.deepEqual(run([sps(ctx.sps), pps(), slice({ ...ctx, idr: true }), P(1, ctx), P(2, ctx)]).issues, []);
});

test('IDR_POC_NONZERO: an IDR with pic_order_cnt_lsb 4, and with POC type 1 delta_pic_order_cnt[0] 3', () => {
  const t0 = { sps: { pocType: 0 as const } };
  const r = run([sps(t0.sps), pps(), slice({ ...t0, idr: true, pocLsb: 4 })]);
  assert.deepEqual(brief(r), [['IDR_POC_NONZERO', 0, 4]]);
  assert.deepEqual(run([sps(t0.sps), pps(), slice({ ...t0, idr: true, pocLsb: 0 })]).issues, []);
  const t1 = { sps: { pocType: 1 as const } };
  assert.deepEqual(brief(run([sps(t1.sps), pps(), slice({ ...t1, idr: true, deltaPicOrderCnt: [3, 0] })])), [['IDR_POC_NONZERO', 0, 3]]);
});

test('REORDER_DEPTH_EXCEEDED: a picture output after one decoded later, with max_num_reorder_frames 0', () => {
  const vui = (reorder: number): SpsOpts => ({ pocType: 0, vui: { bitstreamRestriction: { maxNumReorderFrames: reorder, maxDecFrameBuffering: 1 } } });
  const stream = (s: SpsOpts) => {
    const ctx = { sps: s };
    // Decoding order: IDR (POC 0), P frame_num 1 (POC 4), non-reference P frame_num 2 (POC 2).
    return run([sps(s), pps(), slice({ ...ctx, idr: true }), P(1, { ...ctx, pocLsb: 4 }), P(2, { ...ctx, nalRefIdc: 0, pocLsb: 2 })]);
  };
  const r = stream(vui(0));
  assert.deepEqual(brief(r), [['REORDER_DEPTH_EXCEEDED', 2, 1]]);
  assert.equal(r.issues[0].message, '1 pictures precede a picture in decoding order and follow it in output order; the stream declares at most 0');
  assert.deepEqual(stream(vui(1)).issues, []);
});
