/**
 * H.264 sequence-level checks: SPS semantics (7.4.2.1.1, E.2.1), level and profile limits
 * (A.2, A.3), parameter changes between and inside coded video sequences (7.4.1.2.1), picture
 * timing SEI (D.2.3); then the damage extent in frames and reports, and the once-per-GOP
 * repeat suppression.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, validateFile } from '../../src/index.js';
import type { InspectionOutput } from '../../src/index.js';
import { annexB } from '../helpers/bit-writer.js';
import { nalUnit, picTiming, pps, sei, slice, sps, userDataUnregistered } from '../helpers/h264-builder.js';
import type { SpsOpts, VuiOpts } from '../helpers/h264-builder.js';
import { brief, gop, run } from '../helpers/h264-stream.js';

const IDR = slice({ idr: true });
const P1 = slice({ frameNum: 1 });
const withSps = (s: SpsOpts) => run([sps(s), pps(), IDR, P1]);

test('CROP_INVALID: CropUnitX * (left + right) = 2 * 88 does not fit 176 luma samples; the output size falls back to the coded one', () => {
  const r = withSps({ crop: { left: 44, right: 44, top: 0, bottom: 0 } });
  assert.deepEqual(brief(r), [['CROP_INVALID', 0, 176]]);
  assert.equal(r.issues[0].message, 'cropping window 176 does not fit the coded picture (176)');
  assert.equal(r.info?.width, 176);
  const ok = withSps({ crop: { left: 0, right: 4, top: 0, bottom: 4 } });
  assert.deepEqual(ok.issues, []);
  assert.deepEqual([ok.info?.width, ok.info?.height], [168, 136]);
});

test('CROP_INVALID: vertically, CropUnitY * (top + bottom) = 2 * 72 does not fit 144 lines', () => {
  const r = withSps({ crop: { left: 0, right: 0, top: 36, bottom: 36 } });
  assert.deepEqual(brief(r), [['CROP_INVALID', 0, 144]]);
  assert.equal(r.issues[0].message, 'cropping window 144 does not fit the coded picture (144)');
  assert.deepEqual(withSps({ crop: { left: 0, right: 0, top: 36, bottom: 35 } }).issues, []);
});

test('DIRECT_8X8_INFERENCE_REQUIRED: frame_mbs_only_flag 0 with direct_8x8_inference_flag 0 (Main)', () => {
  const s: SpsOpts = { profileIdc: 77, frameMbsOnly: false, heightMapUnits: 5, direct8x8Inference: false };
  const ctx = { sps: s };
  const r = run([sps(s), pps(), slice({ ...ctx, idr: true }), slice({ ...ctx, frameNum: 1 })]);
  assert.deepEqual(brief(r), [['DIRECT_8X8_INFERENCE_REQUIRED', 0, 0]]);
  assert.deepEqual(run([sps({ ...s, direct8x8Inference: true }), pps(), slice({ ...ctx, idr: true }), slice({ ...ctx, frameNum: 1 })]).issues, []);
  // Frame-only coding may switch the inference off.
  assert.deepEqual(withSps({ direct8x8Inference: false }).issues, []);
});

test('VUI_VALUE_INVALID: each VUI semantic range of E.2.1', () => {
  const cases: Array<[VuiOpts, string, number, string]> = [
    [{ aspectRatioIdc: 17 }, 'aspect_ratio_idc', 17, 'VUI aspect_ratio_idc = 17 (allowed [0, 16])'],
    [{ timing: { numUnitsInTick: 0, timeScale: 50, fixedFrameRate: true } }, 'num_units_in_tick', 0, 'VUI num_units_in_tick = 0 (allowed [1, 4294967295])'],
    [{ timing: { numUnitsInTick: 1, timeScale: 0, fixedFrameRate: false } }, 'time_scale', 0, 'VUI time_scale = 0 (allowed [1, 4294967295])'],
    [{ bitstreamRestriction: { maxNumReorderFrames: 2, maxDecFrameBuffering: 1 } }, 'max_num_reorder_frames', 2, 'VUI max_num_reorder_frames = 2 (allowed [0, 1])'],
    [{ bitstreamRestriction: { maxNumReorderFrames: 0, maxDecFrameBuffering: 0 } }, 'max_dec_frame_buffering', 0, 'VUI max_dec_frame_buffering = 0 (allowed [1, 16])'],
  ];
  for (const [vui, what, found, message] of cases) {
    const r = withSps({ vui });
    assert.deepEqual(brief(r), [['VUI_VALUE_INVALID', 0, found]], what);
    assert.equal(r.issues[0].message, message);
  }
  const clean: VuiOpts[] = [
    { aspectRatioIdc: 16 },
    { aspectRatioIdc: 255, sar: { width: 4, height: 3 } },
    { timing: { numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true } },
    { bitstreamRestriction: { maxNumReorderFrames: 1, maxDecFrameBuffering: 1 } },
  ];
  for (const vui of clean) assert.deepEqual(withSps({ vui }).issues, [], JSON.stringify(vui));
});

test('LEVEL_LIMIT_EXCEEDED: frame size, macroblock rate and DPB size against level 1 (Table A-1: MaxFS 99, MaxMBPS 1485, MaxDpbMbs 396)', () => {
  const cases: Array<[SpsOpts, string, number, number]> = [
    [{ levelIdc: 10, widthMbs: 12 }, 'FrameSizeInMbs', 108, 99],
    [{ levelIdc: 10, vui: { timing: { numUnitsInTick: 1, timeScale: 60, fixedFrameRate: true } } }, 'MbPerSecond', 2970, 1485],
    [{ levelIdc: 10, maxNumRefFrames: 5 }, 'max_num_ref_frames', 5, 4],
  ];
  for (const [s, element, found, max] of cases) {
    const r = withSps(s);
    assert.deepEqual(brief(r), [['LEVEL_LIMIT_EXCEEDED', 0, found]], element);
    assert.equal(r.issues[0].message, `${element} = ${found} exceeds the limit ${max} of the signalled level`);
  }
  // 99 macroblocks at 15 frames per second with 4 reference frames fit level 1.
  assert.deepEqual(withSps({ levelIdc: 10, maxNumRefFrames: 4, vui: { timing: { numUnitsInTick: 1, timeScale: 30, fixedFrameRate: true } } }).issues, []);
});

test('PROFILE_CONSTRAINT_VIOLATED: CABAC and B slices in Baseline (A.2.1); Main allows both', () => {
  const cabac = { pps: { entropyCodingMode: true } };
  const r = run([sps(), pps(cabac.pps), slice({ ...cabac, idr: true })]);
  assert.deepEqual(brief(r), [['PROFILE_CONSTRAINT_VIOLATED', 0, 1]]);
  assert.equal(r.issues[0].message, 'entropy_coding_mode_flag (CABAC in Baseline) not allowed by the signalled profile');
  assert.deepEqual(run([sps({ profileIdc: 77 }), pps(cabac.pps), slice({ ...cabac, idr: true })]).issues, []);

  const b = slice({ frameNum: 1, sliceType: 6, nalRefIdc: 0 });
  const r2 = run([...gop(0), b]);
  assert.deepEqual(brief(r2), [['PROFILE_CONSTRAINT_VIOLATED', 1, 6]]);
  assert.equal(r2.issues[0].message, 'slice_type B in Baseline not allowed by the signalled profile');
  assert.deepEqual(run([sps({ profileIdc: 77 }), pps(), IDR, b]).issues, []);
});

test('SPS_CHANGED_MID_CVS: the active SPS re-sent with level_idc 31 before a P picture', () => {
  const r = run([...gop(0), sps({ levelIdc: 31 }), P1]);
  assert.deepEqual(brief(r), [
    ['PARAM_SET_CHANGED', 1, 7],
    ['SPS_CHANGED_MID_CVS', 1, 0],
  ]);
  assert.equal(r.issues[1].severity, 'high');
  // The same change before an IDR picture starts a new coded video sequence: events only.
  const atIdr = run([...gop(0), sps({ levelIdc: 31 }), slice({ idr: true, idrPicId: 1 })]);
  assert.deepEqual(brief(atIdr), [
    ['PARAM_SET_CHANGED', 1, 7],
    ['STREAM_PARAMETERS_CHANGED', 1, (176 << 16) | 144],
  ]);
  assert.equal(atIdr.issues[1].message, 'stream parameters changed at a random access point: level');
  assert.deepEqual(run([...gop(0), sps(), P1]).issues, []);
});

test('STREAM_PARAMETERS_CHANGED: 176x144 to 352x288 at an IDR picture is a low-severity event', () => {
  const r = run([...gop(1), sps({ widthMbs: 22, heightMapUnits: 18 }), pps(), slice({ idr: true, idrPicId: 1 }), P1]);
  assert.deepEqual(brief(r), [
    ['PARAM_SET_CHANGED', 2, 7],
    ['STREAM_PARAMETERS_CHANGED', 2, (352 << 16) | 288],
  ]);
  const change = r.issues[1];
  assert.equal(change.message, 'stream parameters changed at a random access point: resolution');
  assert.deepEqual([change.severity, change.kind], ['low', 'event']);
  assert.equal(r.info?.width, 352);
  assert.deepEqual(run([...gop(1), sps(), pps(), slice({ idr: true, idrPicId: 1 }), P1]).issues, []);
});

test('PIC_TIMING_MISSING: pic_struct_present_flag 1 and no picture timing SEI; reported once per stream', () => {
  const s = sps({ vui: { picStructPresent: true } });
  const r = run([s, pps(), IDR, P1, slice({ frameNum: 2 })]);
  assert.deepEqual(brief(r), [['PIC_TIMING_MISSING', 0, 0]]);
  const timing = sei([picTiming({ picStruct: 0 })]);
  assert.deepEqual(run([s, pps(), timing, IDR, timing, P1, timing, slice({ frameNum: 2 })]).issues, []);
});

test('PIC_TIMING_MISSING: an SPS with NAL HRD parameters (CpbDpbDelaysPresentFlag) requires picture timing too', () => {
  const s = sps({ vui: { nalHrd: { cpbRemovalDelayLengthMinus1: 9, dpbOutputDelayLengthMinus1: 5 } } });
  const r = run([s, pps(), IDR, P1]);
  assert.deepEqual(brief(r), [['PIC_TIMING_MISSING', 0, 0]]);
  const timing = (n: number) => sei([picTiming({ delays: { cpbBits: 10, cpbRemovalDelay: 2 * n, dpbBits: 6, dpbOutputDelay: 2 } })]);
  assert.deepEqual(run([s, pps(), timing(0), IDR, timing(1), P1]).issues, []);
});

test('damage extent: a frame_num gap damages its frame and every frame after it until the next clean IDR; reports give the span', async () => {
  // 25 frames per second (E.2.1: time_scale / (2 * num_units_in_tick)).
  const s = sps({ vui: { timing: { numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true } } });
  const P = (n: number) => slice({ frameNum: n });
  const nals = [s, pps(), IDR, P(1), P(3), P(4), slice({ idr: true, idrPicId: 1 }), P(1)];
  const r = run(nals);
  assert.deepEqual(brief(r), [['FRAME_NUM_GAP', 2, 3]]);
  assert.deepEqual(r.frames.map((f) => f.damaged), [false, false, true, false, false, false]);
  assert.deepEqual(r.frames.map((f) => f.dependsOnDamaged), [false, false, false, true, false, false]);
  const expected = {
    damaged_frames: 1,
    unplayable_frames: 2,
    unplayable_seconds: 0.08,
    spans: [{ first_frame: 2, last_frame: 3, frames: 2, seconds: 0.08, cause_frame: 2, cause: 'FRAME_NUM_GAP', recovered_at_frame: 4 }],
  };
  assert.deepEqual(report(r, 'gap.264').damage, expected);
  const dir = mkdtempSync(join(tmpdir(), 'mi-damage-'));
  try {
    const file = join(dir, 'gap.264');
    writeFileSync(file, annexB(nals));
    const v = await validateFile(file);
    assert.deepEqual(v.damage, expected);
    assert.equal(v.verdict, 'damaged');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const clean = run([s, pps(), IDR, P(1), P(2), P(3), slice({ idr: true, idrPicId: 1 }), P(1)]);
  assert.deepEqual(report(clean, 'clean.264').damage, { damaged_frames: 0, unplayable_frames: 0, unplayable_seconds: 0, spans: [] });
});

test('damage extent: broken syntax in a non-reference picture spoils only that picture; in a reference picture, the rest of the GOP', () => {
  const bad = (ref: number) => slice({ frameNum: 2, nalRefIdc: ref, sliceQpDelta: 26 });
  const nonRef = run([...gop(1), bad(0), slice({ frameNum: 2 })]);
  assert.deepEqual(brief(nonRef), [['SLICE_HEADER_VALUE_OUT_OF_RANGE', 2, 26]]);
  assert.deepEqual(nonRef.frames.map((f) => [f.damaged, f.dependsOnDamaged]), [[false, false], [false, false], [true, false], [false, false]]);
  const ref = run([...gop(1), bad(2), slice({ frameNum: 3 })]);
  assert.deepEqual(ref.frames.map((f) => [f.damaged, f.dependsOnDamaged]), [[false, false], [false, false], [true, false], [false, true]]);
  assert.deepEqual(report(ref, 'ref.264').damage.spans.map((sp) => [sp.first_frame, sp.last_frame, sp.cause, sp.recovered_at_frame, sp.seconds]), [[2, 3, 'SLICE_HEADER_VALUE_OUT_OF_RANGE', null, null]]);
});

test('once-per-GOP repeats: an SEI with nal_ref_idc 1 in every access unit is reported once per GOP, the rest counted as suppressed', () => {
  const bad = nalUnit(6, 1, [5, 17, ...new Array<number>(16).fill(0x11), 0x42, 0x80]);
  const P = (n: number) => slice({ frameNum: n });
  // GOP 1: frames 0..2; GOP 2: frames 3..4. The SEI opens every access unit.
  const r = run([sps(), pps(), bad, IDR, bad, P(1), bad, P(2), bad, slice({ idr: true, idrPicId: 1 }), bad, P(1)]);
  assert.deepEqual(brief(r), [
    ['NAL_REF_IDC_INVALID', 0, 1],
    ['NAL_REF_IDC_INVALID', 3, 1],
  ]);
  assert.equal(r.counters.issuesSuppressed, 3);
  assert.equal(r.counters.issues, 2);
  // A finding of another value is not a repeat.
  const ok = nalUnit(6, 0, [5, 17, ...new Array<number>(16).fill(0x11), 0x42, 0x80]);
  const r2 = run([sps(), pps(), bad, IDR, nalUnit(6, 2, ok.slice(1)), P(1)]);
  assert.deepEqual(brief(r2), [
    ['NAL_REF_IDC_INVALID', 0, 1],
    ['NAL_REF_IDC_INVALID', 1, 2],
  ]);
  assert.equal(r2.counters.issuesSuppressed, 0);
  const user = sei([userDataUnregistered(new Array<number>(16).fill(0x11), [0x42])]);
  const clean = run([sps(), pps(), user, IDR, user, P(1)]);
  assert.deepEqual([clean.issues.length, clean.counters.issuesSuppressed], [0, 0]);
});

function report(r: InspectionOutput, file: string) {
  return buildReport({
    file,
    container: 'annexb',
    sizeBytes: 0,
    info: r.info,
    codec: 'h264',
    frames: r.frames,
    nalCount: r.nals.length,
    issues: r.issues,
    unreadable: false,
  });
}
