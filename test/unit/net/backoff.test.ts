import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelays, createBackoff, type JitterMode } from '../../../src/net/backoff.js';
import { seededRandom } from '../../../src/recover/random.js';

const ATTEMPTS = 10_000;

for (const jitter of ['full', 'decorrelated'] as JitterMode[]) {
  test(`${jitter} jitter over 10^4 attempts: finite, >= 0, <= cap, jittered`, () => {
    const b = createBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter, random: seededRandom(7) });
    const delays = Array.from({ length: ATTEMPTS }, () => b.next());
    assert.equal(b.attempt, ATTEMPTS);
    for (const d of delays) {
      assert.ok(Number.isFinite(d), `not finite: ${d}`);
      assert.ok(d >= 0 && d <= 30_000, `out of range: ${d}`);
    }
    const late = delays.slice(100);
    const distinct = new Set(late.map((d) => Math.round(d))).size;
    assert.ok(distinct > 5000, `only ${distinct} distinct delays: not jittered`);
    const atCap = late.filter((d) => d === 30_000).length;
    assert.ok(atCap < late.length / 2, `${atCap} delays pinned at the cap`);
    const mean = late.reduce((s, d) => s + d, 0) / late.length;
    // full jitter: uniform on [0, cap] → mean ≈ cap / 2; decorrelated: well inside (0, cap)
    if (jitter === 'full') assert.ok(Math.abs(mean - 15_000) < 600, `mean ${mean}`);
    else assert.ok(mean > 5_000 && mean < 29_000, `mean ${mean}`);
  });
}

test('no jitter: exact exponential sequence capped at maxDelayMs, finite forever', () => {
  const b = createBackoff({ initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, jitter: 'none' });
  assert.deepEqual(
    Array.from({ length: 6 }, () => b.next()),
    [100, 200, 400, 800, 1000, 1000],
  );
  for (let i = 0; i < ATTEMPTS; i++) assert.equal(b.next(), 1000);
});

test('zero base delay with a huge attempt count stays 0, never NaN', () => {
  const b = createBackoff({ initialDelayMs: 0, maxDelayMs: 1000, jitter: 'none' });
  for (let i = 0; i < 2000; i++) assert.equal(b.next(), 0);
});

test('full jitter draws within the current exponential ceiling', () => {
  const b = createBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full', random: () => 0.5 });
  assert.deepEqual(Array.from({ length: 4 }, () => b.next()), [50, 100, 200, 400]);
});

test('decorrelated jitter: uniform in [base, 3 × previous], capped', () => {
  const b = createBackoff({ initialDelayMs: 100, maxDelayMs: 1000, jitter: 'decorrelated', random: () => 1 });
  assert.deepEqual(Array.from({ length: 4 }, () => b.next()), [300, 900, 1000, 1000]);
  const low = createBackoff({ initialDelayMs: 100, maxDelayMs: 1000, jitter: 'decorrelated', random: () => 0 });
  assert.deepEqual(Array.from({ length: 3 }, () => low.next()), [100, 100, 100]);
});

test('reset starts the sequence again', () => {
  const b = createBackoff({ initialDelayMs: 10, maxDelayMs: 1000, jitter: 'none' });
  b.next();
  b.next();
  b.reset();
  assert.equal(b.attempt, 0);
  assert.equal(b.next(), 10);
});

test('invalid options throw', () => {
  assert.throws(() => createBackoff({ initialDelayMs: 10, maxDelayMs: 5 }), RangeError);
  assert.throws(() => createBackoff({ multiplier: 0.5 }), RangeError);
  assert.throws(() => createBackoff({ maxDelayMs: Infinity }), RangeError);
});

test('backoffDelays yields the same sequence as createBackoff', () => {
  const gen = backoffDelays({ initialDelayMs: 50, maxDelayMs: 300, jitter: 'none' });
  assert.deepEqual(Array.from({ length: 5 }, () => gen.next().value), [50, 100, 200, 300, 300]);
});
