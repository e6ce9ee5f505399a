/**
 * One live MPEG-TS stream through the pipeline: TsInspector with keepVideoEs is the frame
 * source, frames are cut from the video ES it extracts, and transport damage (lost TS
 * packets on the video PID) becomes frame damage the engine recovers from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { inspectBuffer } from '../../../src/inspect/inspector.js';
import { TsInspector } from '../../../src/inspect/mpegts/ts-inspector.js';
import { loadAddon } from '../../../src/native/load.js';
import { IngestPipeline } from '../../../src/pipeline/ingest-pipeline.js';
import { annexBStream, type OutFrame } from '../../../src/pipeline/out-frame.js';
import { RecoveryMetrics } from '../../../src/metrics/recovery-metrics.js';
import { ManualClock } from '../../../src/recover/clock.js';
import { dropTsPacketsAt } from '../../../src/fault/byte-faults.js';
import { atLeast } from '../../../src/detect/severity.js';
import { issueByName } from '../../../src/inspect/catalogue.js';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/mpegts/ts_h264_aac.ts', import.meta.url));
const skip = (() => {
  try {
    loadAddon();
    return false;
  } catch (e) {
    return `native addon not built: ${(e as Error).message.split('\n')[0]}`;
  }
})();

/** PID of a 188-byte packet (ISO/IEC 13818-1 2.4.3.2). */
const pidOf = (ts: Uint8Array, i: number): number => ((ts[i * 188 + 1]! & 0x1f) << 8) | ts[i * 188 + 2]!;

function run(ts: Uint8Array, chunk: number): { out: OutFrame[]; pipeline: IngestPipeline; registry: Registry } {
  const registry = new Registry();
  const pipeline = new IngestPipeline({
    streamId: 'ts',
    source: new TsInspector({ keepVideoEs: true }),
    clock: new ManualClock(0),
    metrics: new RecoveryMetrics({ registry }),
    sleep: async () => {},
  });
  const out: OutFrame[] = [];
  for (let at = 0; at < ts.length; at += chunk) out.push(...pipeline.push(ts.subarray(at, at + chunk)));
  out.push(...pipeline.end());
  return { out, pipeline, registry };
}

test('clean TS: every frame comes out, byte for byte the video ES the TS carries', { skip }, async () => {
  const ts = new Uint8Array(readFileSync(FIXTURE));
  const ref = new TsInspector({ keepVideoEs: true });
  const es: Uint8Array[] = [];
  const r1 = ref.push(ts);
  if (r1.videoEs) es.push(r1.videoEs);
  const r2 = ref.flush();
  if (r2.videoEs) es.push(r2.videoEs);
  const video = inspectBuffer(Buffer.concat(es));
  const { out, pipeline } = run(ts, 1316);
  await pipeline.idle();
  assert.equal(out.length, video.frames.length);
  assert.ok(out.length > 20);
  for (let i = 0; i < out.length; i += 7) {
    const f = video.frames[i]!;
    assert.deepEqual(Buffer.from(out[i]!.bytes), Buffer.concat(es).subarray(f.offset, f.offset + f.size));
  }
  assert.equal(pipeline.counters().framesDropped, 0);
  // PES timestamps travel with the frames.
  assert.ok(out.every((f) => f.info.pts !== null));
});

test('3 video TS packets lost: the damaged frame and its dependents are dropped, the output is clean', { skip }, async () => {
  const ts = new Uint8Array(readFileSync(FIXTURE));
  // The video PID: the one whose packets carry the most bytes in the first 400 packets.
  const counts = new Map<number, number>();
  for (let i = 0; i < 400; i++) counts.set(pidOf(ts, i), (counts.get(pidOf(ts, i)) ?? 0) + 1);
  const videoPid = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  // Three consecutive video packets in the middle of the stream (not the first of a PES).
  const mid = Math.floor(ts.length / 188 / 2);
  const drop: number[] = [];
  for (let i = mid; drop.length < 3; i++) if (pidOf(ts, i) === videoPid && (ts[i * 188 + 1]! & 0x40) === 0) drop.push(i);
  const damaged = dropTsPacketsAt(ts, new Set(drop));

  const inspected = new TsInspector();
  const all = [inspected.push(damaged), inspected.flush()];
  const cc = all.flatMap((r) => [...r.transport]).filter((i) => i.name === 'CONTINUITY_COUNT_ERROR');
  assert.equal(cc.length, 1, 'one continuity error on the video PID');
  // The transport finding is joined to the frame the lost bytes belonged to.
  const hit = all.flatMap((r) => [...r.issues]).filter((i) => i.name === 'VIDEO_DAMAGED_BY_PACKET_LOSS');
  assert.equal(hit.length, 1, 'joined to one frame');
  const def = issueByName('VIDEO_DAMAGED_BY_PACKET_LOSS');

  const { out, pipeline, registry } = run(damaged, 1316);
  await pipeline.idle();
  const c = pipeline.counters();
  assert.equal(c.framesIn, c.framesOut + c.framesDropped, 'every frame accounted for');
  assert.ok(c.framesDropped >= 1);
  assert.ok(!out.some((f) => f.index === hit[0]!.frame), 'the damaged frame is not forwarded');
  const after = inspectBuffer(annexBStream(out));
  assert.equal(after.frames.length, out.length);
  assert.deepEqual(after.issues.filter((i) => atLeast(i.severity, 'medium')).map((i) => i.name), []);
  const line = `errors_detected_total{error_type="${def.type}",severity="${def.severity}"} 1`;
  assert.ok((await registry.metrics()).split('\n').includes(line), line);
});
