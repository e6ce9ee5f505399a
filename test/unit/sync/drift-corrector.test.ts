import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DriftCorrector } from '../../../src/sync/drift-corrector.js';
import type { DriftDecision } from '../../../src/sync/drift-decision.js';
import { audioLeadMs, PTS_MODULUS, ptsDiff } from '../../../src/sync/pts.js';
import { seededRandom } from '../../../src/recover/random.js';

const SAMPLE_MS = 40; // one sample per video frame at 25 fps

interface Acted {
  atMs: number;
  decision: Exclude<DriftDecision, { kind: 'none' }>;
}

function run(lead: (tMs: number) => number, durationMs: number, dc = new DriftCorrector()): Acted[] {
  const acted: Acted[] = [];
  for (let t = 0; t <= durationMs; t += SAMPLE_MS) {
    const d = dc.observe(lead(t), t);
    if (d.kind !== 'none') acted.push({ atMs: t, decision: d });
  }
  return acted;
}

test('30 ppm clock drift over 2 h → only gradual slews, and the correction follows the drift', () => {
  const dc = new DriftCorrector();
  const acted = run((t) => 30e-6 * t, 2 * 3600_000, dc);
  assert.deepEqual([...new Set(acted.map((a) => a.decision.kind))], ['slew']);
  // 216 ms accumulate; the first slew fires past +40 ms, each later one after ~20 ms more
  assert.equal(acted.length, 9);
  for (const a of acted) assert.equal(a.decision.kind === 'slew' && a.decision.rate, 0.01);
  const { correctionMs } = dc.state();
  assert.ok(Math.abs(30e-6 * 2 * 3600_000 - correctionMs) <= 40, `correction ${correctionMs}`);
});

test('±30 ms zero-mean jitter for 10 min → no action', () => {
  const random = seededRandom(42);
  assert.deepEqual(run(() => (random() * 2 - 1) * 30, 10 * 60_000), []);
});

test('+150 ms step → exactly one buffer adjustment of 4 whole frames', () => {
  const acted = run((t) => (t >= 10_000 ? 150 : 0), 60_000);
  assert.equal(acted.length, 1);
  assert.deepEqual(acted[0]!.decision, { kind: 'buffer-adjust', driftMs: 150, frames: 4, adjustMs: 160 });
  assert.equal(acted[0]!.atMs, 10_200, 'confirmed after the 200 ms step window');
});

test('−80 ms step → gradual only (one slew back into the deadband)', () => {
  const dc = new DriftCorrector();
  const acted = run((t) => (t >= 5_000 ? -80 : 0), 120_000, dc);
  assert.equal(acted.length, 1);
  assert.equal(acted[0]!.decision.kind, 'slew');
  assert.equal(acted[0]!.decision.kind === 'slew' && acted[0]!.decision.rate, -0.01);
  const s = dc.state();
  assert.equal(s.slewing, false);
  assert.ok(Math.abs(s.emaMs) <= 20 + 1e-9, `residual ${s.emaMs} outside the deadband`);
  assert.ok(Math.abs(s.correctionMs + 60) < 1, `correction ${s.correctionMs}`);
});

test('+2.5 s jump → exactly one resync, flagged as a discontinuity', () => {
  const acted = run((t) => (t >= 3_000 ? 2_500 : 0), 30_000);
  assert.deepEqual(acted, [{ atMs: 3_200, decision: { kind: 'resync', driftMs: 2_500, discontinuity: true } }]);
});

test('+1.5 s held → one resync after 1 s of persistence', () => {
  const acted = run((t) => (t >= 3_000 ? 1_500 : 0), 30_000);
  assert.deepEqual(acted, [{ atMs: 4_000, decision: { kind: 'resync', driftMs: 1_500, discontinuity: false } }]);
});

test('+1.2 s for 500 ms, then back → no action', () => {
  assert.deepEqual(run((t) => (t >= 3_000 && t < 3_500 ? 1_200 : 0), 30_000), []);
});

test('a single-sample spike of +600 ms is ignored', () => {
  assert.deepEqual(run((t) => (t === 4_000 ? 600 : 0), 20_000), []);
});

test('+45 ms acts (audio lead beyond +40) but −45 ms does not (lag threshold −60)', () => {
  const lead = run((t) => (t >= 1_000 ? 45 : 0), 60_000);
  assert.equal(lead.length, 1);
  assert.equal(lead[0]!.decision.kind, 'slew');
  assert.equal(lead[0]!.decision.kind === 'slew' && lead[0]!.decision.rate, 0.01);
  assert.deepEqual(run((t) => (t >= 1_000 ? -45 : 0), 60_000), []);
});

test('33-bit PTS wrap is not drift', () => {
  const dc = new DriftCorrector();
  const start = PTS_MODULUS - 90 * 2_000; // 2 s before the wrap
  const acted: DriftDecision[] = [];
  for (let t = 0; t <= 10_000; t += SAMPLE_MS) {
    const video = (start + t * 90) % PTS_MODULUS;
    const audio = (start + t * 90 + 900) % PTS_MODULUS; // audio 10 ms ahead, wraps 10 ms earlier
    const d = dc.observePts(video, audio, t);
    if (d.kind !== 'none') acted.push(d);
  }
  assert.deepEqual(acted, []);
  assert.ok(Math.abs(dc.state().emaMs - 10) < 0.5);
  assert.equal(audioLeadMs(PTS_MODULUS - 450, 450), 10);
  assert.equal(audioLeadMs(450, PTS_MODULUS - 450), -10);
  assert.equal(ptsDiff(5, PTS_MODULUS - 5), 10);
});

test('reset forgets the correction', () => {
  const dc = new DriftCorrector();
  run((t) => (t >= 1_000 ? 150 : 0), 5_000, dc);
  assert.equal(dc.state().correctionMs, 160);
  dc.reset();
  assert.deepEqual(dc.state(), { emaMs: 0, correctionMs: 0, slewing: false, resyncHeldSinceMs: null, pendingStep: false });
});
