import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inspector, inspectBuffer } from '../../src/index.js';
import type { InspectResult } from '../../src/index.js';
import { annexB, lengthPrefixed } from '../helpers/bit-writer.js';
import { aud, pps, slice, sps } from '../helpers/h264-builder.js';
import { fixture, prng } from '../helpers/fixtures.js';

/** All raw record words of a run, to compare runs bit for bit. */
function collect(insp: Inspector, chunks: Uint8Array[]): { frames: number[]; nals: number[]; issues: number[] } {
  const out = { frames: [] as number[], nals: [] as number[], issues: [] as number[] };
  const take = (r: InspectResult): void => {
    for (const f of r.frames) out.frames.push(...Object.values(f).map((v) => (v === null ? -1 : Number(v))));
    for (const n of r.nals) out.nals.push(...Object.values(n).map(Number));
    for (const i of r.issues) out.issues.push(i.code, i.offset, i.frame, i.nal, i.found);
  };
  for (const c of chunks) take(insp.push(c));
  take(insp.flush());
  return out;
}

function splitAt(buf: Uint8Array, points: number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points].sort((a, b) => a - b)) {
    parts.push(buf.subarray(prev, p));
    prev = p;
  }
  parts.push(buf.subarray(prev));
  return parts;
}

test('x264 fixture: frames, keyframes and stream info agree with ffprobe', () => {
  // ffprobe -show_entries packet=flags: 50 packets, 2 with K; stream: High, level 13, 320x240.
  const r = inspectBuffer(fixture('h264_gop25.264'));
  assert.equal(r.frames.length, 50);
  assert.equal(r.frames.filter((f) => f.keyframe).length, 2);
  assert.deepEqual(
    r.frames.filter((f) => f.keyframe).map((f) => f.index),
    [0, 25],
  );
  assert.equal(r.info?.codec, 'h264');
  assert.equal(r.info?.profile, 'High');
  assert.equal(r.info?.level, '1.3');
  assert.equal(r.info?.width, 320);
  assert.equal(r.info?.height, 240);
  assert.equal(r.info?.frameRate, 25);
  assert.equal(r.info?.chromaFormat, '4:2:0');
  assert.equal(r.issues.length, 0);
  // Every frame starts with its AUD (x264 aud=1) and the NAL units tile the frame.
  for (const f of r.frames) {
    const first = r.nals[f.firstNal];
    assert.equal(first.type, 9);
    assert.equal(first.offset, f.offset);
    const last = r.nals[f.firstNal + f.nalCount - 1];
    assert.equal(last.offset + last.size, f.offset + f.size);
  }
  // 2 B-frames per mini-GOP: decode order I P B B P B B ...
  assert.deepEqual(
    r.frames.slice(0, 7).map((f) => f.pictureType),
    ['I', 'P', 'B', 'B', 'P', 'B', 'B'],
  );
});

test('records are identical for any chunking (random split points, 1-byte pushes)', () => {
  const buf = fixture('h264_gop25.264');
  const whole = collect(new Inspector(), [buf]);
  const rnd = prng(1234);
  for (let trial = 0; trial < 20; trial++) {
    const n = 1 + Math.floor(rnd() * 200);
    const points = Array.from({ length: n }, () => Math.floor(rnd() * buf.length));
    assert.deepEqual(collect(new Inspector(), splitAt(buf, points)), whole, `trial ${trial}`);
  }
  // Every byte its own push over the first 6 KB (parameter sets, the IDR's start).
  const head = buf.subarray(0, 6000);
  const oneByte = Array.from({ length: head.length }, (_, i) => head.subarray(i, i + 1));
  assert.deepEqual(collect(new Inspector(), oneByte), collect(new Inspector(), [head]));
});

