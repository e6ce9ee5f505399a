import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../../src/breaker/circuit-breaker.js';
import { isBrokenCircuitError } from '../../../src/breaker/broken-circuit-error.js';
import type { BreakerStateChange } from '../../../src/breaker/breaker-state.js';
import { ManualClock } from '../../../src/recover/clock.js';

function setup(opts: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  const clock = new ManualClock(1000);
  const breaker = new CircuitBreaker({ clock, ...opts });
  const changes: BreakerStateChange[] = [];
  breaker.onStateChange((c) => changes.push(c));
  return { clock, breaker, changes };
}

function fail(b: CircuitBreaker, n: number): void {
  for (let i = 0; i < n; i++) {
    const t = b.tryAcquire();
    assert.ok(t, `acquire ${i} refused`);
    b.failure(t);
  }
}

test('defaults are the documented ones: 5 failures, 30 s, 3 successes', () => {
  const b = new CircuitBreaker();
  assert.equal(b.failureThreshold, 5);
  assert.equal(b.resetTimeoutMs, 30_000);
  assert.equal(b.successThreshold, 3);
  assert.equal(b.state, 'closed');
});

test('closed → open after exactly failureThreshold consecutive failures', () => {
  const { breaker, changes } = setup();
  fail(breaker, 4);
  assert.equal(breaker.state, 'closed');
  fail(breaker, 1);
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.trips, 1);
  assert.deepEqual(changes.map((c) => [c.from, c.to]), [['closed', 'open']]);
  assert.equal(breaker.tryAcquire(), null);
});

test('a success in closed state resets the consecutive failure count', () => {
  const { breaker } = setup();
  fail(breaker, 4);
  const t = breaker.tryAcquire()!;
  breaker.success(t);
  fail(breaker, 4);
  assert.equal(breaker.state, 'closed');
  fail(breaker, 1);
  assert.equal(breaker.state, 'open');
});

test('open → half-open lazily once the reset timeout has passed (no timers)', () => {
  const { breaker, clock, changes } = setup();
  fail(breaker, 5);
  clock.advance(29_999);
  assert.equal(breaker.state, 'open');
  assert.equal(changes.length, 1);
  clock.advance(1);
  assert.equal(changes.length, 1, 'nothing happens until the state is read');
  assert.equal(breaker.state, 'half-open');
  assert.deepEqual(changes.map((c) => c.to), ['open', 'half-open']);
});

test('half-open permits halfOpenMaxProbes probes in flight, then refuses', () => {
  const { breaker, clock } = setup({ halfOpenMaxProbes: 2 });
  fail(breaker, 5);
  clock.advance(30_000);
  const p1 = breaker.tryAcquire();
  const p2 = breaker.tryAcquire();
  assert.equal(p1?.probe, true);
  assert.equal(p2?.probe, true);
  assert.equal(breaker.tryAcquire(), null);
  breaker.success(p1!);
  assert.ok(breaker.tryAcquire(), 'a finished probe frees its slot');
});

test('half-open → closed after successThreshold consecutive successes', () => {
  const { breaker, clock, changes } = setup();
  fail(breaker, 5);
  clock.advance(30_000);
  for (let i = 0; i < 2; i++) breaker.success(breaker.tryAcquire()!);
  assert.equal(breaker.state, 'half-open');
  breaker.success(breaker.tryAcquire()!);
  assert.equal(breaker.state, 'closed');
  assert.deepEqual(changes.map((c) => c.to), ['open', 'half-open', 'closed']);
});

test('any failure in half-open reopens, restarting the reset timeout', () => {
  const { breaker, clock } = setup();
  fail(breaker, 5);
  clock.advance(30_000);
  breaker.success(breaker.tryAcquire()!);
  breaker.success(breaker.tryAcquire()!);
  breaker.failure(breaker.tryAcquire()!);
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.trips, 2);
  clock.advance(29_999);
  assert.equal(breaker.state, 'open');
  clock.advance(1);
  assert.equal(breaker.state, 'half-open');
});

test('results of calls started before a state change are ignored (generation counter)', () => {
  const { breaker, clock } = setup();
  const slow = breaker.tryAcquire()!; // started while closed
  fail(breaker, 5);
  clock.advance(30_000);
  assert.equal(breaker.state, 'half-open');
  assert.equal(breaker.success(slow), false, 'stale success ignored');
  assert.equal(breaker.failure(slow), false, 'stale failure ignored');
  assert.equal(breaker.state, 'half-open');
  const probe = breaker.tryAcquire()!;
  breaker.failure(probe);
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.success(probe), false, 'a probe from the previous half-open period is stale too');
});

test('a stale success cannot close a breaker that opened meanwhile', () => {
  const { breaker } = setup({ failureThreshold: 1 });
  const a = breaker.tryAcquire()!;
  const b = breaker.tryAcquire()!;
  breaker.failure(a);
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.success(b), false);
  assert.equal(breaker.state, 'open');
});

test('max half-open dwell: a half-open breaker that never closes reopens', () => {
  const { breaker, clock, changes } = setup({ maxHalfOpenDwellMs: 5_000, halfOpenMaxProbes: 1 });
  fail(breaker, 5);
  clock.advance(30_000);
  const stuck = breaker.tryAcquire()!; // never reports
  assert.equal(breaker.tryAcquire(), null);
  clock.advance(4_999);
  assert.equal(breaker.state, 'half-open');
  clock.advance(1);
  assert.equal(breaker.state, 'open');
  assert.deepEqual(changes.map((c) => c.to), ['open', 'half-open', 'open']);
  assert.equal(breaker.success(stuck), false);
});

test('isolate holds the breaker open whatever happens; release closes it', () => {
  const { breaker, clock, changes } = setup();
  const release = breaker.isolate();
  assert.equal(breaker.state, 'isolated');
  assert.equal(breaker.tryAcquire(), null);
  clock.advance(10 * 60_000);
  assert.equal(breaker.state, 'isolated', 'no lazy half-open from isolation');
  release();
  assert.equal(breaker.state, 'closed');
  release();
  assert.equal(breaker.state, 'closed');
  assert.deepEqual(changes.map((c) => c.to), ['isolated', 'closed']);
});

test('toJSON / initialState restore the exact state, generation and trips', () => {
  const { breaker, clock } = setup();
  fail(breaker, 5);
  const snap = breaker.toJSON();
  assert.deepEqual(snap, { state: { name: 'open', openedAtMs: 1000 }, generation: 1, trips: 1 });
  const restored = new CircuitBreaker({ clock, initialState: JSON.parse(JSON.stringify(snap)) });
  assert.equal(restored.state, 'open');
  assert.equal(restored.trips, 1);
  clock.advance(30_000);
  assert.equal(restored.state, 'half-open');
  assert.equal(restored.generation, 2);
});

test('execute: success passes the value, failure counts and rethrows, refusal throws BrokenCircuitError', async () => {
  const { breaker } = setup({ failureThreshold: 2 });
  assert.equal(await breaker.execute(() => 42), 42);
  await assert.rejects(breaker.execute(() => Promise.reject(new Error('boom'))), /boom/);
  await assert.rejects(breaker.execute(() => { throw new Error('bang'); }), /bang/);
  assert.equal(breaker.state, 'open');
  await assert.rejects(breaker.execute(() => 1), (e: unknown) => isBrokenCircuitError(e) && e.state === 'open');
});

test('invalid options are rejected', () => {
  assert.throws(() => new CircuitBreaker({ failureThreshold: 0 }), /failureThreshold/);
  assert.throws(() => new CircuitBreaker({ resetTimeoutMs: -1 }), /resetTimeoutMs/);
});
