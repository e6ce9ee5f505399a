import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Registry } from 'prom-client';
import { IngestPipeline, type IngestPipelineOptions } from '../../../src/pipeline/ingest-pipeline.js';
import { annexBStream, type OutFrame } from '../../../src/pipeline/out-frame.js';
import { pipelineStream } from '../../../src/pipeline/node-stream.js';
import type { PipelineEvents } from '../../../src/pipeline/pipeline-events.js';
import { RecoveryEngine } from '../../../src/recover/recovery-engine.js';
import { RecoveryMetrics } from '../../../src/metrics/recovery-metrics.js';
import { StreamBreakers } from '../../../src/breaker/stream-breakers.js';
import { defaultStrategies } from '../../../src/recover/strategies/index.js';
import { ManualClock, type Sleep } from '../../../src/recover/clock.js';
import { buildStream, FakeSource, type FakeFrameSpec } from '../helpers/fake-source.js';

const AUD = [0x09, 0xf0];
const SPS = [0x67, 0x64, 0x00, 0x1e];
const PPS = [0x68, 0xee, 0x3c, 0x80];
const idr = (i: number) => [0x65, 0x88, 0x80, i];
const p = (i: number) => [0x41, 0x9a, i];
const b = (i: number) => [0x01, 0x9e, i];

/** `gops` GOPs of `len` frames: IDR (AUD, SPS, PPS, slice), then P (reference) / B (non-reference) alternating. */
function gopSpecs(gops: number, len: number): FakeFrameSpec[] {
  const specs: FakeFrameSpec[] = [];
  for (let g = 0; g < gops; g++) {
    for (let k = 0; k < len; k++) {
      const i = specs.length;
      if (k === 0) specs.push({ nals: [AUD, SPS, PPS, idr(i)] });
      else if (k % 2 === 1) specs.push({ nals: [AUD, p(i)] });
      else specs.push({ nals: [AUD, b(i)], info: { reference: false, pictureType: 'B' } });
    }
  }
  return specs;
}

interface Harness {
  pipeline: IngestPipeline;
  source: FakeSource;
  clock: ManualClock;
  events: { [K in keyof PipelineEvents]: PipelineEvents[K][] };
  hookCalls: string[];
  registry: Registry;
  waits: number[];
}

function harness(specs: FakeFrameSpec[], over: Partial<IngestPipelineOptions> = {}, reconnectResults: boolean[] = []): Harness & { bytes: Uint8Array } {
  const stream = buildStream(specs);
  const source = new FakeSource(stream);
  const clock = new ManualClock(0);
  const waits: number[] = [];
  const sleep: Sleep = async (ms) => {
    waits.push(ms);
    clock.advance(ms);
  };
  const registry = new Registry();
  const breakers = new StreamBreakers({ clock, breaker: { failureThreshold: 3 } });
  const metrics = new RecoveryMetrics({ registry, breakers });
  const engine = new RecoveryEngine({
    clock,
    sleep,
    breakers,
    metrics,
    strategies: defaultStrategies({ network: { maxRetries: 2, initialDelayMs: 100, jitter: 'none' } }),
  });
  const hookCalls: string[] = [];
  let r = 0;
  const pipeline = new IngestPipeline({
    streamId: 'cam1',
    source,
    clock,
    sleep,
    engine,
    metrics,
    hooks: {
      requestKeyframe: (reason) => void hookCalls.push(`keyframe:${reason}`),
      reconnect: async () => {
        hookCalls.push('reconnect');
        return reconnectResults[r++] ?? false;
      },
      resync: (d) => void hookCalls.push(`resync:${d}`),
      bufferAdjust: (d) => void hookCalls.push(`buffer:${d.audioDelayMs}/${d.videoDelayMs}`),
      slew: (rate) => void hookCalls.push(`slew:${rate}`),
      restart: () => void hookCalls.push('restart'),
    },
    ...over,
  });
  const events = { recovery: [], repair: [], 'keyframe-request': [], resync: [], terminate: [], 'breaker-state': [] } as Harness['events'];
  for (const name of Object.keys(events) as (keyof PipelineEvents)[]) {
    pipeline.on(name, (e) => (events[name] as unknown[]).push(e));
  }
  return { pipeline, source, clock, events, hookCalls, registry, waits, bytes: stream.bytes };
}

