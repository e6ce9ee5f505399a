/**
 * VALIDATION.md appendix A, H.264 rows, on the x264 fixture the appendix describes
 * (320x240, GOP 25, 2 B-frames, CABAC, AUD, SPS/PPS at every IDR): each corruption is made
 * here from the committed clean stream, and the expected frame is derived from the edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectBuffer } from '../../src/index.js';
import type { FrameInfo, InspectionOutput, NalInfo } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

const clean = fixture('h264_gop25.264');
const base = inspectBuffer(clean);

/** Byte ranges [start code, end) of NAL units, to rebuild a stream without some of them. */
function withoutNals(out: InspectionOutput, drop: (n: NalInfo) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  out.nals.forEach((n, i) => {
    if (drop(n)) return;
    const start = i === 0 ? 0 : out.nals[i - 1].offset + out.nals[i - 1].size;
    parts.push(clean.subarray(start, n.offset + n.size));
  });
  return Buffer.concat(parts);
}

function slicesOf(out: InspectionOutput, f: FrameInfo): NalInfo[] {
  return out.nals.slice(f.firstNal, f.firstNal + f.nalCount).filter((n) => n.type === 1 || n.type === 5);
}

const medium = (r: InspectionOutput) => r.issues.filter((i) => ['medium', 'high', 'critical'].includes(i.severity));

test('the clean base stream has no issue at all', () => {
  assert.equal(base.frames.length, 50);
  assert.deepEqual(base.issues, []);
});

test('c1: SPS/PPS removed before the first IDR → slice refers to a missing PPS, frames unplayable until the next IDR', () => {
  const firstIdr = base.frames[0];
  const r = inspectBuffer(withoutNals(base, (n) => n.frame === firstIdr.index && (n.type === 7 || n.type === 8)));
  const missing = r.issues.filter((i) => i.name === 'SLICE_PARAM_SET_MISSING');
  assert.equal(missing.length, 1, 'once per gap, not once per slice');
  assert.equal(missing[0].frame, 0);
  assert.equal(missing[0].severity, 'critical');
  // The second IDR (frame 25) brings SPS/PPS again: decoding resumes there.
  const secondIdr = base.frames.findIndex((f, i) => i > 0 && f.idr);
  assert.equal(secondIdr, 25);
  assert.equal(r.frames[secondIdr].keyframe, true);
});

test('c1 as the appendix did it (SPS/PPS removed before the 2nd IDR): the first ones still apply → no finding', () => {
  // H.264 7.4.1.2.1: a parameter set stays available once received; the 2nd IDR activates the
  // SPS/PPS of the stream start (same content), so the stream stays decodable.
  const r = inspectBuffer(withoutNals(base, (n) => n.frame === 25 && (n.type === 7 || n.type === 8)));
  assert.deepEqual(medium(r), []);
});

test('c2: one reference P frame dropped → frame_num gap at the next picture in decoding order', () => {
  // Pick the 4th P frame: a reference picture (nal_ref_idc != 0) in the first GOP.
  const victim = base.frames.filter((f) => f.pictureType === 'P' && f.reference)[3];
  const r = inspectBuffer(withoutNals(base, (n) => n.frame === victim.index));
  const gap = r.issues.filter((i) => i.name === 'FRAME_NUM_GAP');
  assert.equal(gap.length, 1);
  // Frames after the victim shift down by one: the picture that now follows it in decoding order
  // is the first whose frame_num skips the victim's.
  const expected = base.frames.findIndex((f, i) => i > victim.index && f.frameNum !== victim.frameNum) - 1;
  assert.equal(gap[0].frame, expected);
  assert.equal(gap[0].found, (victim.frameNum + 1) % 16);
  assert.equal(gap[0].severity, 'critical');
  // The lost reference spoils every later frame of its GOP: unplayable until the IDR (25, now 24).
  assert.deepEqual(
    r.frames.slice(expected, 24).map((f) => f.damaged || f.dependsOnDamaged),
    new Array(24 - expected).fill(true),
  );
  assert.equal(r.frames[24].idr, true);
  assert.equal(r.frames[24].dependsOnDamaged, false);
  assert.deepEqual(r.frames.slice(0, expected).filter((f) => f.damaged || f.dependsOnDamaged), []);
});

test('c4: forbidden_zero_bit on one slice → FORBIDDEN_ZERO_BIT at that frame', () => {
  const target = base.frames[7];
  const nal = slicesOf(base, target)[0];
  const buf = Uint8Array.from(clean);
  buf[nal.offset] |= 0x80;
  const r = inspectBuffer(buf);
  const f = r.issues.filter((i) => i.name === 'FORBIDDEN_ZERO_BIT');
  assert.equal(f.length, 1);
  assert.equal(f[0].frame, 7);
  assert.equal(f[0].offset, nal.offset);
});

