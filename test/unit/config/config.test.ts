import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { loadConfig, parseConfig, parseConfigYaml } from '../../../src/config/load-config.js';
import { isConfigError, type ConfigError } from '../../../src/config/config-error.js';
import { parseDurationMs, parseSizeBytes } from '../../../src/config/units.js';
import { didYouMean } from '../../../src/config/did-you-mean.js';
import { createRecoveryEngine, pipelineOptions, toRecoveryOptions } from '../../../src/config/from-config.js';
import { ManualClock } from '../../../src/recover/clock.js';

function issuesOf(fn: () => unknown): Array<[string, string]> {
  try {
    fn();
  } catch (e) {
    assert.ok(isConfigError(e), `not a ConfigError: ${String(e)}`);
    return (e as ConfigError).issues.map((i) => [i.path, i.message]);
  }
  assert.fail('no error thrown');
}

test('an empty document gives every default from the schema', () => {
  const c = parseConfigYaml('');
  assert.deepEqual(c.breaker, {
    failure_threshold: 5,
    reset_timeout: 30_000,
    success_threshold: 3,
    half_open_max_probes: 3,
    max_half_open_dwell: 60_000,
    idle_ttl: 600_000,
  });
  assert.deepEqual(c.retry, { max_retries: 5, initial_delay: 100, max_delay: 30_000, multiplier: 2, jitter: 'full' });
  assert.equal(c.drift.ema_alpha, 1 / 32);
  assert.equal(c.timeouts.no_data_timeout, 5000);
  assert.equal(c.smart_recovery.enabled, false);
  assert.equal(c.metrics.enabled, true);
  assert.equal(c.fault_injection.enabled, false);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.breaker));
});

test('snake_case YAML with duration and size strings', () => {
  const c = parseConfigYaml(`
breaker:
  failure_threshold: 3
  reset_timeout: 10s
retry:
  initial_delay: 250ms
  max_delay: 2m
  jitter: decorrelated
gop_buffer:
  max_bytes: 8MiB
drift:
  lead_threshold: 45ms
`);
  assert.equal(c.breaker.failure_threshold, 3);
  assert.equal(c.breaker.reset_timeout, 10_000);
  assert.equal(c.breaker.success_threshold, 3);
  assert.deepEqual([c.retry.initial_delay, c.retry.max_delay, c.retry.jitter], [250, 120_000, 'decorrelated']);
  assert.equal(c.gop_buffer.max_bytes, 8 * 1024 * 1024);
  assert.equal(c.drift.lead_threshold, 45);
});

test('bad YAML: the message names the line and column', () => {
  assert.deepEqual(issuesOf(() => parseConfigYaml('breaker:\n  failure_threshold: [1,\n', 'cam.yaml')).map(([p]) => p), [
    'line 3, column 1',
  ]);
  const dup = issuesOf(() => parseConfigYaml('breaker: {}\nbreaker: {}\n'));
  assert.equal(dup.length, 1);
  assert.match(dup[0]![1], /^YAML syntax error: Map keys must be unique/);
});

test('wrong types: each message names the path', () => {
  const issues = issuesOf(() =>
    parseConfig({
      breaker: { failure_threshold: 'five', reset_timeout: '30 seconds' },
      retry: { jitter: 'some' },
      gop_buffer: { max_bytes: '8 megs' },
      smart_recovery: { enabled: 'yes' },
    }),
  );
  const paths = issues.map(([p]) => p);
  assert.deepEqual(paths, [
    'breaker.failure_threshold',
    'breaker.reset_timeout',
    'retry.jitter',
    'gop_buffer.max_bytes',
    'smart_recovery.enabled',
  ]);
  assert.equal(issues[1]![1], 'expected a duration like "30s" or "100ms", got "30 seconds"');
  assert.equal(issues[3]![1], 'expected a size like "32MiB" or "500KB", got "8 megs"');
});

