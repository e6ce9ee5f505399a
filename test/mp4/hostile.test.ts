/**
 * Hostile and damaged inputs: zero-size and 64-bit boxes, sizes below the header, garbage,
 * random cuts and bit flips. Every input gets a report (container "mp4"), never a throw or a
 * rejected promise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateMp4File } from '../../src/inspect/mp4/validate.js';
import { prng } from '../helpers/fixtures.js';
import { mp4Fixture, where } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mi-mp4-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function validateBytes(bytes: Uint8Array) {
  const path = join(dir, `f${n++}.mp4`);
  writeFileSync(path, bytes);
  return validateMp4File(path, bytes.length);
}

function box(type: string, payload: number[] | Uint8Array, size?: number): Uint8Array {
  const b = new Uint8Array(8 + payload.length);
  new DataView(b.buffer).setUint32(0, size ?? b.length);
  b.set([...type].map((c) => c.charCodeAt(0)), 4);
  b.set(payload, 8);
  return b;
}

const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

test('a 64-bit mdat (size 1, largesize) reads like the 32-bit one', async () => {
  // h264_aac.mp4 is ftyp, free (8 bytes), mdat, moov: the free box becomes the first half of a
  // 16-byte largesize header, so no sample moves.
  const b = new Uint8Array(readFileSync(mp4Fixture('h264_aac.mp4')));
  const dv = new DataView(b.buffer);
  const free = 32;
  assert.equal(String.fromCharCode(...b.subarray(free + 4, free + 8)), 'free');
  const mdatSize = dv.getUint32(free + 8);
  dv.setUint32(free, 1);
  b.set([0x6d, 0x64, 0x61, 0x74], free + 4);
  dv.setBigUint64(free + 8, BigInt(mdatSize + 8));
  const r = await validateBytes(b);
  assert.deepEqual([r.frames, r.keyframes, r.verdict], [25, 3, 'clean']);
  assert.deepEqual(r.mp4?.top_level_boxes, { ftyp: 1, mdat: 1, moov: 1 });
});

test('box sizes: 0 (to the end of the file), below the header, absurd largesize, garbage type', async () => {
  const ftyp = box('ftyp', [0x69, 0x73, 0x6f, 0x6d, 0, 0, 0, 0]);
  const zero = await validateBytes(cat(ftyp, box('free', [1, 2, 3], 0)));
  assert.deepEqual(where(zero), [['MP4_NO_MOOV', null, 0]]);
  assert.deepEqual(zero.mp4?.top_level_boxes, { ftyp: 1, free: 1 });
  const small = await validateBytes(cat(ftyp, box('moov', [], 4)));
  assert.deepEqual(where(small), [['MP4_BAD_BOX_SIZE', null, 16], ['MP4_NO_MOOV', null, 0]]);
  assert.equal(small.issues[0].message, "box 'moov' declares size 4: the box structure cannot be followed past it");
  const huge = new Uint8Array(24);
  new DataView(huge.buffer).setUint32(0, 1);
  huge.set([0x6d, 0x64, 0x61, 0x74], 4);
  new DataView(huge.buffer).setBigUint64(8, 1n << 62n);
  const large = await validateBytes(cat(ftyp, huge));
  assert.deepEqual(where(large), [['MP4_TRUNCATED_MDAT', null, 16], ['MP4_NO_MOOV', null, 0]]);
  const garbage = await validateBytes(cat(ftyp, new Uint8Array([0, 0, 0, 16, 0xff, 0x00, 0x13, 0x37, 1, 2, 3, 4, 5, 6, 7, 8])));
  assert.deepEqual(where(garbage), [['MP4_BOX_INVALID', null, 16], ['MP4_NO_MOOV', null, 0]]);
  const tail = await validateBytes(cat(ftyp, new Uint8Array([1, 2, 3])));
  assert.deepEqual(where(tail).map((w) => w[0]), ['MP4_BOX_INVALID', 'MP4_NO_MOOV']);
  assert.equal(tail.issues[0].message, 'box structure rejected: 3 trailing byte(s) after the last box');
});

test('a moov whose avcC is damaged: the record is reported, the tables still read', async () => {
  const b = new Uint8Array(readFileSync(mp4Fixture('h264_aac_faststart.mp4')));
  const at = Buffer.from(b).indexOf('avcC') + 4;
  b[at + 6] = 0xff; // sequenceParameterSetLength high byte: the SPS runs past the record
  const r = await validateBytes(b);
  assert.deepEqual(r.issues.filter((i) => i.name === 'MP4_CONFIG_RECORD_INVALID').map((i) => i.offset), [at - 8]);
  assert.equal(r.mp4?.samples_read, 25);
});

test('cut anywhere: a report every time', async () => {
  const b = new Uint8Array(readFileSync(mp4Fixture('h264_aac_faststart.mp4')));
  const rnd = prng(4);
  const cuts = [1, 7, 8, 9, 31, 32, 33, 100, 1000, 2100, 2156, 2164, ...Array.from({ length: 24 }, () => Math.floor(rnd() * b.length))];
  for (const cut of cuts) {
    const r = await validateBytes(b.subarray(0, cut));
    assert.equal(r.container, 'mp4', `cut at ${cut}`);
    assert.ok(r.frames <= 25 && r.issues.length > 0, `cut at ${cut}`);
  }
});

test('bit flips in the moov and the samples: a report every time', async () => {
  const src = new Uint8Array(readFileSync(mp4Fixture('h264_aac_faststart.mp4')));
  const moovEnd = 2156; // moov first (faststart): [32, 2156)
  const rnd = prng(11);
  for (let k = 0; k < 120; k++) {
    const b = src.slice();
    const region = k % 3 === 2 ? [moovEnd, b.length] : [0, moovEnd];
    for (let f = 0; f < 1 + (k % 4); f++) {
      const at = region[0] + Math.floor(rnd() * (region[1] - region[0]));
      b[at] ^= 1 << Math.floor(rnd() * 8);
    }
    const r = await validateBytes(b);
    assert.equal(r.container, 'mp4', `flip set ${k}`);
    assert.ok(r.frames <= 1000, `flip set ${k}`);
  }
});
