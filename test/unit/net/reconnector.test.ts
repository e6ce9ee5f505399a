import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reconnector } from '../../../src/net/reconnector.js';
import type { Sleep } from '../../../src/recover/clock.js';

function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms, signal) => {
      waits.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
}

test('retries with backoff until connect succeeds; counter resets on success', async () => {
  const { sleep, waits } = recordingSleep();
  const r = new Reconnector({ maxRetries: 5, initialDelayMs: 100, jitter: 'none', sleep });
  let calls = 0;
  const out = await r.run(async () => {
    calls++;
    if (calls < 3) throw new Error('refused');
    return 'socket';
  });
  assert.deepEqual(out, { ok: true, value: 'socket', attempts: 3 });
  assert.deepEqual(waits, [100, 200]);
  assert.equal(r.consecutiveFailures, 0);
  // backoff restarted after the success
  calls = 0;
  await r.run(async () => {
    calls++;
    if (calls < 2) throw new Error('refused');
    return 'again';
  });
  assert.deepEqual(waits, [100, 200, 100]);
});

test('gives up after maxRetries retries with the last error', async () => {
  const { sleep, waits } = recordingSleep();
  const r = new Reconnector({ maxRetries: 3, initialDelayMs: 10, jitter: 'none', sleep });
  const err = new Error('down');
  const out = await r.run(() => Promise.reject(err));
  assert.deepEqual(out, { ok: false, reason: 'max-retries', attempts: 4, lastError: err });
  assert.deepEqual(waits, [10, 20, 40]);
  assert.equal(r.consecutiveFailures, 4);
});

test('an AbortSignal cancels between attempts and during a wait', async () => {
  const ac = new AbortController();
  const { sleep } = recordingSleep();
  const r = new Reconnector({ maxRetries: 10, jitter: 'none', sleep });
  let calls = 0;
  const out = await r.run(async () => {
    calls++;
    if (calls === 2) ac.abort(new Error('stop'));
    throw new Error('refused');
  }, ac.signal);
  assert.equal(out.ok, false);
  assert.equal(out.ok === false && out.reason, 'aborted');
  assert.equal(calls, 2);

  const pre = new AbortController();
  pre.abort();
  const none = await r.run(async () => 'x', pre.signal);
  assert.deepEqual({ ok: none.ok, attempts: none.attempts }, { ok: false, attempts: 0 });
});

test('a real sleep is interrupted by abort', async () => {
  const ac = new AbortController();
  const r = new Reconnector({ maxRetries: 3, initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 'none' });
  const started = Date.now();
  setTimeout(() => ac.abort(), 5);
  const out = await r.run(() => Promise.reject(new Error('x')), ac.signal);
  assert.equal(out.ok === false && out.reason, 'aborted');
  assert.ok(Date.now() - started < 1000);
});
