import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry, register as globalRegistry } from 'prom-client';
import { RecoveryMetrics, type StreamCounters } from '../../../src/metrics/recovery-metrics.js';
import { StreamBreakers } from '../../../src/breaker/stream-breakers.js';
import { ManualClock } from '../../../src/recover/clock.js';
import { streamError } from '../helpers/fake-stream.js';

async function json(registry: Registry) {
  return registry.getMetricsAsJSON();
}

async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const m = (await json(registry)).find((x) => x.name === name);
  return m?.values.find((x) => Object.entries(labels).every(([k, l]) => x.labels[k] === l))?.value;
}

function counters(over: Partial<StreamCounters> = {}): StreamCounters {
  return { bytesIn: 0, framesIn: 0, framesOut: 0, framesDropped: 0, framesRepaired: 0, issues: 0, ...over };
}

test('registers on the injected registry only, never default metrics', async () => {
  const before = (await globalRegistry.getMetricsAsJSON()).length;
  const registry = new Registry();
  new RecoveryMetrics({ registry });
  const names = (await json(registry)).map((m) => m.name).sort();
  assert.deepEqual(names, [
    'circuit_breaker_state',
    'circuit_breaker_trips_total',
    'error_recovery_rate',
    'errors_detected_total',
    'inspector_bytes_total',
    'inspector_frames_total',
    'inspector_issues_total',
    'pipeline_frames_dropped_total',
    'pipeline_frames_out_total',
    'pipeline_frames_repaired_total',
    'recovery_attempts_total',
    'recovery_duration_seconds',
    'recovery_successes_total',
  ]);
  assert.equal((await globalRegistry.getMetricsAsJSON()).length, before);
});

test('attempts, successes, duration histogram and the recovery rate', async () => {
  const registry = new Registry();
  const m = new RecoveryMetrics({ registry, prefix: 'mi_' });
  m.recordAttempt('frame_corruption', 'frame-corruption', true, 2);
  m.recordAttempt('frame_corruption', 'frame-corruption', false, 3);
  m.recordAttempt('network_disconnect', 'network-recovery', true, 1500);
  assert.equal(await value(registry, 'mi_recovery_attempts_total', { error_type: 'frame_corruption', strategy: 'frame-corruption' }), 2);
  assert.equal(await value(registry, 'mi_recovery_successes_total', { error_type: 'frame_corruption', strategy: 'frame-corruption' }), 1);
  const text = await registry.metrics();
  assert.match(text, /^mi_recovery_duration_seconds_count\{error_type="network_disconnect",strategy="network-recovery"\} 1$/m);
  assert.match(text, /^mi_recovery_duration_seconds_sum\{error_type="network_disconnect",strategy="network-recovery"\} 1\.5$/m);
  assert.match(text, /^mi_recovery_duration_seconds_bucket\{le="1",error_type="network_disconnect",strategy="network-recovery"\} 0$/m);
  assert.match(text, /^mi_recovery_duration_seconds_bucket\{le="5",error_type="network_disconnect",strategy="network-recovery"\} 1$/m);
  assert.equal(await value(registry, 'mi_error_recovery_rate'), 2 / 3);
});

test('errors_detected_total by type and severity', async () => {
  const registry = new Registry();
  const m = new RecoveryMetrics({ registry });
  m.recordError(streamError('timeout', 'medium'));
  m.recordError(streamError('timeout', 'medium'));
  m.recordError(streamError('timeout', 'high'));
  assert.equal(await value(registry, 'errors_detected_total', { error_type: 'timeout', severity: 'medium' }), 2);
  assert.equal(await value(registry, 'errors_detected_total', { error_type: 'timeout', severity: 'high' }), 1);
});

test('breaker state gauge and trips are read from the registry of breakers; per-stream labels opt-in', async () => {
  const registry = new Registry();
  const breakers = new StreamBreakers({ clock: new ManualClock(), breaker: { failureThreshold: 1 } });
  new RecoveryMetrics({ registry, breakers, perStreamLabels: true });
  breakers.get('a');
  const b = breakers.get('b');
  b.failure(b.tryAcquire()!);
  assert.equal(await value(registry, 'circuit_breaker_state', { state: 'closed' }), 1);
  assert.equal(await value(registry, 'circuit_breaker_state', { state: 'open' }), 1);
  assert.equal(await value(registry, 'circuit_breaker_state', { stream_id: 'b' }), 2);
  assert.equal(await value(registry, 'circuit_breaker_trips_total'), 1);
  breakers.delete('b');
  assert.equal(await value(registry, 'circuit_breaker_state', { stream_id: 'b' }), undefined, 'removed with the stream');
  const plain = new Registry();
  new RecoveryMetrics({ registry: plain, breakers });
  const series = (await json(plain)).find((x) => x.name === 'circuit_breaker_state')!.values;
  assert.ok(series.every((v) => v.labels.stream_id === undefined));
});

test('inspector counters are read at scrape time and stay monotonic after a stream ends', async () => {
  const registry = new Registry();
  const m = new RecoveryMetrics({ registry });
  const a = counters({ framesIn: 10, bytesIn: 1000 });
  const b = counters({ framesIn: 5 });
  const removeA = m.addInspectorSource('a', () => a);
  m.addInspectorSource('b', () => b);
  assert.equal(await value(registry, 'inspector_frames_total'), 15);
  a.framesIn = 12;
  assert.equal(await value(registry, 'inspector_frames_total'), 17, 'no increments needed, read on scrape');
  removeA();
  assert.equal(await value(registry, 'inspector_frames_total'), 17);
  assert.equal(await value(registry, 'inspector_bytes_total'), 1000);
  assert.throws(() => m.addInspectorSource('b', () => b), /already registered/);
});