function pushAll(pipeline: IngestPipeline, bytes: Uint8Array, chunk: number): OutFrame[] {
  const out: OutFrame[] = [];
  for (let at = 0; at < bytes.length; at += chunk) out.push(...pipeline.push(bytes.subarray(at, at + chunk)));
  out.push(...pipeline.end());
  return out;
}

test('a clean stream passes through unchanged, whatever the chunking', () => {
  for (const chunk of [1, 7, 64, 100_000]) {
    const h = harness(gopSpecs(2, 6));
    const out = pushAll(h.pipeline, h.bytes, chunk);
    assert.deepEqual(out.map((f) => f.index), [...Array(12).keys()]);
    assert.deepEqual([...annexBStream(out)], [...h.bytes], `chunk ${chunk}`);
    const c = h.pipeline.counters();
    assert.deepEqual([c.framesIn, c.framesOut, c.framesDropped, c.repairs], [12, 12, 0, 0]);
    assert.equal(c.bytesIn, h.bytes.length);
  }
});

test('frames inside one chunk are views of it; frames spanning chunks are copies', () => {
  const h = harness(gopSpecs(1, 3));
  const whole = h.bytes.slice();
  const out = [...h.pipeline.push(whole), ...h.pipeline.end()];
  assert.ok(out.every((f) => f.bytes.buffer === whole.buffer));
  const h2 = harness(gopSpecs(1, 3));
  const first = h2.bytes.slice(0, 10);
  const rest = h2.bytes.slice(10);
  const out2 = [...h2.pipeline.push(first), ...h2.pipeline.push(rest), ...h2.pipeline.end()];
  assert.notEqual(out2[0]!.bytes.buffer, first.buffer);
  assert.notEqual(out2[0]!.bytes.buffer, rest.buffer);
  assert.equal(out2[1]!.bytes.buffer, rest.buffer);
});

test('medium issue on a non-reference frame drops exactly that frame', () => {
  const specs = gopSpecs(1, 6);
  specs[2]!.issues = [{ severity: 'medium' }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 5);
  assert.deepEqual(out.map((f) => f.index), [0, 1, 3, 4, 5]);
  assert.equal(h.events.recovery.length, 1);
  assert.deepEqual(h.events.recovery[0]!.action, { kind: 'drop-frame', dependents: false });
  assert.equal(h.events.recovery[0]!.frameIndex, 2);
  assert.deepEqual([h.pipeline.counters().framesDropped, h.pipeline.counters().framesDroppedDependent], [1, 0]);
});

test('medium issue on a reference frame drops it and its dependents until the next IRAP', () => {
  const specs = gopSpecs(2, 5);
  specs[1]!.issues = [{ severity: 'medium' }];
  specs[3]!.issues = [{ severity: 'high' }]; // on a frame dropped anyway: suppressed
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 9);
  assert.deepEqual(out.map((f) => f.index), [0, 5, 6, 7, 8, 9]);
  const c = h.pipeline.counters();
  assert.deepEqual([c.framesIn, c.framesOut, c.framesDropped, c.framesDroppedDependent, c.issuesSuppressed], [10, 6, 4, 3, 1]);
  assert.equal(c.framesIn, c.framesOut + c.framesDropped);
});

test('high issue: reset to the last valid GOP, keyframe requested through the hook, dependents dropped', () => {
  const specs = gopSpecs(3, 4);
  specs[6]!.issues = [{ severity: 'high' }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 3);
  assert.deepEqual(out.map((f) => f.index), [0, 1, 2, 3, 4, 5, 8, 9, 10, 11]);
  assert.deepEqual(h.events['keyframe-request'].map((e) => [e.reason, e.frameIndex]), [['reset-to-gop', 6]]);
  assert.deepEqual(h.hookCalls, ['keyframe:reset-to-gop']);
  // the damaged GOP (4..6) was discarded: GOP 0 is the last valid one, GOP 8 is open
  assert.equal(h.pipeline.gop.lastValidGop()!.startIndex, 0);
  assert.equal(h.pipeline.gop.currentGop()!.startIndex, 8);
});

