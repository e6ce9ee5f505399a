/**
 * VALIDATION.md appendix A, HEVC rows h1–h4, on the x265 fixture the appendix describes (320x240,
 * GOP 25, 2 B-frames, AUD, VPS/SPS/PPS at every keyframe). The corrupted fixtures are made by
 * test/fixtures/make-validation-fixtures-hevc.mjs; this test first re-derives each edit from the
 * clean stream (from its NAL records) and checks the fixture is exactly that edit, then expects
 * each finding at the frame the edit determines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectBuffer } from '../../src/index.js';
import type { InspectionOutput, IssueInfo, NalInfo } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const clean = fixture('hevc_gop25.265');
const base = inspectBuffer(clean);

/** The edited access units (decoding order), as in the fixture script. */
const EDITED_AU = 7;
const DROPPED_AU = 9;

/** Byte range of a NAL unit including its start code (the bytes since the previous unit ended). */
function span(out: InspectionOutput, i: number): [number, number] {
  const start = i === 0 ? 0 : out.nals[i - 1].offset + out.nals[i - 1].size;
  return [start, out.nals[i].offset + out.nals[i].size];
}

function withoutNals(drop: (n: NalInfo) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  base.nals.forEach((n, i) => {
    if (!drop(n)) parts.push(clean.subarray(...span(base, i)));
  });
  parts.push(clean.subarray(span(base, base.nals.length - 1)[1]));
  return Buffer.concat(parts);
}

function sliceOf(frame: number): NalInfo {
  const f = base.frames[frame];
  const slices = base.nals.slice(f.firstNal, f.firstNal + f.nalCount).filter((n) => n.type < 32);
  assert.equal(slices.length, 1);
  return slices[0];
}

const atLeastMedium = (r: InspectionOutput): IssueInfo[] => r.issues.filter((i) => ['medium', 'high', 'critical'].includes(i.severity));
const names = (is: IssueInfo[]) => is.map((i) => `${i.name}@${i.frame}`);

test('the clean base stream: 50 frames, IRAPs at 0 and 23, no issue at all', () => {
  assert.equal(base.frames.length, 50);
  assert.deepEqual(base.frames.filter((f) => f.irap).map((f) => f.index), [0, 23]);
  assert.deepEqual(base.issues, []);
  // One access unit delimiter per access unit: access unit k is frame k.
  assert.ok(base.frames.every((f) => base.nals[f.firstNal].type === 35));
});

test('h1: all VPS removed → the slices refer to a VPS never received, once per gap (each IRAP brings SPS/PPS)', () => {
  const buf = fixture('hevc_h1_no_vps.265');
  assert.deepEqual(buf, new Uint8Array(withoutNals((n) => n.type === 32)));
  const r = inspectBuffer(buf);
  assert.equal(r.frames.length, base.frames.length);
  const missing = r.issues.filter((i) => i.name === 'SLICE_PARAM_SET_MISSING');
  // The gap reopens after every parameter set: the SPS/PPS of each IRAP access unit.
  assert.deepEqual(missing.map((i) => i.frame), base.frames.filter((f) => f.irap).map((f) => f.index));
  assert.equal(missing[0].message, 'slice refers to sps_video_parameter_set_id 0, not received');
  assert.equal(missing[0].severity, 'critical');
  assert.deepEqual([...new Set(atLeastMedium(r).map((i) => i.name))], ['SLICE_PARAM_SET_MISSING']);
});

