import { FrameFlag } from '../../../src/inspect/records.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { Inspector, inspectBuffer } from '../../../src/inspect/inspector.js';
import { loadAddon } from '../../../src/native/load.js';
import type { FrameInfo, IssueInfo, NalInfo } from '../../../src/inspect/types.js';
import { IngestPipeline } from '../../../src/pipeline/ingest-pipeline.js';
import { annexBStream, type OutFrame } from '../../../src/pipeline/out-frame.js';
import { RecoveryEngine } from '../../../src/recover/recovery-engine.js';
import { RecoveryMetrics } from '../../../src/metrics/recovery-metrics.js';
import { StreamBreakers } from '../../../src/breaker/stream-breakers.js';
import { ManualClock } from '../../../src/recover/clock.js';
import { seededRandom } from '../../../src/recover/random.js';
import { flipBitsAt, spliceBytes } from '../../../src/fault/byte-faults.js';
import { atLeast } from '../../../src/detect/severity.js';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/h264_gop25.264', import.meta.url));

function addonMissing(): string | false {
  try {
    loadAddon();
    return false;
  } catch (e) {
    return `native addon not built: ${(e as Error).message.split('\n')[0]}`;
  }
}

interface Edit {
  at: number;
  apply: (b: Uint8Array) => Uint8Array;
}

/**
 * Three copies of the x264 fixture (150 frames, GOP 25), then five byte-level faults, each
 * of which the inspector reports as exactly one issue (checked below before the run):
 *  frame 3  (B, non-ref): a reserved NAL (type 22) appended after its slice → low
 *  frame 6  (B, non-ref): emulation prevention byte followed by 0x05 in its slice → medium
 *  frame 30 (P): 0x000000 inside its slice → high
 *  frame 50 (IDR): SPS and PPS removed (no issue: the pipeline restores them)
 *  frame 80 (P): forbidden_zero_bit set on its slice → critical
 */
function faultedStream() {
  const one = readFileSync(FIXTURE);
  const base = new Uint8Array(Buffer.concat([one, one, one]));
  const clean = inspectBuffer(base);
  const vcl = (f: number): NalInfo => clean.nals.find((n) => n.frame === f && n.type >= 1 && n.type <= 5)!;
  const frame = (f: number): FrameInfo => clean.frames[f]!;
  const ps = clean.nals.filter((n) => n.frame === 50 && (n.type === 7 || n.type === 8));
  const edits: Edit[] = [
    { at: frame(3).offset + frame(3).size, apply: (b) => spliceBytes(b, frame(3).offset + frame(3).size, 0, [0, 0, 0, 1, 0x16, 0x80]) },
    { at: vcl(6).offset + 20, apply: (b) => spliceBytes(b, vcl(6).offset + 20, 0, [0, 0, 3, 5]) },
    { at: vcl(30).offset + 20, apply: (b) => spliceBytes(b, vcl(30).offset + 20, 0, [0, 0, 0, 0x80]) },
    {
      at: ps[0]!.offset - 4,
      apply: (b) => spliceBytes(b, ps[0]!.offset - 4, ps[1]!.offset + ps[1]!.size - (ps[0]!.offset - 4)),
    },
    { at: vcl(80).offset, apply: (b) => flipBitsAt(b, [{ offset: vcl(80).offset, bit: 7 }]) },
  ];
  let faulted: Uint8Array = base;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) faulted = e.apply(faulted);
  return { base, clean, faulted, ps };
}

const skip = addonMissing();

