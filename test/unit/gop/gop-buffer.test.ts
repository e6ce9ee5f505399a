import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GopBuffer, type GopFrame } from '../../../src/gop/gop-buffer.js';

function frame(index: number, size: number, keyframe = false, reference = true): GopFrame {
  return { index, bytes: new Uint8Array(size).fill(index & 0xff), keyframe, reference, pts: index * 3600 };
}

/** Pushes GOPs of `len` frames of `size` bytes starting at index `from`. */
function pushGops(buf: GopBuffer, count: number, len: number, size = 10, from = 0): number {
  let i = from;
  for (let g = 0; g < count; g++) for (let k = 0; k < len; k++, i++) buf.push(frame(i, size, k === 0, k % 2 === 0));
  return i;
}

test('frames before the first keyframe are not kept', () => {
  const buf = new GopBuffer();
  assert.equal(buf.push(frame(0, 10)).stored, false);
  assert.equal(buf.push(frame(1, 10, true)).stored, true);
  assert.equal(buf.frames, 1);
  assert.equal(buf.currentGop()!.startIndex, 1);
});

test('keyframe-aligned: complete GOPs are valid, the open one is not', () => {
  const buf = new GopBuffer({ maxGops: 3 });
  pushGops(buf, 2, 5);
  assert.equal(buf.gopCount, 2);
  assert.equal(buf.lastValidGop()!.startIndex, 0);
  assert.equal(buf.lastValidGop()!.complete, true);
  assert.equal(buf.currentGop()!.complete, false);
});

test('bounded by GOP count: the oldest whole GOPs are evicted', () => {
  const buf = new GopBuffer({ maxGops: 2 });
  pushGops(buf, 5, 4, 10);
  assert.equal(buf.gopCount, 2);
  assert.equal(buf.frames, 8);
  assert.equal(buf.bytes, 80);
  assert.equal(buf.lastValidGop()!.startIndex, 12);
});

test('bounded by bytes: older GOPs go before the limit is crossed; memory is accounted exactly', () => {
  const buf = new GopBuffer({ maxGops: 10, maxBytes: 100 });
  pushGops(buf, 3, 4, 10); // 3 × 40 bytes
  assert.equal(buf.bytes, 80);
  assert.equal(buf.gopCount, 2);
});

test('bounded by frames', () => {
  const buf = new GopBuffer({ maxGops: 10, maxFrames: 9 });
  const r = pushGops(buf, 3, 4);
  assert.equal(r, 12);
  assert.equal(buf.frames, 8);
});

test('a GOP past the hard limit is abandoned until the next keyframe', () => {
  const buf = new GopBuffer({ maxFrames: 4, hardLimitFactor: 1.5 });
  buf.push(frame(0, 1, true));
  const results = [1, 2, 3, 4, 5].map((i) => buf.push(frame(i, 1)));
  assert.deepEqual(
    results.map((r) => [r.stored, r.overLimit, r.abandoned]),
    [
      [true, false, false],
      [true, false, false],
      [true, false, false],
      [true, true, false],
      [true, true, false],
    ],
  );
  const last = buf.push(frame(6, 1));
  assert.deepEqual([last.stored, last.abandoned], [false, true]);
  assert.equal(buf.frames, 0);
  assert.equal(buf.bytes, 0);
  assert.equal(buf.push(frame(7, 1)).stored, false);
  assert.equal(buf.push(frame(8, 1, true)).stored, true);
});

test('copies frames by default, keeps views with retain: "view"', () => {
  const input = frame(0, 4, true);
  const copying = new GopBuffer();
  copying.push(input);
  input.bytes[0] = 99;
  assert.equal(copying.currentGop()!.frames[0]!.bytes[0], 0);
  const viewing = new GopBuffer({ retain: 'view' });
  viewing.push(input);
  assert.equal(viewing.currentGop()!.frames[0]!.bytes, input.bytes);
});

test('resetToLastValidGop drops the open GOP and waits for a keyframe', () => {
  const buf = new GopBuffer({ maxGops: 3 });
  pushGops(buf, 2, 3);
  buf.push(frame(6, 10, true));
  buf.push(frame(7, 10));
  const valid = buf.resetToLastValidGop();
  assert.equal(valid!.startIndex, 3);
  assert.equal(buf.gopCount, 2);
  assert.equal(buf.frames, 6);
  assert.equal(buf.push(frame(8, 10)).stored, false);
  assert.equal(buf.push(frame(9, 10, true)).stored, true);
});

test('shedNonReference removes exactly the non-reference frames; shrink scales limits', () => {
  const buf = new GopBuffer({ maxGops: 3, maxFrames: 100, maxBytes: 1000 });
  pushGops(buf, 2, 4); // per GOP: key(ref), nonref, ref, nonref
  assert.equal(buf.shedNonReference(), 4);
  assert.equal(buf.frames, 4);
  assert.equal(buf.bytes, 40);
  assert.deepEqual(buf.shrink(0.5), { maxGops: 2, maxFrames: 50, maxBytes: 500 });
  assert.throws(() => buf.shrink(0), RangeError);
});

test('release keeps the newest GOPs and reports the bytes freed', () => {
  const buf = new GopBuffer({ maxGops: 5 });
  pushGops(buf, 3, 2, 10);
  assert.equal(buf.release(1), 40);
  assert.equal(buf.gopCount, 1);
  assert.equal(buf.release(0), 20);
  assert.equal(buf.bytes, 0);
  assert.equal(buf.push(frame(50, 1)).stored, false, 'waits for a keyframe after releasing everything');
});