test('unknown keys are rejected with a did-you-mean hint and their full path', () => {
  const issues = issuesOf(() =>
    parseConfigYaml('breaker:\n  reset_timout: 5s\n  failureThreshold: 2\nretries: {}\nfault_injection:\n  zzz: 1\n'),
  );
  assert.deepEqual(issues, [
    ['breaker.reset_timout', 'unknown key; did you mean "reset_timeout"?'],
    ['breaker.failureThreshold', 'unknown key; did you mean "failure_threshold"?'],
    [
      'fault_injection.zzz',
      'unknown key; expected one of: enabled, seed, probability, error_types, flip_bits_probability, drop_ts_packet_probability, truncate_nal_probability, cut_connection_probability, audio_shift, stall',
    ],
    ['retries', 'unknown key; did you mean "retry"?'],
  ]);
});

test('cross-field rules name the offending path', () => {
  assert.deepEqual(issuesOf(() => parseConfig({ retry: { initial_delay: '5s', max_delay: '1s' } })), [
    ['retry.initial_delay', 'must be <= retry.max_delay (5000 ms > 1000 ms)'],
  ]);
  assert.deepEqual(issuesOf(() => parseConfig({ drift: { deadband: '50ms' } })).map(([p]) => p), ['drift.deadband']);
  assert.deepEqual(issuesOf(() => parseConfig({ drift: { resync_threshold: '3s' } })).map(([p]) => p), ['drift.resync_threshold']);
});

test('error message lists the source and each issue on its own line', () => {
  try {
    parseConfig({ breaker: { failure_threshold: 0 } }, 'streams.yaml');
    assert.fail('no error');
  } catch (e) {
    assert.equal((e as Error).message, 'invalid configuration in streams.yaml:\n  breaker.failure_threshold: Too small: expected number to be >0');
  }
});

test('loadConfig reads a file; a missing file is a ConfigError naming it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mi-config-'));
  const path = join(dir, 'recovery.yaml');
  await writeFile(path, 'timeouts:\n  no_data_timeout: 2s\n');
  assert.equal((await loadConfig(path)).timeouts.no_data_timeout, 2000);
  await assert.rejects(loadConfig(join(dir, 'missing.yaml')), (e: unknown) => isConfigError(e) && e.source.endsWith('missing.yaml'));
});

test('units and hints', () => {
  assert.equal(parseDurationMs('1.5h'), 5_400_000);
  assert.equal(parseDurationMs('30'), null);
  assert.equal(parseSizeBytes('500KB'), 500_000);
  assert.equal(didYouMean('jiter', ['jitter', 'multiplier']), 'jitter');
  assert.equal(didYouMean('completely_else', ['jitter']), null);
  assert.equal(didYouMean('retries', ['retry', 'metrics']), 'retry');
  assert.equal(didYouMean('gop-buffer', ['gop_buffer', 'drift']), 'gop_buffer');
});

test('config maps onto component options and builds a working engine', () => {
  const c = parseConfigYaml('breaker:\n  reset_timeout: 2s\nsmart_recovery:\n  enabled: true\n  seed: 7\nmetrics:\n  prefix: mi_\n');
  const o = toRecoveryOptions(c);
  assert.deepEqual(o.breaker, {
    failureThreshold: 5,
    resetTimeoutMs: 2000,
    successThreshold: 3,
    halfOpenMaxProbes: 3,
    maxHalfOpenDwellMs: 60_000,
  });
  assert.equal(o.drift.leadThresholdMs, 40);
  const registry = new Registry();
  const built = createRecoveryEngine(c, { registry, clock: new ManualClock() });
  assert.ok(built.smart !== null && built.metrics !== null);
  assert.equal(built.breakers.get('x').resetTimeoutMs, 2000);
  assert.ok(registry.getSingleMetric('mi_recovery_attempts_total'));
  assert.throws(() => createRecoveryEngine(c), /no Registry/);
  const per = pipelineOptions(o);
  assert.deepEqual(per.gopBuffer, { maxGops: 2, maxFrames: 600, maxBytes: 32 * 1024 * 1024, hardLimitFactor: 1.5 });
  assert.equal(per.detector!.noDataTimeoutMs, 5000);
  assert.equal(per.detector!.drift!.thresholds.leadThresholdMs, 40);
  assert.notEqual(pipelineOptions(o).detector!.drift, per.detector!.drift, 'one corrector per stream');
});
