/**
 * H.264 byte stream and NAL unit layer checks (VALIDATION.md B1), one hand-built stream per
 * catalogue entry: the finding with its exact frame, offset and value, and the same stream
 * without the defect, which raises nothing.
 *
 * Default stream: SPS (176x144, Constrained Baseline, level 3, POC type 2), PPS, an IDR
 * picture and P pictures with frame_num 1, 2, ... (test/helpers/h264-builder.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annexB, lengthPrefixed } from '../helpers/bit-writer.js';
import { filler, nalUnit, pps, slice, sps } from '../helpers/h264-builder.js';
import { annexBOffsets, brief, gop, only, run, runLengthPrefixed } from '../helpers/h264-stream.js';
import { inspectBuffer } from '../../src/index.js';

const P1 = slice({ frameNum: 1 });

test('LEADING_GARBAGE: bytes before the first start code, counted from offset 0; leading zero bytes are legal', () => {
  const clean = annexB(gop(1));
  const r = inspectBuffer(Uint8Array.from([0x12, 0x34, 0x56, ...clean]));
  assert.deepEqual(brief(r), [['LEADING_GARBAGE', 0, 3]]);
  assert.equal(r.issues[0].offset, 0);
  assert.equal(r.issues[0].message, '3 bytes before the first start code');
  // B.1.1: leading_zero_8bits before the first start code.
  assert.deepEqual(inspectBuffer(Uint8Array.from([0, 0, ...clean])).issues, []);
});

test('ZERO_SEQUENCE_000: 00 00 00 inside a slice, at the first zero; escaped as 00 00 03 00 it is clean', () => {
  const nals = [...gop(0), [...P1, 0x00, 0x00, 0x00, 0x80]];
  const r = run(nals);
  assert.deepEqual(brief(r), [['ZERO_SEQUENCE_000', 1, 1]]);
  assert.equal(r.issues[0].offset, annexBOffsets(nals)[3] + P1.length);
  assert.equal(r.issues[0].severity, 'high');
  assert.deepEqual(run([...gop(0), [...P1, 0x00, 0x00, 0x03, 0x00, 0x80]]).issues, []);
});

test('ZERO_SEQUENCE_002: 00 00 02 inside a slice; escaped as 00 00 03 02 it is clean', () => {
  const nals = [...gop(0), [...P1, 0x00, 0x00, 0x02, 0x80]];
  const r = run(nals);
  assert.deepEqual(brief(r), [['ZERO_SEQUENCE_002', 1, 1]]);
  assert.equal(r.issues[0].offset, annexBOffsets(nals)[3] + P1.length);
  assert.deepEqual(run([...gop(0), [...P1, 0x00, 0x00, 0x03, 0x02, 0x80]]).issues, []);
});

test('EPB_BAD_FOLLOWER: 00 00 03 04; without the 03 (00 00 04 needs no escape) it is clean, and a 03 ending a unit is cabac_zero_word', () => {
  const nals = [...gop(0), [...P1, 0x00, 0x00, 0x03, 0x04, 0x80]];
  const r = run(nals);
  assert.deepEqual(brief(r), [['EPB_BAD_FOLLOWER', 1, 1]]);
  assert.equal(r.issues[0].offset, annexBOffsets(nals)[3] + P1.length);
  assert.equal(r.nals[3].emulationPreventionBytes, 1);
  assert.deepEqual(run([...gop(0), [...P1, 0x00, 0x00, 0x04, 0x80]]).issues, []);
  // 7.3.2.10 / 9.3.4.6: cabac_zero_word 0x0000 is appended as 00 00 03 at the end of slice data.
  assert.deepEqual(run([...gop(0), [...P1, 0x00, 0x00, 0x03], slice({ frameNum: 2 })]).issues, []);
});

test('TRAILING_ZERO_BYTE (length-prefixed): a unit whose last byte is 00; in Annex B the same byte is trailing_zero_8bits', () => {
  const bad = [...gop(0), [...P1, 0x00]];
  const bytes = lengthPrefixed(bad);
  const r = runLengthPrefixed(bytes);
  assert.deepEqual(brief(r), [['TRAILING_ZERO_BYTE', 1, 1]]);
  assert.equal(r.issues[0].offset, bytes.length - 1);
  assert.equal(r.issues[0].severity, 'low');
  assert.deepEqual(runLengthPrefixed(lengthPrefixed([...gop(0), P1])).issues, []);
  assert.deepEqual(run(bad).issues, []);
});

test('ZERO_SEQUENCE_001 (length-prefixed): a start code emulated inside a unit; escaped as 00 00 03 01 it is clean', () => {
  const nals = [...gop(0), [...P1, 0x00, 0x00, 0x01, 0x80]];
  const bytes = lengthPrefixed(nals);
  const r = runLengthPrefixed(bytes);
  assert.deepEqual(brief(r), [['ZERO_SEQUENCE_001', 1, 1]]);
  assert.equal(r.issues[0].offset, bytes.length - 4);
  assert.deepEqual(runLengthPrefixed(lengthPrefixed([...gop(0), [...P1, 0x00, 0x00, 0x03, 0x01, 0x80]])).issues, []);
});

test('LENGTH_OVERRUN and NAL_TRUNCATED: the last length field promises 5 bytes more than the data holds', () => {
  const head = lengthPrefixed(gop(0));
  const n = P1.length + 5;
  const bytes = Uint8Array.from([...head, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...P1]);
  const r = runLengthPrefixed(bytes);
  // The unit comes out with the bytes that exist (its header parses: no syntax finding).
  assert.deepEqual(brief(r), [
    ['LENGTH_OVERRUN', 1, 1],
    ['NAL_TRUNCATED', 1, P1.length],
  ]);
  assert.equal(r.issues[0].offset, bytes.length, 'where the data ran out');
  assert.equal(r.issues[0].severity, 'critical');
  assert.equal(r.issues[1].offset, head.length + 4);
  assert.equal(r.issues[1].kind, 'need_more_data');
  assert.equal(r.frames[1].frameNum, 1);
  assert.deepEqual(runLengthPrefixed(lengthPrefixed(gop(1))).issues, []);
});

test('NAL_TRUNCATED is "need more data", not a syntax error: a slice cut inside its header; Annex B cannot tell and reports the header', () => {
  // The P slice's first two bytes: header 0x41, then first_mb_in_slice '1', slice_type ue(5) '00110',
  // pic_parameter_set_id '1', and the first bit of the 4-bit frame_num.
  const cut = P1.slice(0, 2);
  assert.deepEqual(cut, [0x41, 0x9a]);
  const head = lengthPrefixed(gop(0));
  const bytes = Uint8Array.from([...head, 0, 0, 0, P1.length, ...cut]);
  const r = runLengthPrefixed(bytes);
  assert.deepEqual(brief(r), [
    ['LENGTH_OVERRUN', 1, 1],
    ['NAL_TRUNCATED', 1, 2],
  ]);
  assert.equal(only(r, 'NAL_TRUNCATED').kind, 'need_more_data');
  // Annex B has no length: a stream ending there is a slice header that ends too early.
  const b = run([...gop(0), cut]);
  assert.deepEqual(brief(b), [['SLICE_HEADER_TRUNCATED', 1, 0]]);
  assert.equal(b.issues[0].message, 'slice data ends inside the slice header (frame_num)');
  assert.equal(b.issues[0].severity, 'critical');
  assert.deepEqual(run(gop(1)).issues, []);
});

test('EMPTY_NAL_UNIT: a length field of 0, and two start codes back to back in Annex B', () => {
  const clean = gop(1);
  const head = lengthPrefixed(clean.slice(0, 3));
  const bytes = Uint8Array.from([...head, 0, 0, 0, 0, ...lengthPrefixed(clean.slice(3))]);
  const r = runLengthPrefixed(bytes);
  // Bytes between units go with the unit that follows them: the P picture.
  assert.deepEqual(brief(r), [['EMPTY_NAL_UNIT', 1, 4]]);
  assert.equal(r.issues[0].offset, head.length);
  assert.deepEqual(runLengthPrefixed(lengthPrefixed(clean)).issues, []);

  const a = annexB(clean);
  const at = annexBOffsets(clean)[3] - 4;
  const r2 = inspectBuffer(Uint8Array.from([...a.subarray(0, at), 0, 0, 0, 1, ...a.subarray(at)]));
  assert.deepEqual(brief(r2), [['EMPTY_NAL_UNIT', 1, 4]]);
  assert.equal(r2.issues[0].offset, at);
  assert.deepEqual(run(clean).issues, []);
});

test('FORBIDDEN_ZERO_BIT: set on the P slice header byte', () => {
  const bad = [...P1];
  bad[0] |= 0x80;
  const nals = [...gop(0), bad];
  const r = run(nals);
  assert.deepEqual(brief(r), [['FORBIDDEN_ZERO_BIT', 1, 1]]);
  assert.equal(r.issues[0].offset, annexBOffsets(nals)[3]);
  assert.equal(r.issues[0].nal, 3);
  assert.deepEqual(run(gop(1)).issues, []);
});

test('RESERVED_NAL_TYPE: type 17 after a picture starts the next access unit (7.4.1.2.3) and is reported there', () => {
  const nals = [...gop(0), nalUnit(17, 0, [0x80]), P1];
  const r = run(nals);
  assert.deepEqual(brief(r), [['RESERVED_NAL_TYPE', 1, 17]]);
  assert.equal(r.issues[0].message, 'reserved nal_unit_type 17: ignored by decoders');
  assert.equal(r.issues[0].severity, 'low');
  assert.deepEqual(r.frames.map((f) => f.nalCount), [3, 2]);
  assert.deepEqual(run(gop(1)).issues, []);
});

test('UNSPECIFIED_NAL_TYPE: type 24 after the IDR slice stays in its access unit, an info event', () => {
  const r = run([...gop(0), nalUnit(24, 0, [0x80]), P1]);
  assert.deepEqual(brief(r), [['UNSPECIFIED_NAL_TYPE', 0, 24]]);
  assert.equal(r.issues[0].severity, 'info');
  assert.equal(r.issues[0].kind, 'event');
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 1]);
  assert.deepEqual(run(gop(1)).issues, []);
});

test('MISSING_ZERO_BYTE: 3-byte start codes before the SPS, the PPS and the first unit of an access unit (B.1.2), not before a second slice', () => {
  // The units with their start codes: SPS, PPS, IDR slice 0, IDR slice 50, P slice.
  const units = [sps(), pps(), slice({ idr: true }), slice({ idr: true, firstMb: 50 }), P1];
  const build = (three: boolean[]): Uint8Array =>
    Uint8Array.from(units.flatMap((u, i) => [...(three[i] ? [0, 0, 1] : [0, 0, 0, 1]), ...u]));
  const bytes = build([true, true, true, true, true]);
  const r = inspectBuffer(bytes);
  assert.deepEqual(brief(r), [
    ['MISSING_ZERO_BYTE', 0, 7],
    ['MISSING_ZERO_BYTE', 0, 8],
    ['MISSING_ZERO_BYTE', 1, 1],
  ]);
  // The offset is that of the 3-byte start code.
  assert.deepEqual(r.issues.map((i) => i.offset), [0, 3 + units[0].length, r.nals[4].offset - 3]);
  assert.deepEqual(inspectBuffer(build([false, false, true, true, false])).issues, []);
});

test('NAL_REF_IDC_INVALID: an SEI with nal_ref_idc 1 and an SPS with nal_ref_idc 0 (7.4.1)', () => {
  const seiRef1 = nalUnit(6, 1, [5, 16, ...new Array<number>(16).fill(0x11), 0x80]);
  const r = run([sps(), pps(), seiRef1, slice({ idr: true })]);
  assert.deepEqual(brief(r), [['NAL_REF_IDC_INVALID', 0, 1]]);
  assert.equal(r.issues[0].message, 'nal_ref_idc 1 not allowed for nal_unit_type 6');
  // Re-sent before the P picture (at the stream start it would not be taken for H.264 at all).
  const spsRef0 = [0x07, ...sps().slice(1)];
  const r2 = run([...gop(0), spsRef0, P1]);
  assert.deepEqual(brief(r2), [['NAL_REF_IDC_INVALID', 1, 0]]);
  assert.equal(r2.issues[0].message, 'nal_ref_idc 0 not allowed for nal_unit_type 7');
  assert.deepEqual(run([sps(), pps(), nalUnit(6, 0, [5, 16, ...new Array<number>(16).fill(0x11), 0x80]), slice({ idr: true })]).issues, []);
  // Filler data (7.3.2.7) after the slices of a picture, with nal_ref_idc 1 and 0.
  const fill = filler(4);
  const fillRef1 = [(1 << 5) | 12, ...fill.slice(1)];
  const r3 = run([...gop(0), fillRef1, P1]);
  assert.deepEqual(brief(r3), [['NAL_REF_IDC_INVALID', 0, 1]]);
  assert.equal(r3.issues[0].message, 'nal_ref_idc 1 not allowed for nal_unit_type 12');
  assert.deepEqual(run([...gop(0), fill, P1]).issues, []);
});
