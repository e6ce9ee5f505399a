import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Severity } from '../../../src/inspect/types.js';
import {
  AuthFailureStrategy,
  BufferOverflowStrategy,
  CodecFailureStrategy,
  defaultStrategies,
  FrameCorruptionStrategy,
  NetworkRecoveryStrategy,
  PacketLossStrategy,
  ResourceExhaustionStrategy,
  SyncLossStrategy,
  TimeoutStrategy,
} from '../../../src/recover/strategies/index.js';
import type { RecoveryAction } from '../../../src/recover/action.js';
import type { RecoveryStrategy } from '../../../src/recover/strategy.js';
import { ERROR_TYPES } from '../../../src/detect/error-types.js';
import { buildFrame, FakeStream, streamError } from '../helpers/fake-stream.js';

const ctx = { nowMs: 0, attempt: 1 };
const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

function actions(s: RecoveryStrategy, type: Parameters<typeof streamError>[0], stream = new FakeStream()): Record<Severity, RecoveryAction['kind']> {
  return Object.fromEntries(SEVERITIES.map((sev) => [sev, s.recover(ctx, stream, streamError(type, sev)).action.kind])) as Record<
    Severity,
    RecoveryAction['kind']
  >;
}

test('every error type has a strategy in the default set', () => {
  const strategies = defaultStrategies();
  for (const type of ERROR_TYPES) {
    assert.ok(strategies.some((s) => s.canHandle(streamError(type, 'high'))), type);
  }
});

test('strategies decide without acting on the stream', () => {
  const stream = new FakeStream();
  stream.frame = buildFrame(1, [Uint8Array.of(0x41, 1)]);
  for (const s of defaultStrategies()) {
    for (const type of ERROR_TYPES) {
      for (const sev of SEVERITIES) if (s.canHandle(streamError(type, sev))) s.recover(ctx, stream, streamError(type, sev));
    }
  }
  assert.deepEqual(stream.calls, []);
});

test('frame corruption ladder: low repair/none, medium drop, high reset-to-GOP, critical restart', () => {
  const s = new FrameCorruptionStrategy();
  const stream = new FakeStream();
  stream.frame = buildFrame(4, [Uint8Array.of(0x41, 1)], { reference: false });
  assert.deepEqual(actions(s, 'frame_corruption', stream), {
    info: 'none',
    low: 'none',
    medium: 'drop-frame',
    high: 'reset-to-gop',
    critical: 'restart',
  });
  const drop = s.recover(ctx, stream, streamError('frame_corruption', 'medium')).action;
  assert.deepEqual(drop, { kind: 'drop-frame', dependents: false });
  stream.frame = buildFrame(5, [Uint8Array.of(0x41, 1)], { reference: true });
  assert.deepEqual(s.recover(ctx, stream, streamError('frame_corruption', 'medium')).action, {
    kind: 'drop-frame',
    dependents: true,
  });
});

test('frame corruption low: repairs when there is something to repair', () => {
  const s = new FrameCorruptionStrategy();
  const stream = new FakeStream();
  stream.meta = { ...stream.meta, usesAud: true };
  stream.frame = buildFrame(2, [Uint8Array.of(0x41, 0x9a)]);
  const r = s.recover(ctx, stream, streamError('frame_corruption', 'low'));
  assert.equal(r.action.kind, 'repair');
  assert.equal(r.message, 'repaired frame 2: insert-aud');
  assert.deepEqual(r.action.kind === 'repair' && [...r.action.bytes], [0x09, 0xf0, 0, 0, 0, 1, 0x41, 0x9a]);
});

test('packet loss ladder', () => {
  assert.deepEqual(actions(new PacketLossStrategy(), 'packet_loss'), {
    info: 'none',
    low: 'none',
    medium: 'request-keyframe',
    high: 'reset-to-gop',
    critical: 'restart',
  });
});

test('timeout: keyframe request with a recheck below high, reconnect from high up', () => {
  const s = new TimeoutStrategy(750);
  const stream = new FakeStream();
  const medium = s.recover(ctx, stream, streamError('timeout', 'medium', { idleMs: 5000 }));
  assert.deepEqual([medium.action.kind, medium.retryAfterMs], ['request-keyframe', 750]);
  stream.retries = 2;
  assert.deepEqual(s.recover(ctx, stream, streamError('timeout', 'high')).action, { kind: 'reconnect', attempt: 3, delayMs: 0 });
});