test('critical issue: restart (state cleared, keyframe requested, wait for IRAP)', () => {
  const specs = gopSpecs(2, 4);
  specs[2]!.issues = [{ severity: 'critical' }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 11);
  assert.deepEqual(out.map((f) => f.index), [0, 1, 4, 5, 6, 7]);
  assert.deepEqual(h.hookCalls, ['restart', 'keyframe:restart']);
});

test('low issue on a broken trailing non-VCL NAL: stripped, logged, frame kept', () => {
  const specs = gopSpecs(1, 3);
  specs[1] = { nals: [AUD, p(1), [0x0c, 0xff, 0xff]], issues: [{ severity: 'low' }] }; // filler NAL last
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 4);
  assert.deepEqual(out.map((f) => f.index), [0, 1, 2]);
  assert.deepEqual([...out[1]!.bytes], [...AUD, 0, 0, 0, 1, ...p(1)]);
  assert.deepEqual(out[1]!.repairs, [{ kind: 'strip-trailing-nal', frameIndex: 1, nalType: 12, bytesRemoved: 3 }]);
  assert.deepEqual(h.pipeline.repairs(), out[1]!.repairs);
  assert.equal(h.pipeline.counters().framesRepaired, 1);
});

test('an IRAP without parameter sets gets the cached ones back (after its AUD), logged as a repair', () => {
  const specs = gopSpecs(2, 3);
  specs[3] = { nals: [AUD, idr(3)] };
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 6);
  assert.deepEqual([...out[3]!.bytes], [...AUD, 0, 0, 0, 1, ...SPS, 0, 0, 0, 1, ...PPS, 0, 0, 0, 1, ...idr(3)]);
  assert.deepEqual(h.events.repair, [
    { frameIndex: 3, repairs: [{ kind: 'insert-parameter-sets', frameIndex: 3, nalTypes: [7, 8], bytesAdded: 16 }] },
  ]);
  assert.equal(h.events.recovery.length, 0, 'no error was needed');
  const off = harness(specs, { restoreParameterSets: false });
  assert.equal(pushAll(off.pipeline, off.bytes, 6)[3]!.repairs.length, 0);
});

test('an issue raised before its frame is complete is applied when the frame comes out', () => {
  const specs = gopSpecs(1, 4);
  specs[2]!.issues = [{ severity: 'medium', early: true }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 2);
  assert.deepEqual(out.map((f) => f.index), [0, 1, 3]);
  assert.equal(h.events.recovery[0]!.frameIndex, 2);
});

test('stream-level issues (no frame) go through the handler: packet loss → keyframe request', async () => {
  const h = harness(gopSpecs(1, 4));
  h.source.scheduleStreamIssue(20, { type: 'packet_loss', severity: 'medium' });
  const out = pushAll(h.pipeline, h.bytes, 8);
  await h.pipeline.idle();
  assert.equal(out.length, 4, 'frames are not dropped for a stream-level error');
  assert.deepEqual(h.events.recovery.map((e) => [e.strategy, e.action.kind, e.frameIndex, e.success]), [
    ['packet-loss', 'request-keyframe', null, true],
  ]);
});

test('host-reported disconnect: reconnect with backoff; success resets the retry counter', async () => {
  const h = harness(gopSpecs(1, 2), {}, [false, true]);
  const r = await h.pipeline.reportError('network_disconnect', 'high', 'socket closed');
  assert.equal(r.recovered, true);
  assert.deepEqual(h.waits, [100, 200]);
  assert.deepEqual(h.hookCalls, ['reconnect', 'reconnect']);
  assert.equal(h.pipeline.retryCount(), 0);
  assert.deepEqual(h.events.recovery.map((e) => e.success), [false, true]);
});

