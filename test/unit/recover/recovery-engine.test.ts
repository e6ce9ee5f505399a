import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { RecoveryEngine } from '../../../src/recover/recovery-engine.js';
import { StreamBreakers } from '../../../src/breaker/stream-breakers.js';
import { RecoveryMetrics } from '../../../src/metrics/recovery-metrics.js';
import { ManualClock } from '../../../src/recover/clock.js';
import { SmartRecovery } from '../../../src/smart/smart-recovery.js';
import { seededRandom } from '../../../src/recover/random.js';
import type { RecoveryStrategy } from '../../../src/recover/strategy.js';
import { result } from '../../../src/recover/action.js';
import { buildFrame, FakeStream, streamError } from '../helpers/fake-stream.js';

const ctx = { nowMs: 0, attempt: 1 };

function setup(failureThreshold = 5) {
  const clock = new ManualClock(0);
  const registry = new Registry();
  const breakers = new StreamBreakers({ clock, breaker: { failureThreshold, resetTimeoutMs: 1000, successThreshold: 1 } });
  const metrics = new RecoveryMetrics({ registry, breakers });
  const engine = new RecoveryEngine({ clock, breakers, metrics, sleep: async () => {} });
  return { clock, registry, breakers, metrics, engine };
}

async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  const v = m?.values.find((x) => Object.entries(labels).every(([k, l]) => x.labels[k] === l));
  return v?.value ?? 0;
}

test('applies the chosen action to the stream and records statistics and metrics', async () => {
  const { engine, registry } = setup();
  const stream = new FakeStream();
  stream.frame = buildFrame(3, [Uint8Array.of(0x41, 1)], { reference: false });
  const out = engine.recover(ctx, stream, streamError('frame_corruption', 'medium'));
  assert.equal(out.strategy, 'frame-corruption');
  assert.equal(out.success, true);
  assert.deepEqual(stream.calls, [['dropFrame', false]]);
  const snap = engine.statistics.snapshot();
  assert.deepEqual([snap.totalAttempts, snap.successes], [1, 1]);
  assert.deepEqual(snap.byStrategy, { 'frame-corruption': { attempts: 1, successes: 1 } });
  assert.equal(await value(registry, 'recovery_attempts_total', { error_type: 'frame_corruption', strategy: 'frame-corruption' }), 1);
  assert.equal(await value(registry, 'recovery_successes_total', { error_type: 'frame_corruption', strategy: 'frame-corruption' }), 1);
});

test('reset-to-gop resets and requests a keyframe', () => {
  const { engine } = setup();
  const stream = new FakeStream();
  engine.recover(ctx, stream, streamError('frame_corruption', 'high'));
  assert.deepEqual(stream.calls, [['resetToGop'], ['requestKeyframe', 'reset-to-gop']]);
});

test('failures open the stream breaker; while open no strategy runs and the frame is dropped', async () => {
  const { engine, registry, breakers } = setup(2);
  const stream = new FakeStream();
  stream.performResult = { reconnect: false };
  // timeout/high → reconnect, which fails: one failure each (no alternative strategy competes)
  await engine.recover(ctx, stream, streamError('timeout', 'high')).success;
  await engine.recover(ctx, stream, streamError('timeout', 'high')).success;
  assert.equal(breakers.get('s1').state, 'open');
  stream.calls = [];
  stream.frame = buildFrame(9, [Uint8Array.of(0x41, 1)], { reference: true });
  const refused = engine.recover(ctx, stream, streamError('frame_corruption', 'low'));
  assert.deepEqual([refused.attempted, refused.strategy, refused.success], [false, 'circuit-open', false]);
  assert.deepEqual(stream.calls, [['dropFrame', true]]);
  assert.equal(engine.statistics.snapshot().totalAttempts, 2, 'refusals are not attempts');
  assert.equal(await value(registry, 'circuit_breaker_trips_total'), 1);
  assert.equal(await value(registry, 'circuit_breaker_state', { state: 'open' }), 1);
});

test('asynchronous actions settle later; the breaker and statistics see the final outcome', async () => {
  const { engine, clock } = setup();
  const stream = new FakeStream();
  let resolve!: (ok: boolean) => void;
  stream.performResult = { reconnect: new Promise<boolean>((r) => (resolve = r)) };
  const out = engine.recover(ctx, stream, streamError('network_disconnect', 'high'));
  assert.ok(out.success instanceof Promise);
  assert.equal(engine.statistics.snapshot().totalAttempts, 0);
  clock.advance(250);
  resolve(false);
  assert.equal(await out.success, false);
  const snap = engine.statistics.snapshot();
  assert.deepEqual([snap.totalAttempts, snap.failures, snap.slowestDurationMs], [1, 1, 250]);
  assert.equal(stream.retries, 1, 'a failed reconnect increments the retry counter');
});

test('a non-recoverable error always ends in terminate, whatever the strategy says', () => {
  const permissive: RecoveryStrategy = {
    name: 'ignore',
    priority: 1,
    canHandle: () => true,
    recover: () => result({ kind: 'none', reason: 'ignored' }, 'ignored'),
  };
  const engine = new RecoveryEngine({ strategies: [permissive], clock: new ManualClock() });
  const stream = new FakeStream();
  const out = engine.recover(ctx, stream, streamError('auth_failure', 'critical'));
  assert.deepEqual([out.result.action.kind, out.result.shouldTerminate], ['terminate', true]);
  assert.deepEqual(stream.calls, [['perform', 'terminate']]);
});

test('a throwing strategy is a failed attempt, not a crash', () => {
  const broken: RecoveryStrategy = {
    name: 'broken',
    priority: 1,
    canHandle: () => true,
    recover: () => {
      throw new Error('bug');
    },
  };
  const engine = new RecoveryEngine({ strategies: [broken], clock: new ManualClock() });
  const out = engine.recover(ctx, new FakeStream(), streamError('timeout', 'low'));
  assert.deepEqual([out.success, out.result.action.kind], [false, 'none']);
  assert.match(out.result.message, /threw: Error: bug/);
});

test('smart recovery picks among eligible strategies and reports its confidence', () => {
  const clock = new ManualClock();
  const engine = new RecoveryEngine({ clock, smart: new SmartRecovery({ random: seededRandom(3) }) });
  const stream = new FakeStream();
  stream.frame = buildFrame(1, [Uint8Array.of(0x41, 1)], { reference: false });
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const out = engine.recover(ctx, stream, streamError('frame_corruption', 'medium'));
    seen.add(out.strategy);
    assert.ok(out.confidence !== null && out.confidence >= 0 && out.confidence <= 1);
  }
  assert.deepEqual([...seen].sort(), ['drop-frame', 'frame-corruption', 'reset-to-gop']);
});

test('forgetStream removes the breaker entry', () => {
  const { engine, breakers } = setup();
  engine.recover(ctx, new FakeStream('gone'), streamError('timeout', 'low'));
  assert.equal(breakers.has('gone'), true);
  engine.forgetStream('gone');
  assert.equal(breakers.has('gone'), false);
});

test('after the ladder strategy fails, the success-rate ranking tries the alternative', () => {
  const { engine } = setup();
  const stream = new FakeStream();
  stream.performResult = { restart: false };
  const first = engine.recover(ctx, stream, streamError('frame_corruption', 'critical'));
  const second = engine.recover(ctx, stream, streamError('frame_corruption', 'critical'));
  assert.deepEqual([first.strategy, first.success], ['frame-corruption', false]);
  assert.deepEqual([second.strategy, second.success], ['reset-to-gop', true]);
});
