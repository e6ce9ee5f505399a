/** The streaming TsInspector: any chunking gives the same records; options; counters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TsInspector, type TsInspectResult } from '../../src/index.js';
import { prng } from '../helpers/fixtures.js';
import { corruptTs, tsFixture } from './helpers.js';

interface Collected {
  frames: string[];
  issues: string[];
  transport: string[];
  pes: string[];
}

function run(buf: Uint8Array, sizes: () => number): Collected {
  const t = new TsInspector();
  const out: Collected = { frames: [], issues: [], transport: [], pes: [] };
  const take = (r: TsInspectResult) => {
    for (const f of r.frames) out.frames.push(JSON.stringify(f));
    for (const i of r.issues) out.issues.push(JSON.stringify(i));
    for (const i of r.transport) out.transport.push(JSON.stringify(i));
    for (const p of r.pes) out.pes.push(JSON.stringify(p));
  };
  for (let at = 0; at < buf.length;) {
    const n = Math.max(1, sizes());
    take(t.push(buf.subarray(at, at + n)));
    at += n;
  }
  take(t.flush());
  return out;
}

test('chunk boundaries are invisible: one push, 188-byte pushes, random pushes (clean and damaged)', async () => {
  const c = await corruptTs();
  const clean = tsFixture('ts_h264_aac.ts');
  const damaged = c.setTei(c.setSyncByte(c.dropPackets(clean, [358, 359, 360]), [600, 601, 700]), [478]);
  for (const buf of [clean, damaged]) {
    const whole = run(buf, () => buf.length);
    assert.equal(whole.frames.length, 75);
    assert.deepEqual(run(buf, () => 188), whole);
    const rnd = prng(7);
    assert.deepEqual(run(buf, () => Math.floor(rnd() * 3000)), whole);
    const tiny = prng(11);
    assert.deepEqual(run(buf.subarray(0, 40000), () => 1 + Math.floor(tiny() * 5)), run(buf.subarray(0, 40000), () => 40000));
  }
});

test('push results: frames with PES timestamps, transport issues with PID and packet, PES timing records', async () => {
  const c = await corruptTs();
  const t = new TsInspector();
  const r = t.push(c.dropPackets(tsFixture('ts_h264_aac.ts'), [358, 359, 360]));
  const first = r.frames.get(0);
  assert.equal(first.keyframe, true);
  assert.equal(first.pts, 133200); // 1.48 s
  const cc = [...r.transport].find((i) => i.name === 'CONTINUITY_COUNT_ERROR')!;
  assert.equal(cc.pid, 0x100);
  assert.equal(cc.packet, 358);
  assert.equal(cc.indicator, 'Continuity_count_error');
  assert.equal(cc.expected, 14);
  assert.equal(cc.found, 1);
  const pes = [...r.pes];
  const audio = pes.filter((p) => p.audio);
  assert.ok(audio.length > 0 && audio.every((p) => p.pid === 0x101 && p.codec === 'aac' && p.pts !== null));
  assert.ok(pes.filter((p) => p.video).every((p) => p.inspected && p.streamType === 0x1b));
  const end = t.flush();
  assert.ok(end.frames.length > 0);
  const k = t.counters();
  assert.equal(k.packetSize, 188);
  assert.equal(k.packets, 909);
  assert.equal(k.videoPid, 0x100);
  assert.equal(k.indicators.Continuity_count_error, 1);
  assert.equal(k.pids.find((p) => p.pid === 0x100)?.indicators.Continuity_count_error, 1);
  assert.equal(k.video?.frames, 75);
  assert.equal(t.streamInfo()?.width, 320);
});

test('options are checked; a fixed packet size reads only that size', () => {
  assert.throws(() => new TsInspector({ packetSize: 190 as 188 }), /packetSize must be 'auto', 188, 192 or 204/);
  assert.throws(() => new TsInspector({ patIntervalMs: -1 }), /patIntervalMs must be a non-negative integer/);
  const m2ts = tsFixture('ts_h264_aac.m2ts');
  const wrong = new TsInspector({ packetSize: 188 });
  const r = [...wrong.push(m2ts).transport, ...wrong.flush().transport].map((i) => i.name);
  assert.equal(r[0], 'TS_SYNC_LOSS');
  assert.ok(r.includes('TS_NO_VIDEO_STREAM'));
  assert.equal(wrong.counters().video, null);
  const right = new TsInspector({ packetSize: 192 });
  right.push(m2ts);
  right.flush();
  assert.equal(right.counters().packetSize, 192);
  assert.equal(right.counters().video?.frames, 25);
});

test('maxIssuesPerCode keeps the counters exact', async () => {
  const c = await corruptTs();
  const buf = c.setTei(tsFixture('ts_h264_aac.ts'), [100, 200, 300, 400, 500]);
  const t = new TsInspector({ maxIssuesPerCode: 2 });
  const names = [...t.push(buf).transport, ...t.flush().transport].map((i) => i.name);
  assert.deepEqual(names.filter((n) => n === 'TRANSPORT_ERROR'), ['TRANSPORT_ERROR', 'TRANSPORT_ERROR']);
  assert.equal(t.counters().indicators.Transport_error, 5);
  assert.equal(t.counters().issuesDropped, 3);
});
