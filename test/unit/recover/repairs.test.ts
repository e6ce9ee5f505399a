import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRepairs, frameNals, joinNals } from '../../../src/recover/repair/repairs.js';
import { audNal } from '../../../src/recover/repair/nal-types.js';
import { buildFrame } from '../helpers/fake-stream.js';

const SPS = Uint8Array.of(0x67, 0x42, 0x00, 0x1e);
const PPS = Uint8Array.of(0x68, 0xce, 0x3c, 0x80);
const IDR = Uint8Array.of(0x65, 0x88, 0x84, 0x00, 0x33);
const SLICE = Uint8Array.of(0x41, 0x9a, 0x02);
const SEI = Uint8Array.of(0x06, 0x05, 0x01);
const AUD = Uint8Array.of(0x09, 0xf0);
const SC = [0, 0, 0, 1];

test('joinNals / frameNals round-trip', () => {
  const f = buildFrame(0, [SPS, PPS, IDR]);
  assert.deepEqual(frameNals(f).map((n) => [...n]), [[...SPS], [...PPS], [...IDR]]);
  assert.deepEqual([...joinNals([SPS, IDR])], [...SPS, ...SC, ...IDR]);
});

test('re-inserts cached SPS/PPS before an IRAP that has none (after its AUD)', () => {
  const f = buildFrame(3, [AUD, IDR], { irap: true, idr: true });
  const r = planRepairs({ frame: f, codec: 'h264', parameterSets: [SPS, PPS], usesAud: true, brokenNal: -1 })!;
  assert.deepEqual([...r.bytes], [...AUD, ...SC, ...SPS, ...SC, ...PPS, ...SC, ...IDR]);
  assert.deepEqual(r.repairs, [{ kind: 'insert-parameter-sets', frameIndex: 3, nalTypes: [7, 8], bytesAdded: 16 }]);
});

test('no parameter-set insertion when the IRAP carries its own, or for non-IRAP frames', () => {
  const withPs = buildFrame(0, [SPS, PPS, IDR], { irap: true });
  assert.equal(planRepairs({ frame: withPs, codec: 'h264', parameterSets: [SPS, PPS], usesAud: false, brokenNal: -1 }), null);
  const p = buildFrame(1, [SLICE]);
  assert.equal(planRepairs({ frame: p, codec: 'h264', parameterSets: [SPS, PPS], usesAud: false, brokenNal: -1 }), null);
});

test('strips a broken trailing non-VCL NAL, never a slice', () => {
  const f = buildFrame(7, [SLICE, SEI], {}, 500, 40);
  const r = planRepairs({ frame: f, codec: 'h264', parameterSets: [], usesAud: false, brokenNal: 41 })!;
  assert.deepEqual([...r.bytes], [...SLICE]);
  assert.deepEqual(r.repairs, [{ kind: 'strip-trailing-nal', frameIndex: 7, nalType: 6, bytesRemoved: 3 }]);
  const sliceLast = buildFrame(8, [SEI, SLICE], {}, 500, 40);
  assert.equal(planRepairs({ frame: sliceLast, codec: 'h264', parameterSets: [], usesAud: false, brokenNal: 41 }), null);
});

test('inserts an AUD when the stream uses them and the frame lacks one', () => {
  const f = buildFrame(2, [SLICE]);
  const r = planRepairs({ frame: f, codec: 'h264', parameterSets: [], usesAud: true, brokenNal: -1 })!;
  assert.deepEqual([...r.bytes], [...AUD, ...SC, ...SLICE]);
  assert.deepEqual(r.repairs, [{ kind: 'insert-aud', frameIndex: 2, bytesAdded: 6 }]);
});

test('several repairs at once, each logged, in order', () => {
  const f = buildFrame(9, [IDR, SEI], { irap: true }, 0, 0);
  const r = planRepairs({ frame: f, codec: 'h264', parameterSets: [SPS, PPS], usesAud: true, brokenNal: 1 })!;
  assert.deepEqual(r.repairs.map((x) => x.kind), ['strip-trailing-nal', 'insert-parameter-sets', 'insert-aud']);
  assert.deepEqual([...r.bytes], [...AUD, ...SC, ...SPS, ...SC, ...PPS, ...SC, ...IDR]);
});

test('AUD NAL units follow the syntax of each codec', () => {
  assert.deepEqual([...audNal('h264')], [0x09, 0xf0]);
  // HEVC: forbidden 0, type 35, layer 0, tid+1 = 1; pic_type 2 then the stop bit
  assert.deepEqual([...audNal('hevc')], [0x46, 0x01, 0x50]);
});
