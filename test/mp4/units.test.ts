/** Pure pieces of the MP4 reader: timescale conversion, configuration records, framing, read plans. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { to90k } from '../../src/inspect/mp4/timescale.js';
import { parseAvcC, parseHvcC } from '../../src/inspect/mp4/config-record.js';
import { detectFraming, leadingAudBytes, walksExactly } from '../../src/inspect/mp4/framing.js';
import { planReads } from '../../src/inspect/mp4/read-plan.js';
import { editMap } from '../../src/inspect/mp4/edit-list.js';

test('to90k: exact integer conversion from any track timescale', () => {
  assert.equal(to90k(1001, 30000), 3003);
  assert.equal(to90k(512, 12800), 3600);
  assert.equal(to90k(1024, 48000), 1920);
  assert.equal(to90k(1, 44100), 2); // 2.04 → floor
  assert.equal(to90k(44100, 44100), 90000);
  assert.equal(to90k(-1024, 48000), -1920);
  assert.equal(to90k(-1, 48000), -2); // toward −∞
  assert.equal(to90k(123456789, 90000), 123456789);
  // Past 2^53 / 90000 the product needs BigInt: 2^52 ticks of a 2^31 timescale.
  assert.equal(to90k(2 ** 52, 2 ** 31), 2 ** 21 * 90000);
  // A value whose float quotient rounds up across a multiple.
  assert.equal(to90k(2 ** 53 - 1, 3), Number((BigInt(2 ** 53 - 1) * 90000n) / 3n));
  assert.ok(Number.isNaN(to90k(5, 0)));
});

const SPS = [0x67, 0x64, 0x00, 0x0d, 0xac];
const PPS = [0x68, 0xeb, 0xe3];

function avcC(parts: { version?: number; profile?: number; lsm1?: number; sps?: number[][]; pps?: number[][]; ext?: number[] }): Uint8Array {
  const sps = parts.sps ?? [SPS];
  const pps = parts.pps ?? [PPS];
  const out = [parts.version ?? 1, parts.profile ?? 100, 0, 13, 0xfc | (parts.lsm1 ?? 3), 0xe0 | sps.length];
  for (const s of sps) out.push(s.length >> 8, s.length & 255, ...s);
  out.push(pps.length);
  for (const p of pps) out.push(p.length >> 8, p.length & 255, ...p);
  out.push(...(parts.ext ?? []));
  return new Uint8Array(out);
}

test('AVCDecoderConfigurationRecord: fields, arrays, the High extension, and every malformation', () => {
  const ok = parseAvcC(avcC({ ext: [0xfd, 0xf8, 0xf8, 0] }));
  assert.ok(ok.ok);
  assert.equal(ok.record.lengthSize, 4);
  assert.deepEqual([ok.record.profileIdc, ok.record.levelIdc, ok.record.chromaFormatIdc, ok.record.bitDepthLumaMinus8], [100, 13, 1, 0]);
  assert.deepEqual(ok.record.arrays.map((a) => [a.nalUnitType, a.nalUnits.length]), [[7, 1], [8, 1], [13, 0]]);
  assert.deepEqual([...ok.record.arrays[0].nalUnits[0]], SPS);
  const noExt = parseAvcC(avcC({ lsm1: 1 }));
  assert.ok(noExt.ok && noExt.record.lengthSize === 2 && noExt.record.chromaFormatIdc === null);
  assert.deepEqual(parseAvcC(new Uint8Array(0)), { ok: false, reason: 'avcC box is empty' });
  assert.deepEqual(parseAvcC(avcC({ version: 2 })), { ok: false, reason: 'configurationVersion 2 (1 expected)' });
  assert.deepEqual(parseAvcC(avcC({}).subarray(0, 9)), { ok: false, reason: 'NAL unit length 5 runs past the record (1 bytes left)' });
  assert.deepEqual(parseAvcC(avcC({ ext: [0xfd, 0xf8, 0xf8, 0, 9] })), { ok: false, reason: '1 byte(s) after the parameter sets' });
  assert.deepEqual(parseAvcC(avcC({}).subarray(0, 5)), { ok: false, reason: 'record ends early' });
});

test('HEVCDecoderConfigurationRecord: arrays with array_completeness', () => {
  const vps = [0x40, 0x01, 0x0c];
  const fixed = [1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 60, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f];
  const rec = new Uint8Array([...fixed, 2, 0x80 | 32, 0, 1, 0, 3, ...vps, 0x21, 0, 0]);
  const r = parseHvcC(rec);
  assert.ok(r.ok);
  assert.deepEqual([r.record.profileIdc, r.record.levelIdc, r.record.lengthSize, r.record.chromaFormatIdc], [1, 60, 4, 1]);
  assert.deepEqual(r.record.arrays.map((a) => [a.nalUnitType, a.arrayCompleteness, a.nalUnits.length]), [[32, 1, 1], [33, 0, 0]]);
  assert.deepEqual(parseHvcC(rec.subarray(0, 20)), { ok: false, reason: 'record ends early' });
});

test('framing: exact length-prefixed walks, Annex B detection, the declared size preferred', () => {
  const lp4 = new Uint8Array([0, 0, 0, 2, 0x09, 0xf0, 0, 0, 0, 1, 0x65]);
  assert.equal(walksExactly(lp4, 4), true);
  assert.equal(walksExactly(lp4, 2), false);
  assert.equal(walksExactly(new Uint8Array([0, 0, 0, 0]), 4), false); // zero length
  const lp2 = new Uint8Array([0, 1, 0x65, 0, 2, 0x41, 0x9a]);
  assert.deepEqual(detectFraming([lp2], 2), { kind: 'length-prefixed', lengthSize: 2 });
  assert.deepEqual(detectFraming([lp2], 4), { kind: 'length-prefixed', lengthSize: 2 }); // the samples win
  const annexb = new Uint8Array([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x65, 0x88]);
  assert.deepEqual(detectFraming([annexb], 4), { kind: 'annexb' });
  assert.deepEqual(detectFraming([new Uint8Array([1, 2, 3])], null), { kind: 'length-prefixed', lengthSize: 4 });
  assert.equal(leadingAudBytes(lp4, { kind: 'length-prefixed', lengthSize: 4 }, 'h264'), 6);
  assert.equal(leadingAudBytes(annexb, { kind: 'annexb' }, 'h264'), 6);
  assert.equal(leadingAudBytes(lp4, { kind: 'length-prefixed', lengthSize: 4 }, 'hevc'), 0);
  assert.equal(leadingAudBytes(new Uint8Array([0, 0, 0, 3, 0x46, 0x01, 0x50]), { kind: 'length-prefixed', lengthSize: 4 }, 'hevc'), 7);
});

test('read plan: sequential batches through small gaps, splits, and every kind of bad sample', () => {
  const MiB = 1 << 20;
  const o = { batchBytes: 4 * MiB, maxGapBytes: 64 << 10, maxSampleBytes: 8 * MiB };
  const plan = planReads([
    { offset: 100, size: 1000 },
    { offset: 2000, size: 1000 }, // 900-byte gap: same read
    { offset: 200000, size: 1000 }, // gap > 64 KiB: new read
    { offset: 201000, size: 4 * MiB }, // would pass 4 MiB: new read
    { offset: 150000, size: 10 }, // backwards: new read
    { offset: 0, size: 0 }, // empty
    { offset: 1000, size: 9 * MiB }, // over maxSampleBytes
    { offset: Number.NaN, size: 4 }, // inconsistent tables
    { offset: 20 * MiB - 10, size: 100 }, // cut by the end of the file
    { offset: 20 * MiB, size: 7 }, // past it
    { offset: 20 * MiB + 7, size: 8 },
  ], 20 * MiB, o);
  assert.deepEqual([...plan.order], [0, 1, 2, 3, 4, 8]);
  assert.deepEqual([...plan.present], [1000, 1000, 1000, 4 * MiB, 10, 10]);
  assert.deepEqual(plan.batches.map((b) => [b.fileStart, b.length, b.first, b.end]), [
    [100, 2900, 0, 2], [200000, 1000, 2, 3], [201000, 4 * MiB, 3, 4], [150000, 10, 4, 5], [20 * MiB - 10, 10, 5, 6],
  ]);
  assert.deepEqual(plan.issues.map((i) => [i.name, i.found]), [
    ['MP4_SAMPLE_SIZE_INVALID', 5], ['MP4_SAMPLE_SIZE_INVALID', 6], ['MP4_SAMPLE_SIZE_INVALID', 7],
    ['MP4_SAMPLE_OUT_OF_FILE', 8], ['MP4_SAMPLE_OUT_OF_FILE', 9],
  ]);
  assert.equal(plan.issues[4].message, 'sample 9 lies past the end of the file (samples 9..10: 2 samples, 15 bytes; the file ends at 20971520)');
});

test('read plan: samples must lie in an mdat', () => {
  const mdats = [{ start: 100, end: 1100 }, { start: 5000, end: 6000 }];
  const plan = planReads([{ offset: 100, size: 500 }, { offset: 900, size: 400 }, { offset: 2000, size: 10 }, { offset: 5500, size: 10 }], 10000, undefined, mdats);
  assert.deepEqual([...plan.order], [0, 1, 3]);
  assert.deepEqual([...plan.present], [500, 200, 10]);
  assert.deepEqual(plan.issues.map((i) => [i.name, i.found, i.message]), [
    ['MP4_SAMPLE_OUTSIDE_MDAT', 1, 'sample 1 lies outside the media data boxes (its last 200 of 400 bytes run past the mdat that ends at 1100)'],
    ['MP4_SAMPLE_OUTSIDE_MDAT', 2, 'sample 2 lies outside the media data boxes (10 bytes at 2000; not in any mdat)'],
  ]);
});

test('edit lists: delay, media start, window and the samples left outside', () => {
  const m = editMap([
    { segment_duration: 500, media_time: -1, media_rate_integer: 1, media_rate_fraction: 0 },
    { segment_duration: 1000, media_time: 2000, media_rate_integer: 1, media_rate_fraction: 0 },
  ], 1000, 1000, [1000, 2000, 2999, 3000, 3500]);
  assert.equal(m.toPresentation(2000), 45000); // 500 ms of empty edit
  assert.deepEqual(m.window, { start: 2000, end: 3000 });
  assert.equal(m.note, 'presentation delayed by 500 ms (empty edit); 3 of 5 sample(s) outside the edit, not presented');
  assert.equal(editMap(undefined, 1000, 1000, [0]).note, null);
  assert.equal(editMap([{ segment_duration: 0, media_time: 0, media_rate_integer: 1, media_rate_fraction: 0 }], 1000, 1000, [0, 5000]).note, null);
});

test('configuration records against the stream: length size of every entry, profile and level', async () => {
  const { checkConfigAgainstStream } = await import('../../src/inspect/mp4/config-checks.js');
  const record = (lsm1: number, offset: number) => {
    const p = parseAvcC(avcC({ lsm1, ext: [0xfd, 0xf8, 0xf8, 0] }));
    assert.ok(p.ok);
    return { fourcc: 'avc1', format: 'avc1', offset: offset - 86, configs: [{ kind: 'avcC' as const, offset, parse: p }] };
  };
  const track = { id: 1, codec: 'h264' as const, timescale: 90000, movieTimescale: 1000, edits: undefined, samples: [],
    entries: [record(3, 1000), record(1, 2000)], moovSamples: 0, stss: null };
  const info = { codec: 'h264' as const, profile: 'High', profileIdc: 100, level: '1.3', levelIdc: 13, width: 320, height: 240,
    codedWidth: 320, codedHeight: 240, chromaFormat: '4:2:0', bitDepth: 8, bitDepthChroma: 8, interlaced: false, frameRate: 25 };
  assert.deepEqual(checkConfigAgainstStream(track, info, { kind: 'length-prefixed', lengthSize: 4 }).map((i) => [i.name, i.offset, i.message]), [
    ['UNSUPPORTED_SYNTAX', 2000, 'not followed by this inspector: sample entry 2 with 2-byte NAL lengths (read with 4)'],
  ]);
  assert.deepEqual(checkConfigAgainstStream(track, { ...info, profileIdc: 77, levelIdc: 30 }, { kind: 'length-prefixed', lengthSize: 2 }).map((i) => i.message), [
    'lengthSizeMinusOne (samples use 2-byte NAL lengths): the configuration record says 3, the stream 1',
    'AVCProfileIndication vs profile_idc: the configuration record says 100, the stream 77',
    'AVCLevelIndication vs level_idc: the configuration record says 13, the stream 30',
  ]);
});