test('reconnect failures past max retries terminate the stream; later input is ignored', async () => {
  const h = harness(gopSpecs(1, 2), {}, [false, false, false]);
  const r = await h.pipeline.reportError('network_disconnect', 'high', 'socket closed');
  assert.deepEqual([r.recovered, r.terminated], [false, true]);
  assert.equal(h.events.terminate.length, 1);
  assert.equal(h.events.terminate[0]!.reason, 'max-retries');
  assert.equal(h.pipeline.terminatedReason, 'max-retries');
  assert.deepEqual(h.pipeline.push(h.bytes), []);
});

test('auth failure terminates at once', async () => {
  const h = harness(gopSpecs(1, 2));
  await h.pipeline.reportError('auth_failure', 'critical', '403');
  assert.equal(h.pipeline.terminatedReason, 'auth_failure');
  assert.deepEqual(h.hookCalls, []);
});

test('drift samples: +150 ms → one buffer adjustment through the hook; +2.5 s → one resync event', async () => {
  const h = harness(gopSpecs(1, 2));
  for (let i = 0; i < 50; i++) {
    await h.pipeline.observeDrift(150);
    h.clock.advance(40);
  }
  assert.deepEqual(h.hookCalls, ['buffer:160/0']);
  for (let i = 0; i < 50; i++) {
    await h.pipeline.observeDrift(2650);
    h.clock.advance(40);
  }
  assert.deepEqual(h.events.resync.map((e) => e.driftMs), [2490]);
  assert.deepEqual(h.hookCalls, ['buffer:160/0', 'resync:2490']);
  assert.deepEqual(h.pipeline.buffers.delays(), { audioDelayMs: 0, videoDelayMs: 0 }, 'resync clears playout delays');
});

test('no data for the timeout: a keyframe request, then a reconnect', async () => {
  const h = harness(gopSpecs(1, 2), { detector: { noDataTimeoutMs: 1000 } }, [true]);
  h.pipeline.push(h.bytes.subarray(0, 10));
  h.clock.advance(999);
  assert.equal(h.pipeline.tick(), null);
  h.clock.advance(1);
  await h.pipeline.tick();
  assert.deepEqual(h.hookCalls, ['keyframe:recovery']);
  h.clock.advance(2000);
  await h.pipeline.tick();
  assert.deepEqual(h.hookCalls, ['keyframe:recovery', 'reconnect']);
});

test('an unsupported codec terminates the stream', () => {
  const specs = gopSpecs(1, 8);
  specs[1]!.issues = [{ severity: 'critical', type: 'codec_failure', name: 'UNKNOWN_CODEC' }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 100);
  assert.equal(h.pipeline.terminatedReason, 'unsupported');
  assert.deepEqual(out.map((f) => f.index), [0]);
  assert.equal(h.events.terminate.length, 1);
});

test('resource exhaustion at critical severity terminates', () => {
  const specs = gopSpecs(1, 10);
  specs[1]!.issues = [{ severity: 'critical', type: 'resource_exhaustion' }];
  const h = harness(specs);
  const out = pushAll(h.pipeline, h.bytes, 1000);
  assert.equal(h.pipeline.terminatedReason, 'resource_exhaustion');
  assert.deepEqual(out.map((f) => f.index), [0]);
});

test('breaker-state events carry the stream id', async () => {
  const h = harness(gopSpecs(1, 2), {}, [false, false, false, false]);
  h.pipeline.engine.breakers.get('cam1');
  // three failed recoveries in a row open the breaker (threshold 3)
  for (let i = 0; i < 3; i++) await h.pipeline.reportError('timeout', 'high', 'stalled');
  assert.deepEqual(h.events['breaker-state'].map((e) => [e.streamId, e.from, e.to]), [['cam1', 'closed', 'open']]);
  const refused = await h.pipeline.reportError('timeout', 'high', 'stalled');
  assert.deepEqual(refused.outcomes.map((o) => o.strategy), ['circuit-open']);
});

