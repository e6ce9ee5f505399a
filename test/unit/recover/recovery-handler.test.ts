import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecoveryEngine } from '../../../src/recover/recovery-engine.js';
import { RecoveryHandler } from '../../../src/recover/recovery-handler.js';
import { ManualClock, type Sleep } from '../../../src/recover/clock.js';
import { defaultStrategies } from '../../../src/recover/strategies/index.js';
import { StreamBreakers } from '../../../src/breaker/stream-breakers.js';
import { isStreamError, type StreamError } from '../../../src/detect/stream-error.js';
import { FakeStream, streamError } from '../helpers/fake-stream.js';

function setup(connectResults: boolean[], maxRetries = 3) {
  const clock = new ManualClock(0);
  const waits: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    if (signal?.aborted) throw signal.reason;
    waits.push(ms);
    clock.advance(ms);
  };
  const engine = new RecoveryEngine({
    clock,
    sleep,
    strategies: defaultStrategies({ network: { maxRetries, initialDelayMs: 100, jitter: 'none' } }),
    breakers: new StreamBreakers({ clock, breaker: { failureThreshold: 100 } }),
  });
  const stream = new FakeStream();
  let i = 0;
  stream.perform = (op) => {
    stream.calls.push(['perform', op.kind]);
    return op.kind === 'reconnect' ? Promise.resolve(connectResults[i++] ?? false) : true;
  };
  const handler = new RecoveryHandler({ engine, stream, clock, sleep });
  return { clock, waits, engine, stream, handler };
}

test('handleError: reconnect with backoff until success; the retry count resets', async () => {
  const { handler, stream, waits } = setup([false, false, true]);
  const r = await handler.handleError(streamError('network_disconnect', 'high'));
  assert.equal(r.recovered, true);
  assert.equal(r.outcomes.length, 3);
  assert.deepEqual(waits, [100, 200, 400]);
  assert.equal(stream.retries, 0);
});

test('handleError: max retries → terminate', async () => {
  const { handler, stream, waits } = setup([false, false, false, false]);
  const r = await handler.handleError(streamError('network_disconnect', 'high'));
  assert.deepEqual([r.recovered, r.terminated], [false, true]);
  assert.deepEqual(r.outcomes.map((o) => o.result.action.kind), ['reconnect', 'reconnect', 'reconnect', 'terminate']);
  assert.deepEqual(waits, [100, 200, 400]);
  assert.deepEqual(stream.calls.at(-1), ['perform', 'terminate']);
});

test('handleError: auth failure terminates after one attempt, no retry', async () => {
  const { handler } = setup([]);
  const r = await handler.handleError(streamError('auth_failure', 'critical'));
  assert.deepEqual([r.terminated, r.outcomes.length], [true, 1]);
});

test('handleError: an aborted signal cancels the loop', async () => {
  const clock = new ManualClock();
  const ac = new AbortController();
  const engine = new RecoveryEngine({ clock, sleep: async () => {} });
  const stream = new FakeStream();
  stream.perform = () => {
    ac.abort();
    return Promise.resolve(false);
  };
  const handler = new RecoveryHandler({ engine, stream, clock, signal: ac.signal });
  const r = await handler.handleError(streamError('network_disconnect', 'high'));
  assert.deepEqual([r.recovered, r.terminated, r.outcomes.length], [false, false, 1]);
});

test('executeWithRecovery: recovers and re-runs the operation', async () => {
  const { handler } = setup([true]);
  let runs = 0;
  const v = await handler.executeWithRecovery(async () => {
    runs++;
    if (runs === 1) throw new Error('ECONNRESET');
    return 'data';
  });
  assert.deepEqual([v, runs], ['data', 2]);
});

test('executeWithRecovery: throws the StreamError when recovery gives up', async () => {
  const { handler } = setup([false, false, false, false], 2);
  await assert.rejects(
    handler.executeWithRecovery(() => {
      throw new Error('ECONNREFUSED');
    }),
    (e: unknown) => isStreamError(e) && (e as StreamError).type === 'network_disconnect' && (e as StreamError).message === 'ECONNREFUSED',
  );
});

test('executeWithRecovery: a thrown StreamError keeps its type', async () => {
  const { handler } = setup([]);
  await assert.rejects(
    handler.executeWithRecovery(() => {
      throw streamError('auth_failure', 'critical');
    }),
    (e: unknown) => isStreamError(e) && e.type === 'auth_failure',
  );
});