test('c6: stream starts mid-GOP (10th AU) → no keyframe at start, PPS missing once, clean again at the next IDR', () => {
  const start = base.frames[9].offset - 4; // its AUD's 4-byte start code
  const r = inspectBuffer(clean.subarray(start));
  const names = medium(r).map((i) => `${i.name}@${i.frame}`);
  assert.ok(names.includes('NO_KEYFRAME_AT_START@0'), names.join());
  assert.equal(r.issues.filter((i) => i.name === 'SLICE_PARAM_SET_MISSING').length, 1);
  const idr = r.frames.findIndex((f) => f.idr);
  assert.equal(idr, 25 - 9);
  assert.deepEqual(medium(r).filter((i) => i.frame >= idr), []);
});

test('c7: 0x000000 inserted inside a slice → ZERO_SEQUENCE_000 at that frame and offset', () => {
  const target = base.frames[12];
  const nal = slicesOf(base, target)[0];
  const at = nal.offset + Math.floor(nal.size / 2);
  const buf = Buffer.concat([clean.subarray(0, at), Uint8Array.from([0, 0, 0]), clean.subarray(at)]);
  const r = inspectBuffer(buf);
  const z = r.issues.filter((i) => i.name === 'ZERO_SEQUENCE_000');
  assert.equal(z.length, 1);
  assert.equal(z[0].frame, 12);
  // The run may start one or two bytes earlier when the bytes before the insertion are zeros.
  assert.ok(z[0].offset <= at && z[0].offset >= at - 2, `${z[0].offset} vs ${at}`);
});

test('c8: SPS log2_max_frame_num_minus4 = 13 → out of range, slices refer to an invalid (not a missing) SPS', () => {
  // SPS (x264 High): profile_idc u8, flags u8, level_idc u8, then ue(seq_parameter_set_id = 0) = '1',
  // ue(chroma_format_idc = 1) = '010', ue(bit_depth_luma_minus8 = 0) '1', ue(bit_depth_chroma_minus8) '1',
  // qpprime '0', seq_scaling_matrix_present '0', ue(log2_max_frame_num_minus4) ... Rewrite the value by
  // re-encoding the RBSP bits from the parsed position.
  const sps = base.nals.find((n) => n.type === 7)!;
  const bytes = [...clean.subarray(sps.offset, sps.offset + sps.size)];
  const bits = bytes.slice(1).flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((k) => (b >> k) & 1));
  // After 24 bits of profile/flags/level: 1 (sps id 0), 010 (chroma 1), 1, 1 (bit depths), 0, 0 → position 32.
  assert.deepEqual(bits.slice(24, 32), [1, 0, 1, 0, 1, 1, 0, 0]);
  let pos = 32;
  let zeros = 0;
  while (bits[pos + zeros] === 0) zeros++;
  const oldLen = 2 * zeros + 1;
  // ue(13): 14 = 0b1110 → '000' + '1110'.
  const out = [...bits.slice(0, pos), 0, 0, 0, 1, 1, 1, 0, ...bits.slice(pos + oldLen)];
  while (out.length % 8) out.push(0);
  const rbsp = [bytes[0]];
  for (let i = 0; i < out.length; i += 8) rbsp.push(out.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  // Keep the stop bit: the original trailing bits were carried along; drop trailing zero bytes.
  while (rbsp[rbsp.length - 1] === 0) rbsp.pop();
  const every = base.nals.filter((n) => n.type === 7);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const n of every) {
    parts.push(clean.subarray(prev, n.offset), Uint8Array.from(rbsp));
    prev = n.offset + n.size;
  }
  parts.push(clean.subarray(prev));
  const r = inspectBuffer(Buffer.concat(parts));
  const range = r.issues.find((i) => i.name === 'PARAM_SET_VALUE_OUT_OF_RANGE');
  assert.ok(range);
  assert.equal(range.message, 'log2_max_frame_num_minus4 = 13, outside [0, 12]');
  assert.equal(range.frame, 0);
  // Once per gap: the broken SPS is re-sent (still broken) before the second IDR, a new gap.
  const invalid = r.issues.filter((i) => i.name === 'SLICE_PARAM_SET_INVALID');
  assert.deepEqual(invalid.map((i) => i.frame), [0, 25]);
  assert.equal(invalid[0].message, 'slice refers to seq_parameter_set_id 0, which was received but is invalid');
  assert.equal(r.issues.filter((i) => i.name === 'SLICE_PARAM_SET_MISSING').length, 0, 'not the misleading "missing"');
});