test('metrics: the pipeline counters are read at scrape time and kept after the stream ends', async () => {
  const specs = gopSpecs(1, 4);
  specs[2]!.issues = [{ severity: 'medium' }];
  const h = harness(specs);
  pushAll(h.pipeline, h.bytes, 50);
  const text = await h.registry.metrics();
  assert.match(text, /^inspector_frames_total 4$/m);
  assert.match(text, /^pipeline_frames_out_total 3$/m);
  assert.match(text, /^pipeline_frames_dropped_total 1$/m);
  assert.match(text, /^errors_detected_total\{error_type="frame_corruption",severity="medium"\} 1$/m);
  assert.match(text, /^recovery_attempts_total\{error_type="frame_corruption",strategy="frame-corruption"\} 1$/m);
  assert.equal(h.pipeline.engine.breakers.has('cam1'), false, 'breaker entry deleted at end');
});

test('run(): async iterable in, clean frames out', async () => {
  const h = harness(gopSpecs(1, 5));
  async function* chunks() {
    for (let at = 0; at < h.bytes.length; at += 13) yield { bytes: h.bytes.subarray(at, at + 13) };
  }
  const got: number[] = [];
  for await (const f of h.pipeline.run(chunks())) got.push(f.index);
  assert.deepEqual(got, [0, 1, 2, 3, 4]);
});

test('pipelineStream(): a Node Transform from bytes to Annex B access units', async () => {
  const h = harness(gopSpecs(1, 5));
  const parts: Buffer[] = [];
  const input = Readable.from([Buffer.from(h.bytes.subarray(0, 30)), Buffer.from(h.bytes.subarray(30))]);
  for await (const buf of input.pipe(pipelineStream(h.pipeline))) parts.push(buf as Buffer);
  assert.deepEqual([...Buffer.concat(parts)], [...h.bytes]);
  const h2 = harness(gopSpecs(1, 5));
  const frames: OutFrame[] = [];
  const input2 = Readable.from([Buffer.from(h2.bytes)]);
  for await (const f of input2.pipe(pipelineStream(h2.pipeline, { output: 'frames' }))) frames.push(f as OutFrame);
  assert.deepEqual(frames.map((f) => f.index), [0, 1, 2, 3, 4]);
});

test('GOP buffer over its limit → buffer_overflow → non-reference frames shed, limits shrunk', async () => {
  const h = harness(gopSpecs(1, 8), { gopBuffer: { maxGops: 2, maxFrames: 5, hardLimitFactor: 4 } });
  const out = pushAll(h.pipeline, h.bytes, 1000);
  await h.pipeline.idle();
  assert.equal(out.length, 8, 'output frames are not affected');
  assert.deepEqual(h.events.recovery.map((e) => [e.error.type, e.error.severity, e.action.kind]), [
    ['buffer_overflow', 'medium', 'shed'],
  ]);
  assert.deepEqual(h.pipeline.gop.limits(), { maxGops: 1, maxFrames: 3, maxBytes: Math.floor(32 * 1024 * 1024 * 0.75) });
  // frames 0..5 were held when frame 5 went over; shedding removed B frames 2 and 4
  assert.deepEqual(h.pipeline.gop.currentGop()!.frames.map((f) => f.index), [0, 1, 3, 5, 6, 7]);
});

test('memory over budget → resource_exhaustion → buffered GOPs released', async () => {
  const h = harness(gopSpecs(3, 4), { detector: { memoryBudgetBytes: 60 }, gopBuffer: { maxGops: 3 } });
  const out = pushAll(h.pipeline, h.bytes, 8);
  await h.pipeline.idle();
  // two excursions over the budget, each answered by releasing every buffered GOP
  assert.deepEqual(
    h.events.recovery.map((e) => [e.error.type, e.error.severity, e.error.context.usedBytes, e.action]),
    [
      ['resource_exhaustion', 'high', 69, { kind: 'release-memory', keepGops: 0 }],
      ['resource_exhaustion', 'high', 61, { kind: 'release-memory', keepGops: 0 }],
    ],
  );
  assert.equal(out.length, 12, 'output frames are not affected');
  assert.equal(h.pipeline.gop.gopCount, 1, 'refilled from the next IDR only');
});