test('h2: nuh_temporal_id_plus1 = 0 on one slice → TEMPORAL_ID_ZERO_PLUS1 at that frame, its reference missing next', () => {
  const nal = sliceOf(EDITED_AU);
  const edited = Uint8Array.from(clean);
  edited[nal.offset + 1] &= 0xf8;
  const buf = fixture('hevc_h2_tid0.265');
  assert.deepEqual(buf, edited);
  const r = inspectBuffer(buf);
  assert.equal(r.frames.length, base.frames.length, 'the damaged picture keeps its own frame');
  const z = r.issues.filter((i) => i.name === 'TEMPORAL_ID_ZERO_PLUS1');
  assert.equal(z.length, 1);
  assert.equal(z[0].frame, EDITED_AU);
  assert.equal(z[0].offset, nal.offset);
  assert.equal(z[0].severity, 'critical');
  assert.equal(r.issues.filter((i) => i.name === 'SYNTAX_INVALID' || i.name === 'SLICE_HEADER_VALUE_OUT_OF_RANGE').length, 0,
    'reported under its own code, not a generic one');
  // The dropped picture is a reference picture; the next picture in decoding order is a B picture
  // that precedes it in output order, so predicts from it (8.3.2: "no reference picture").
  const victim = base.frames[EDITED_AU];
  const next = base.frames[EDITED_AU + 1];
  assert.ok(victim.reference && next.pictureType === 'B' && next.poc < victim.poc);
  assert.deepEqual(names(atLeastMedium(r)), [`TEMPORAL_ID_ZERO_PLUS1@${EDITED_AU}`, `MISSING_REFERENCE@${EDITED_AU + 1}`]);
  assert.equal(r.issues.find((i) => i.name === 'MISSING_REFERENCE')!.found, victim.poc);
});

test('h3: nuh_layer_id = 1 on one slice → the layer is reported (not dropped silently), its access unit has no base-layer picture', () => {
  const nal = sliceOf(EDITED_AU);
  const edited = Uint8Array.from(clean);
  edited[nal.offset + 1] = (edited[nal.offset + 1] & 7) | (1 << 3);
  const buf = fixture('hevc_h3_layer1.265');
  assert.deepEqual(buf, edited);
  const r = inspectBuffer(buf);
  assert.equal(r.frames.length, base.frames.length, 'the access unit delimiter keeps the access unit apart');
  const layer = r.issues.filter((i) => i.name === 'LAYER_NOT_BASE');
  assert.equal(layer.length, 1);
  assert.equal(layer[0].frame, EDITED_AU);
  assert.equal(layer[0].found, 1);
  assert.equal(layer[0].severity, 'info');
  assert.match(layer[0].message, /multi-layer stream/);
  assert.equal(r.issues.filter((i) => i.name === 'UNSUPPORTED_SYNTAX').length, 0, 'one finding, not two');
  // As FFmpeg: "missing picture in access unit", then "Could not find ref with POC 7".
  const victim = base.frames[EDITED_AU];
  assert.deepEqual(names(atLeastMedium(r)), [`ACCESS_UNIT_WITHOUT_PICTURE@${EDITED_AU}`, `MISSING_REFERENCE@${EDITED_AU + 1}`]);
  assert.equal(r.issues.find((i) => i.name === 'MISSING_REFERENCE')!.found, victim.poc);
});

test('h4: one TRAIL_R dropped → MISSING_REFERENCE (FFmpeg: "Could not find ref with POC 9") at the frame that predicts from it', () => {
  const victim = base.frames[DROPPED_AU];
  assert.equal(victim.vclNalType, 1, 'TRAIL_R');
  assert.equal(victim.poc, 9);
  const buf = fixture('hevc_h4_trail_r_dropped.265');
  assert.deepEqual(buf, new Uint8Array(withoutNals((n) => n.frame === DROPPED_AU)));
  const r = inspectBuffer(buf);
  assert.equal(r.frames.length, base.frames.length - 1);
  // The frames after the victim move up by one: the picture that followed it in decoding order
  // (a P picture whose closest preceding reference was the victim) now has the victim's index.
  const next = base.frames[DROPPED_AU + 1];
  assert.ok(next.poc > victim.poc && base.frames.slice(0, DROPPED_AU).every((f) => f.poc < victim.poc || !f.reference));
  const missing = atLeastMedium(r);
  assert.deepEqual(names(missing), [`MISSING_REFERENCE@${DROPPED_AU}`]);
  assert.equal(missing[0].found, victim.poc);
  assert.equal(missing[0].severity, 'critical');
  assert.equal(missing[0].message, 'inter-predicted picture refers to a picture that is not available (9)');
  assert.equal(r.frames[DROPPED_AU].poc, next.poc);
});
