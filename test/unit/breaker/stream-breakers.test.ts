import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamBreakers, type StreamBreakerStateChange } from '../../../src/breaker/stream-breakers.js';
import { ManualClock } from '../../../src/recover/clock.js';

test('one breaker per stream id, created lazily and reused', () => {
  const reg = new StreamBreakers({ clock: new ManualClock() });
  const a = reg.get('a');
  assert.equal(reg.get('a'), a);
  assert.notEqual(reg.get('b'), a);
  assert.equal(reg.size, 2);
});

test('delete on stream end removes the entry and stops its events', () => {
  const reg = new StreamBreakers({ clock: new ManualClock(), breaker: { failureThreshold: 1 } });
  const seen: StreamBreakerStateChange[] = [];
  reg.onStateChange((c) => seen.push(c));
  const b = reg.get('cam1');
  assert.equal(reg.delete('cam1'), true);
  assert.equal(reg.has('cam1'), false);
  assert.equal(reg.delete('cam1'), false);
  b.failure(b.tryAcquire()!);
  assert.equal(seen.length, 0);
});

test('state changes are forwarded with the stream id', () => {
  const reg = new StreamBreakers({ clock: new ManualClock(), breaker: { failureThreshold: 2 } });
  const seen: StreamBreakerStateChange[] = [];
  reg.onStateChange((c) => seen.push(c));
  const b = reg.get('cam7');
  b.failure(b.tryAcquire()!);
  b.failure(b.tryAcquire()!);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.streamId, 'cam7');
  assert.equal(seen[0]!.to, 'open');
  assert.deepEqual(reg.countByState(), { closed: 0, open: 1, 'half-open': 0, isolated: 0 });
});

test('sweepIdle evicts entries idle past the TTL, keeps recent and isolated ones', () => {
  const clock = new ManualClock(0);
  const reg = new StreamBreakers({ clock, idleTtlMs: 1000 });
  reg.get('old');
  reg.get('isolated').isolate();
  clock.advance(600);
  reg.get('recent');
  clock.advance(401);
  assert.deepEqual(reg.sweepIdle(), ['old']);
  assert.deepEqual(reg.states().map(([id]) => id).sort(), ['isolated', 'recent']);
  clock.advance(1000);
  assert.deepEqual(reg.sweepIdle(), ['recent']);
  assert.equal(reg.size, 1);
});