test('real fixture with injected faults: every frame accounted, output clean, metrics match the faults', { skip }, async () => {
  const { clean, faulted, ps } = faultedStream();
  assert.equal(clean.frames.length, 150);
  assert.deepEqual(clean.issues.filter((i) => atLeast(i.severity, 'medium')), [], 'the concatenated fixture has no medium+ issue');
  assert.deepEqual([clean.frames[3]!.reference, clean.frames[6]!.reference, clean.frames[50]!.irap], [false, false, true]);
  assert.deepEqual(ps.map((n) => n.type), [7, 8]);
  const before = inspectBuffer(faulted);
  assert.equal(before.frames.length, 150);
  assert.deepEqual(
    withoutBaseline(before.issues, clean.issues).map((i) => [i.name, i.severity, i.frame]),
    [
      ['RESERVED_NAL_TYPE', 'low', 3],
      ['EPB_BAD_FOLLOWER', 'medium', 6],
      ['ZERO_SEQUENCE_000', 'high', 30],
      ['FORBIDDEN_ZERO_BIT', 'critical', 80],
    ],
    'each fault is reported as exactly one issue',
  );

  const clock = new ManualClock(0);
  const registry = new Registry();
  const breakers = new StreamBreakers({ clock });
  const metrics = new RecoveryMetrics({ registry, breakers });
  const engine = new RecoveryEngine({ clock, breakers, metrics, sleep: async () => {} });
  const keyframeRequests: string[] = [];
  const pipeline = new IngestPipeline({
    streamId: 'e2e',
    source: new Inspector(),
    clock,
    engine,
    metrics,
    hooks: { requestKeyframe: (reason) => void keyframeRequests.push(reason) },
  });

  const random = seededRandom(2024);
  const out: OutFrame[] = [];
  for (let at = 0; at < faulted.length; ) {
    const n = 1 + Math.floor(random() * 4096);
    out.push(...pipeline.push(faulted.slice(at, at + n)));
    at += n;
    clock.advance(10);
  }
  out.push(...pipeline.end());
  await pipeline.idle();

  const dropped = [6, ...range(30, 50), ...range(80, 100)];
  assert.deepEqual(
    out.map((f) => f.index),
    range(0, 150).filter((i) => !dropped.includes(i)),
  );
  const c = pipeline.counters();
  assert.deepEqual(
    { in: c.framesIn, out: c.framesOut, dropped: c.framesDropped, dependents: c.framesDroppedDependent, repaired: c.framesRepaired, repairs: c.repairs },
    { in: 150, out: 109, dropped: 41, dependents: 38, repaired: 2, repairs: 2 },
  );
  assert.equal(c.framesIn, c.framesOut + c.framesDropped);
  assert.deepEqual(pipeline.repairs(), [
    { kind: 'strip-trailing-nal', frameIndex: 3, nalType: 22, bytesRemoved: 2 },
    { kind: 'insert-parameter-sets', frameIndex: 50, nalTypes: [7, 8], bytesAdded: ps[0]!.size + ps[1]!.size + 8 },
  ]);
  assert.deepEqual(keyframeRequests, ['reset-to-gop', 'restart']);

  // untouched frames leave byte-identical
  const byIndex = new Map(out.map((f) => [f.index, f]));
  for (const i of [0, 1, 25, 29, 101, 149]) {
    assert.deepEqual([...byIndex.get(i)!.bytes], [...readBack(i, clean)], `frame ${i}`);
  }
  // the repaired frames (rebuilt with 4-byte start codes): frame 3 without the reserved NAL,
  // frame 50 with its SPS and PPS back — the same NAL units as the clean stream's
  assert.deepEqual(nalsOf(byIndex.get(3)!.bytes), nalsOf(readBack(3, clean)));
  assert.deepEqual(nalsOf(byIndex.get(50)!.bytes), nalsOf(readBack(50, clean)));

  // the output, re-inspected, has no medium+ issue
  const after = inspectBuffer(annexBStream(out));
  assert.equal(after.frames.length, 109);
  assert.deepEqual(after.issues.filter((i) => atLeast(i.severity, 'medium')).map((i) => i.name), []);

  // metrics equal the injected faults (plus any low-severity issue the clean stream already
  // has, on the frames that were not skipped while waiting for an IRAP)
  const skipped = new Set([...range(31, 50), ...range(81, 100)]);
  const detected = before.issues.filter((i) => atLeast(i.severity, 'low') && !skipped.has(i.frame));
  const text = await registry.metrics();
  for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
    const n = detected.filter((i) => i.severity === severity).length;
    if (severity !== 'low') assert.equal(n, 1);
    assert.match(text, new RegExp(`^errors_detected_total\\{error_type="frame_corruption",severity="${severity}"\\} ${n}$`, 'm'));
  }
  const stats = engine.statistics.snapshot();
  assert.deepEqual(
    stats.recent.filter((r) => r.severity !== 'low' || r.action !== 'none').map((r) => [r.severity, r.strategy, r.action, r.success]),
    [
      ['low', 'frame-corruption', 'repair', true],
      ['medium', 'frame-corruption', 'drop-frame', true],
      ['high', 'frame-corruption', 'reset-to-gop', true],
      ['critical', 'frame-corruption', 'restart', true],
    ],
  );
  const attempts = [...text.matchAll(/^recovery_attempts_total\{[^}]*\} (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
  assert.equal(attempts, stats.totalAttempts);
  assert.match(text, /^pipeline_frames_dropped_total 41$/m);
  assert.match(text, /^pipeline_frames_repaired_total 2$/m);
  assert.match(text, /^inspector_frames_total 150$/m);
  assert.match(text, new RegExp(`^inspector_issues_total ${before.issues.length}$`, 'm'));
  assert.match(text, new RegExp(`^inspector_bytes_total ${faulted.length}$`, 'm'));
  assert.match(text, /^error_recovery_rate 1$/m);
});

/** Issues of `after` not in `baseline`, matched by name and frame (as multisets). */
function withoutBaseline(after: readonly IssueInfo[], baseline: readonly IssueInfo[]): IssueInfo[] {
  const left = new Map<string, number>();
  for (const i of baseline) left.set(`${i.name}@${i.frame}`, (left.get(`${i.name}@${i.frame}`) ?? 0) + 1);
  return after.filter((i) => {
    const k = `${i.name}@${i.frame}`;
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

let baseCache: Uint8Array | null = null;
function readBack(i: number, clean: ReturnType<typeof inspectBuffer>): Uint8Array {
  if (!baseCache) {
    const one = readFileSync(FIXTURE);
    baseCache = new Uint8Array(Buffer.concat([one, one, one]));
  }
  const f = clean.frames[i]!;
  return baseCache.subarray(f.offset, f.offset + f.size);
}

/** NAL units of an Annex B byte string (without a leading start code), as hex strings. */
function nalsOf(bytes: Uint8Array): string[] {
  const nals: string[] = [];
  let start = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) {
      let end = i;
      while (end > start && bytes[end - 1] === 0) end--;
      nals.push(Buffer.from(bytes.subarray(start, end)).toString('hex'));
      start = i + 3;
      i += 2;
    }
  }
  nals.push(Buffer.from(bytes.subarray(start)).toString('hex'));
  return nals;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

test('HEVC fixture: a strippable reserved NAL and a high-severity slice fault', { skip }, async () => {
  const one = readFileSync(fileURLToPath(new URL('../../../../test/fixtures/hevc_gop25.265', import.meta.url)));
  const base = new Uint8Array(Buffer.concat([one, one]));
  const clean = inspectBuffer(base);
  assert.equal(clean.frames.length, 100);
  assert.deepEqual(clean.issues.filter((i) => atLeast(i.severity, 'medium')), []);
  assert.deepEqual(clean.frames.filter((f) => f.irap).map((f) => f.index), [0, 23, 50, 73]);
  const f3 = clean.frames[3]!;
  const slice10 = clean.nals.find((n) => n.frame === 10 && n.type <= 31)!;
  // descending offsets: the slice fault first, then the NAL appended after frame 3
  let faulted: Uint8Array = spliceBytes(base, slice10.offset + 20, 0, [0, 0, 0, 0x80]);
  faulted = spliceBytes(faulted, f3.offset + f3.size, 0, [0, 0, 0, 1, 0x5a, 0x01, 0x80]); // RSV_NVCL45
  assert.deepEqual(
    withoutBaseline(inspectBuffer(faulted).issues, clean.issues).map((i) => [i.name, i.severity, i.frame]),
    [
      ['RESERVED_NAL_TYPE', 'low', 3],
      ['ZERO_SEQUENCE_000', 'high', 10],
    ],
  );

  const clock = new ManualClock(0);
  const registry = new Registry();
  const metrics = new RecoveryMetrics({ registry });
  const pipeline = new IngestPipeline({ streamId: 'hevc', source: new Inspector(), clock, metrics, sleep: async () => {} });
  const out: OutFrame[] = [];
  for (let at = 0; at < faulted.length; at += 1500) out.push(...pipeline.push(faulted.slice(at, at + 1500)));
  out.push(...pipeline.end());
  await pipeline.idle();

  // Frames 10..22 are dropped up to the CRA at 23; then the CRA's RASL pictures, which predict
  // from the dropped frames (H.265 8.1.3: no end of sequence precedes the CRA, so a decoder
  // would decode them): the run of RASL frames right after frame 23 in decoding order.
  const rasl: number[] = [];
  for (let i = 24; i < clean.frames.length && (clean.frames[i]!.flags & FrameFlag.rasl) !== 0; i++) rasl.push(i);
  assert.ok(rasl.length > 0, 'x265 open GOP: the CRA has leading RASL pictures');
  const kept = range(0, 100).filter((i) => (i < 10 || i >= 23) && !rasl.includes(i));
  const c = pipeline.counters();
  assert.deepEqual([c.framesIn, c.framesOut, c.framesDropped, c.framesRepaired], [100, kept.length, 100 - kept.length, 1]);
  assert.deepEqual(out.map((f) => f.index), kept);
  assert.deepEqual(pipeline.repairs(), [{ kind: 'strip-trailing-nal', frameIndex: 3, nalType: 45, bytesRemoved: 3 }]);
  const after = inspectBuffer(annexBStream(out));
  assert.equal(after.frames.length, kept.length);
  assert.deepEqual(after.issues.filter((i) => atLeast(i.severity, 'medium')).map((i) => i.name), []);
  const text = await registry.metrics();
  assert.match(text, /^errors_detected_total\{error_type="frame_corruption",severity="high"\} 1$/m);
});

test('length-prefixed samples with timestamps come out as Annex B frames with the same NAL units', { skip }, () => {
  const one = new Uint8Array(readFileSync(FIXTURE));
  const clean = inspectBuffer(one);
  const samples = clean.frames.map((f) => {
    const nals = clean.nals.filter((n) => n.frame === f.index);
    const out = new Uint8Array(nals.reduce((s, n) => s + 4 + n.size, 0));
    let at = 0;
    for (const n of nals) {
      new DataView(out.buffer).setUint32(at, n.size);
      out.set(one.subarray(n.offset, n.offset + n.size), at + 4);
      at += 4 + n.size;
    }
    return out;
  });
  const pipeline = new IngestPipeline({
    streamId: 'avcc',
    source: new Inspector({ framing: 'length-prefixed', lengthSize: 4 }),
    framing: 'length-prefixed',
    clock: new ManualClock(),
  });
  const out: OutFrame[] = [];
  samples.forEach((s, i) => out.push(...pipeline.pushSample(s, { pts: 3600 * i, dts: 3600 * i })));
  out.push(...pipeline.end());
  assert.equal(out.length, 50);
  assert.deepEqual(out.slice(0, 3).map((f) => f.pts), [0, 3600, 7200]);
  for (const f of out) assert.deepEqual(nalsOf(f.bytes), nalsOf(one.subarray(clean.frames[f.index]!.offset, clean.frames[f.index]!.offset + clean.frames[f.index]!.size)));
  assert.deepEqual(inspectBuffer(annexBStream(out)).issues.filter((i) => atLeast(i.severity, 'medium')), []);
});