test('hand-built stream: access units by 7.4.1.2.4, POC type 2, two slices per picture', () => {
  // SPS: 176x144 (11x9 MBs), log2_max_frame_num = 4, pic_order_cnt_type 2.
  // Pictures: IDR (2 slices: first_mb 0 and 50), P frame_num 1 (2 slices), P frame_num 2.
  // 8.2.1.3: tempPicOrderCnt = 2 * (FrameNumOffset + frame_num) for reference pictures.
  const nals = [
    sps(), pps(),
    slice({ idr: true, firstMb: 0 }), slice({ idr: true, firstMb: 50 }),
    slice({ frameNum: 1, firstMb: 0 }), slice({ frameNum: 1, firstMb: 50 }),
    slice({ frameNum: 2 }),
  ];
  const r = inspectBuffer(annexB(nals));
  assert.equal(r.frames.length, 3);
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 2, 1]);
  assert.deepEqual(r.frames.map((f) => f.sliceCount), [2, 2, 1]);
  assert.deepEqual(r.frames.map((f) => f.poc), [0, 2, 4]);
  assert.deepEqual(r.frames.map((f) => f.frameNum), [0, 1, 2]);
  assert.deepEqual(r.frames.map((f) => f.pictureType), ['I', 'P', 'P']);
  assert.deepEqual(r.frames.map((f) => f.keyframe), [true, false, false]);
  assert.equal(r.info?.width, 176);
  assert.equal(r.info?.height, 144);
  assert.equal(r.info?.profile, 'Constrained Baseline');
  assert.equal(r.info?.level, '3');
  assert.equal(r.issues.length, 0);
  // Offsets are absolute: each NAL unit starts 4 bytes (start code) after the previous one ends.
  let expect = 4;
  for (const n of r.nals) {
    assert.equal(n.offset, expect);
    expect = n.offset + n.size + 4;
  }
});

test('a non-reference picture with the same frame_num starts a new access unit (nal_ref_idc differs)', () => {
  const r = inspectBuffer(annexB([sps(), pps(), slice({ idr: true }), slice({ frameNum: 1 }), slice({ frameNum: 2, nalRefIdc: 0 }), slice({ frameNum: 2 })]));
  // POC type 2: non-reference → 2 * (0 + 2) - 1 = 3, the following reference picture → 4.
  assert.deepEqual(r.frames.map((f) => f.poc), [0, 2, 3, 4]);
  assert.deepEqual(r.frames.map((f) => f.reference), [true, true, false, true]);
});

test('AUD, SPS, PPS after a picture start the next access unit (7.4.1.2.3)', () => {
  const r = inspectBuffer(annexB([aud(), sps(), pps(), slice({ idr: true }), aud(), slice({ frameNum: 1 }), pps(), slice({ frameNum: 2 })]));
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 2, 2]);
  assert.deepEqual(r.nals.map((n) => n.frame), [0, 0, 0, 0, 1, 1, 2, 2]);
});

test('complementary field pair (PAFF) is one frame; POC type 0 per field', () => {
  // frame_mbs_only_flag = 0; log2_max_pic_order_cnt_lsb = 4. Top field lsb 0, bottom field lsb 1.
  const s = sps({ frameMbsOnly: false, pocType: 0, heightMapUnits: 5 });
  const poc = (v: number) => ({ bits: 4, value: v });
  const r = inspectBuffer(
    annexB([
      s, pps(),
      slice({ idr: true, field: { bottom: false }, pocLsb: poc(0) }),
      slice({ idr: true, field: { bottom: true }, pocLsb: poc(1) }),
      slice({ frameNum: 1, field: { bottom: false }, pocLsb: poc(4) }),
      slice({ frameNum: 1, field: { bottom: true }, pocLsb: poc(5) }),
      slice({ frameNum: 2, field: 'frame', pocLsb: poc(8) }),
    ]),
  );
  assert.equal(r.frames.length, 3);
  assert.deepEqual(r.frames.map((f) => f.fieldPair), [true, true, false]);
  assert.deepEqual(r.frames.map((f) => f.poc), [0, 4, 8]);
  assert.deepEqual(r.frames.map((f) => f.nalCount), [4, 2, 1]);
  assert.equal(r.info?.height, 160); // FrameHeightInMbs = (2 - 0) * 5 = 10 MBs
  assert.equal(r.info?.interlaced, true);
  assert.equal(r.issues.length, 0);
});