test('buffer overflow sheds and shrinks; critical keeps one GOP', () => {
  const s = new BufferOverflowStrategy();
  const stream = new FakeStream();
  assert.deepEqual(s.recover(ctx, stream, streamError('buffer_overflow', 'medium')).action, { kind: 'shed', factor: 0.75 });
  assert.deepEqual(s.recover(ctx, stream, streamError('buffer_overflow', 'high')).action, { kind: 'shed', factor: 0.5 });
  assert.deepEqual(s.recover(ctx, stream, streamError('buffer_overflow', 'critical')).action, {
    kind: 'release-memory',
    keepGops: 1,
  });
});

test('codec failure: parameter change → re-initialise; unsupported → terminate; else reset', () => {
  const s = new CodecFailureStrategy();
  const stream = new FakeStream();
  assert.equal(s.recover(ctx, stream, streamError('codec_failure', 'medium', { codecReason: 'parameter-change' })).action.kind, 'reinitialise');
  const unsupported = s.recover(ctx, stream, streamError('codec_failure', 'critical', { codecReason: 'unsupported' }));
  assert.deepEqual([unsupported.action.kind, unsupported.shouldTerminate, unsupported.success], ['terminate', true, false]);
  assert.equal(s.recover(ctx, stream, streamError('codec_failure', 'high')).action.kind, 'reset-to-gop');
});

test('auth failure: terminate, no retry', () => {
  const r = new AuthFailureStrategy().recover(ctx, new FakeStream(), streamError('auth_failure', 'critical'));
  assert.deepEqual([r.action.kind, r.shouldTerminate, r.retryAfterMs], ['terminate', true, undefined]);
});

test('resource exhaustion: release memory, critical terminates', () => {
  assert.deepEqual(actions(new ResourceExhaustionStrategy(), 'resource_exhaustion'), {
    info: 'release-memory',
    low: 'release-memory',
    medium: 'release-memory',
    high: 'release-memory',
    critical: 'terminate',
  });
});

test('sync loss follows the corrector decision, else classifies the drift', () => {
  const s = new SyncLossStrategy();
  const stream = new FakeStream();
  const fromDecision = s.recover(
    ctx,
    stream,
    streamError('sync_loss', 'medium', { drift: { kind: 'buffer-adjust', driftMs: 150, frames: 4, adjustMs: 160 } }),
  );
  assert.deepEqual(fromDecision.action, { kind: 'buffer-adjust', frames: 4, adjustMs: 160, driftMs: 150 });
  assert.deepEqual(s.recover(ctx, stream, streamError('sync_loss', 'low', { driftMs: 50 })).action, {
    kind: 'slew',
    rate: 0.01,
    driftMs: 50,
  });
  assert.deepEqual(s.recover(ctx, stream, streamError('sync_loss', 'medium', { driftMs: -300 })).action, {
    kind: 'buffer-adjust',
    frames: -8,
    adjustMs: -320,
    driftMs: -300,
  });
  stream.driftMs = 2500;
  assert.deepEqual(s.recover(ctx, stream, streamError('sync_loss', 'high')).action, { kind: 'resync', driftMs: 2500 });
  stream.driftMs = 10;
  assert.equal(s.recover(ctx, stream, streamError('sync_loss', 'low')).action.kind, 'none');
});

test('network recovery: backoff delays by retry count, terminate at max retries, fresh backoff after a success', () => {
  const s = new NetworkRecoveryStrategy({ maxRetries: 3, initialDelayMs: 100, jitter: 'none' });
  const stream = new FakeStream();
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = s.recover(ctx, stream, streamError('network_disconnect', 'high'));
    assert.equal(r.action.kind, 'reconnect');
    if (r.action.kind === 'reconnect') {
      assert.equal(r.action.attempt, i + 1);
      delays.push(r.action.delayMs);
    }
    assert.equal(r.retryAfterMs, 0);
    stream.incrementRetry();
  }
  assert.deepEqual(delays, [100, 200, 400]);
  const last = s.recover(ctx, stream, streamError('network_disconnect', 'high'));
  assert.deepEqual([last.action.kind, last.shouldTerminate], ['terminate', true]);
  stream.resetRetries();
  const again = s.recover(ctx, stream, streamError('network_disconnect', 'high'));
  assert.deepEqual(again.action, { kind: 'reconnect', attempt: 1, delayMs: 100 });
});
