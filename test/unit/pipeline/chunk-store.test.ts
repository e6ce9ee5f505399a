import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkStore } from '../../../src/pipeline/chunk-store.js';
import { ParameterSetCache } from '../../../src/pipeline/parameter-set-cache.js';
import { toAnnexB } from '../../../src/pipeline/to-annexb.js';
import { frameInfo } from '../helpers/fake-stream.js';

test('reads by absolute offset: views within a chunk, copies across chunks', () => {
  const s = new ChunkStore();
  const a = Uint8Array.of(0, 1, 2, 3);
  const b = Uint8Array.of(4, 5);
  const c = Uint8Array.of(6, 7, 8);
  s.append(a);
  s.append(new Uint8Array(0));
  s.append(b);
  s.append(c);
  assert.equal(s.endOffset, 9);
  const view = s.read(1, 2)!;
  assert.deepEqual([...view], [1, 2]);
  assert.equal(view.buffer, a.buffer);
  assert.deepEqual([...s.read(3, 5)!], [3, 4, 5, 6, 7]);
  assert.equal(s.read(8, 2), null, 'past the end');
  assert.deepEqual([...s.read(0, 0)!], []);
});

test('releaseBefore forgets whole chunks only; reads before them fail', () => {
  const s = new ChunkStore();
  s.append(Uint8Array.of(0, 1, 2));
  s.append(Uint8Array.of(3, 4, 5));
  s.releaseBefore(4);
  assert.equal(s.bytes, 3);
  assert.equal(s.read(2, 1), null);
  assert.deepEqual([...s.read(3, 3)!], [3, 4, 5]);
});

test('bounded: beyond maxBytes the oldest chunks go (the newest always stays)', () => {
  const s = new ChunkStore(5);
  s.append(new Uint8Array(3));
  s.append(new Uint8Array(3));
  assert.equal(s.bytes, 3);
  s.append(new Uint8Array(10));
  assert.equal(s.bytes, 10);
  assert.equal(s.read(0, 1), null);
});

test('parameter-set cache: distinct by content, newest last, per codec', () => {
  const c = new ParameterSetCache();
  c.offer(7, Uint8Array.of(0x67, 1));
  assert.equal(c.size, 0, 'no codec yet');
  c.setCodec('h264');
  c.offer(8, Uint8Array.of(0x68, 1));
  c.offer(7, Uint8Array.of(0x67, 1));
  c.offer(7, Uint8Array.of(0x67, 2));
  c.offer(7, Uint8Array.of(0x67, 1));
  c.offer(5, Uint8Array.of(0x65, 1));
  assert.deepEqual(c.ordered().map((n) => [...n]), [[0x67, 2], [0x67, 1], [0x68, 1]]);
  c.setCodec('hevc');
  assert.equal(c.size, 0);
  c.offer(34, Uint8Array.of(0x44, 1));
  c.offer(32, Uint8Array.of(0x40, 1));
  assert.deepEqual(c.ordered().map((n) => n[0]), [0x40, 0x44]);
});

test('length-prefixed frames become Annex B with matching NAL records', () => {
  // two NALs with 4-byte length prefixes; the frame's offset points after the first prefix
  const bytes = Uint8Array.of(0x09, 0xf0, 0, 0, 0, 3, 0x41, 0x9a, 7);
  const frame = {
    index: 0,
    bytes,
    info: frameInfo({ offset: 104, size: bytes.length }),
    nals: [
      { index: 0, offset: 104, size: 2, type: 9, refIdcOrLayerId: 0, temporalId: 0, frame: 0, emulationPreventionBytes: 0 },
      { index: 1, offset: 110, size: 3, type: 1, refIdcOrLayerId: 2, temporalId: 0, frame: 0, emulationPreventionBytes: 0 },
    ],
  };
  const out = toAnnexB(frame);
  assert.deepEqual([...out.bytes], [0x09, 0xf0, 0, 0, 0, 1, 0x41, 0x9a, 7]);
  assert.deepEqual(out.nals.map((n) => [n.offset, n.size]), [[104, 2], [110, 3]]);
  assert.equal(out.info.size, 9);
});
