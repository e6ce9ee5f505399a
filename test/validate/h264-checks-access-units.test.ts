/**
 * H.264 access unit and picture checks (VALIDATION.md B3 items 21–24, B4): NAL order inside
 * an access unit, pictures without slices, IDR rules, slice addresses and order, fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aud, bufferingPeriod, endOfSequence, pps, recoveryPoint, sei, slice, slicePartition, sps, userDataUnregistered,
} from '../helpers/h264-builder.js';
import { brief, gop, run } from '../helpers/h264-stream.js';

const IDR = slice({ idr: true });
const P1 = slice({ frameNum: 1 });
const UUID = Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const userData = sei([userDataUnregistered(UUID, [0x42])]);

test('ACCESS_UNIT_WITHOUT_PICTURE: an AUD and an SEI after the last picture form an access unit of their own', () => {
  const r = run([...gop(1), aud(), userData]);
  assert.deepEqual(brief(r), [['ACCESS_UNIT_WITHOUT_PICTURE', 2, 2]]);
  assert.equal(r.frames[2].pictureType, 'unknown');
  assert.equal(r.issues[0].severity, 'high');
  assert.deepEqual(run(gop(1)).issues, []);
});

test('ACCESS_UNIT_WITHOUT_PICTURE: a picture lost between two delimiters leaves an access unit with only its AUD (7.4.1.2.3)', () => {
  // The lost picture was a non-reference one (frame_num 1), so the P picture after it keeps frame_num 1.
  const r = run([aud(), sps(), pps(), IDR, aud(), aud(), P1]);
  assert.deepEqual(brief(r), [['ACCESS_UNIT_WITHOUT_PICTURE', 1, 1]]);
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 1, 2]);
  assert.deepEqual(run([aud(), sps(), pps(), IDR, aud(), P1]).issues, []);
});

test('NO_KEYFRAME_AT_START: the stream starts at a non-IDR I picture; a recovery point SEI makes it a random access point', () => {
  const i0 = slice({ sliceType: 7, nalRefIdc: 3, frameNum: 0 });
  const r = run([sps(), pps(), i0, P1]);
  assert.deepEqual(brief(r), [['NO_KEYFRAME_AT_START', 0, 0]]);
  assert.equal(r.issues[0].kind, 'missing_reference');
  assert.deepEqual(run([sps(), pps(), sei([recoveryPoint()]), i0, P1]).issues, []);
});

test('AUD_NOT_FIRST: an SEI before the delimiter of its access unit', () => {
  const r = run([...gop(0), userData, aud(), P1]);
  assert.deepEqual(brief(r), [['AUD_NOT_FIRST', 1, 1]]);
  assert.equal(r.issues[0].offset, r.nals[4].offset);
  assert.deepEqual(run([...gop(0), aud(), userData, P1]).issues, []);
});

test('NAL_AFTER_END_OF_SEQUENCE: an SEI after end of sequence with no picture after it', () => {
  const r = run([...gop(0), endOfSequence(), userData]);
  assert.deepEqual(brief(r), [['NAL_AFTER_END_OF_SEQUENCE', 1, 1]]);
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 1]);
  // The next coded video sequence starts with that SEI and an IDR picture.
  assert.deepEqual(run([...gop(0), endOfSequence(), userData, slice({ idr: true, idrPicId: 1 })]).issues, []);
});

test('AUD_PIC_TYPE_MISMATCH: primary_pic_type 0 (I only, Table 7-5) before a P picture', () => {
  const r = run([aud(0), sps(), pps(), IDR, aud(0), P1]);
  assert.deepEqual(brief(r), [['AUD_PIC_TYPE_MISMATCH', 1, 0]]);
  assert.equal(r.issues[0].offset, r.frames[1].offset);
  assert.deepEqual(run([aud(0), sps(), pps(), IDR, aud(1), P1]).issues, []);
});

test('IDR_NOT_INTRA: an IDR picture made of a P slice (slice_type 5)', () => {
  const r = run([...gop(1), slice({ idr: true, idrPicId: 1, sliceType: 5 })]);
  assert.deepEqual(brief(r), [['IDR_NOT_INTRA', 2, 5]]);
  assert.equal(r.issues[0].message, 'random access picture has a slice of type 5 (only I allowed)');
  assert.deepEqual(run([...gop(1), slice({ idr: true, idrPicId: 1, sliceType: 7 })]).issues, []);
});

test('IDR_FRAME_NUM_NONZERO: an IDR picture with frame_num 3', () => {
  const r = run([sps(), pps(), slice({ idr: true, frameNum: 3 })]);
  assert.deepEqual(brief(r), [['IDR_FRAME_NUM_NONZERO', 0, 3]]);
  assert.deepEqual(run([sps(), pps(), slice({ idr: true, frameNum: 0 })]).issues, []);
});

test('IDR_PIC_ID_REPEATED: two consecutive IDR access units (split by SPS/PPS) with idr_pic_id 0', () => {
  // Without the parameter sets between them the two would be one picture (7.4.1.2.4): that is
  // why 7.4.3 requires consecutive IDR access units to differ in idr_pic_id.
  const r = run([sps(), pps(), IDR, sps(), pps(), slice({ idr: true, idrPicId: 0 })]);
  assert.deepEqual(brief(r), [['IDR_PIC_ID_REPEATED', 1, 0]]);
  assert.deepEqual(run([sps(), pps(), IDR, sps(), pps(), slice({ idr: true, idrPicId: 1 })]).issues, []);
});

test('SLICE_ADDRESS_OUT_OF_RANGE: first_mb_in_slice 99 in a picture of 11x9 = 99 macroblocks', () => {
  const r = run([sps(), pps(), IDR, slice({ idr: true, firstMb: 99 })]);
  assert.deepEqual(brief(r), [['SLICE_ADDRESS_OUT_OF_RANGE', 0, 99]]);
  assert.equal(r.issues[0].message, 'slice address 99 outside the picture (size 99)');
  assert.deepEqual(run([sps(), pps(), IDR, slice({ idr: true, firstMb: 98 })]).issues, []);
});

test('MISSING_SLICES: a P picture whose only slice starts at macroblock 50', () => {
  const r = run([...gop(0), slice({ frameNum: 1, firstMb: 50 })]);
  assert.deepEqual(brief(r), [['MISSING_SLICES', 1, 50]]);
  assert.equal(r.issues[0].severity, 'critical');
  assert.deepEqual(run([...gop(0), P1, slice({ frameNum: 1, firstMb: 50 })]).issues, []);
  // Baseline without constraint_set1_flag allows arbitrary slice order (A.2.1): no conclusion.
  assert.deepEqual(run([sps({ constraintFlags: 0 }), pps(), IDR, slice({ frameNum: 1, firstMb: 50 })]).issues, []);
});

test('SLICE_ORDER_INVALID: slices at macroblocks 0, 60, 30 of one picture', () => {
  const at = (mb: number) => slice({ idr: true, firstMb: mb });
  const r = run([sps(), pps(), at(0), at(60), at(30)]);
  assert.deepEqual(brief(r), [['SLICE_ORDER_INVALID', 0, 30]]);
  assert.equal(r.issues[0].message, 'slice address 30 does not follow the previous slice (60): slices lost, repeated or reordered');
  assert.deepEqual(run([sps(), pps(), at(0), at(30), at(60)]).issues, []);
});

test('UNPAIRED_FIELD: a top IDR field followed by a frame (Main, field coding)', () => {
  const s = { profileIdc: 77, frameMbsOnly: false, heightMapUnits: 5, pocType: 0 as const };
  const ctx = { sps: s };
  const top = slice({ ...ctx, idr: true, field: { bottom: false }, pocLsb: 0 });
  const bottom = slice({ ...ctx, idr: true, field: { bottom: true }, pocLsb: 1 });
  const frame = slice({ ...ctx, frameNum: 1, pocLsb: 4 });
  const r = run([sps(s), pps(), top, frame]);
  assert.deepEqual(brief(r), [['UNPAIRED_FIELD', 0, 0]]);
  assert.deepEqual(r.frames.map((f) => [f.field, f.fieldPair]), [[true, false], [false, false]]);
  assert.deepEqual(run([sps(s), pps(), top, bottom, frame]).issues, []);
  // POC type 1 fields: the bottom field adds offset_for_top_to_bottom_field (1) to the top field's POC (8-11).
  const s1 = { ...s, pocType: 1 as const };
  const f1 = (o: { bottom: boolean; idr?: boolean; frameNum?: number }) => slice({ sps: s1, idr: o.idr, frameNum: o.frameNum, field: { bottom: o.bottom } });
  const pair = run([sps(s1), pps(), f1({ bottom: false, idr: true }), f1({ bottom: true, idr: true }), f1({ bottom: false, frameNum: 1 }), f1({ bottom: true, frameNum: 1 })]);
  assert.deepEqual(pair.issues, []);
  assert.deepEqual(pair.frames.map((f) => [f.fieldPair, f.poc]), [[true, 0], [true, 2]]);
  assert.deepEqual(brief(run([sps(s1), pps(), f1({ bottom: false, idr: true }), f1({ bottom: false, frameNum: 1 }), f1({ bottom: true, frameNum: 1 })])), [['UNPAIRED_FIELD', 0, 0]]);
});

test('data partitioning (Extended): partition A carries the slice header, so the picture is placed and checked like any other', () => {
  const s = { profileIdc: 88, constraintFlags: 0 };
  const partitioned = (frameNum: number, sliceId: number) => [
    slice({ sps: s, frameNum, partitionA: { sliceId } }),
    slicePartition(3, sliceId),
    slicePartition(4, sliceId),
  ];
  const r = run([sps(s), pps(), IDR, ...partitioned(1, 0), slice({ frameNum: 2 })]);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.frames.map((f) => [f.frameNum, f.pictureType, f.nalCount, f.vclNalType]), [[0, 'I', 3, 5], [1, 'P', 3, 2], [2, 'P', 1, 1]]);
  // A partitioned picture after a lost one has its frame_num gap found.
  assert.deepEqual(brief(run([sps(s), pps(), IDR, ...partitioned(2, 0)])), [['FRAME_NUM_GAP', 1, 2]]);
});

test('SEI_ORDER_INVALID: a buffering period after another SEI message of the same SEI NAL unit', () => {
  const bp = bufferingPeriod();
  const ud = userDataUnregistered(UUID, [0x42]);
  const r = run([sps(), pps(), sei([ud, bp]), IDR]);
  assert.deepEqual(brief(r), [['SEI_ORDER_INVALID', 0, 0]]);
  assert.deepEqual(run([sps(), pps(), sei([bp, ud]), IDR]).issues, []);
});

test('SEI_ORDER_INVALID: a buffering period in the second SEI NAL unit of the access unit (7.4.1.2.3)', () => {
  const bp = bufferingPeriod();
  const ud = userDataUnregistered(UUID, [0x42]);
  const r = run([sps(), pps(), sei([ud]), sei([bp]), IDR]);
  assert.deepEqual(brief(r), [['SEI_ORDER_INVALID', 0, 0]]);
  assert.deepEqual(run([sps(), pps(), sei([bp]), sei([ud]), IDR]).issues, []);
});