test('forbidden_zero_bit and a missing PPS are reported once, with offsets and frames', () => {
  const bad = slice({ frameNum: 1 });
  bad[0] |= 0x80;
  const nals = [sps(), pps(), slice({ idr: true }), bad, slice({ frameNum: 2, ppsId: 5 }), slice({ frameNum: 3, ppsId: 5 })];
  const r = inspectBuffer(annexB(nals));
  const names = r.issues.map((i) => i.name);
  assert.deepEqual(names, ['FORBIDDEN_ZERO_BIT', 'SLICE_PARAM_SET_MISSING']);
  const [fzb, missing] = r.issues;
  assert.equal(fzb.severity, 'critical');
  assert.equal(fzb.frame, 1);
  assert.equal(fzb.offset, r.nals[3].offset);
  assert.equal(missing.found, 5);
  assert.equal(missing.frame, 2);
  assert.match(missing.message, /pic_parameter_set_id 5/);
});

test('out-of-range SPS value names the element and the allowed range', () => {
  // 7.4.2.1.1: log2_max_frame_num_minus4 in [0, 12]; 13 is what VALIDATION.md c8 injects.
  const r = inspectBuffer(annexB([sps({ rawLog2MaxFrameNumMinus4: 13 }), pps(), slice({ idr: true })]));
  const i = r.issues.find((x) => x.name === 'PARAM_SET_VALUE_OUT_OF_RANGE');
  assert.ok(i);
  assert.equal(i.found, 13);
  assert.equal(i.message, 'log2_max_frame_num_minus4 = 13, outside [0, 12]');
  // The slice then refers to an SPS that came but is broken — reported as such, once.
  assert.equal(r.issues.filter((x) => x.name === 'SLICE_PARAM_SET_INVALID').length, 1);
  assert.equal(r.issues.filter((x) => x.name === 'SLICE_PARAM_SET_MISSING').length, 0);
});

test('length-prefixed framing gives the same frames as Annex B', () => {
  const nals = [sps(), pps(), slice({ idr: true }), slice({ frameNum: 1 }), slice({ frameNum: 2 })];
  const a = inspectBuffer(annexB(nals));
  for (const size of [1, 2, 4] as const) {
    const b = inspectBuffer(lengthPrefixed(nals, size), { framing: 'length-prefixed', lengthSize: size });
    assert.deepEqual(b.frames.map((f) => [f.poc, f.nalCount, f.keyframe]), a.frames.map((f) => [f.poc, f.nalCount, f.keyframe]));
    assert.equal(b.issues.length, 0);
  }
});

test('timestamps attach to the first access unit starting in the pushed chunk', () => {
  const insp = new Inspector();
  const pics = [annexB([sps(), pps(), slice({ idr: true })]), annexB([slice({ frameNum: 1 })]), annexB([slice({ frameNum: 2 })])];
  const frames = [];
  pics.forEach((p, i) => frames.push(...insp.push(p, { pts: 9000 + 3600 * i, dts: 3600 * i }).frames));
  frames.push(...insp.flush().frames);
  assert.deepEqual(frames.map((f) => [f.pts, f.dts]), [[9000, 0], [12600, 3600], [16200, 7200]]);
});

test('empty input, garbage and bad options are reported, never thrown from native code', () => {
  assert.deepEqual(inspectBuffer(new Uint8Array(0)).issues.map((i) => i.name), ['EMPTY_INPUT']);
  const junk = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 0xff || 1);
  const r = inspectBuffer(junk);
  assert.equal(r.frames.length, 0);
  assert.deepEqual(r.issues.map((i) => i.name), ['LEADING_GARBAGE', 'UNKNOWN_CODEC']);
  assert.equal(r.issues[0].found, 1000);
  assert.throws(() => new Inspector({ lengthSize: 3 as 4 }), /lengthSize must be 1, 2 or 4/);
  assert.throws(() => new Inspector({ codec: 'vp9' as 'h264' }), /codec must be/);
});
