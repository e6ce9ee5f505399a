import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StrategySelector, fallbackStrategy } from '../../../src/recover/strategy-selector.js';
import { FixedActionStrategy } from '../../../src/recover/strategies/fixed-action.js';
import { RecoveryStatistics } from '../../../src/metrics/recovery-statistics.js';
import { FakeStream, streamError } from '../helpers/fake-stream.js';

function fixed(name: string, priority: number, severities: ('low' | 'medium' | 'high')[] = ['medium', 'high']) {
  return new FixedActionStrategy({
    name,
    priority,
    types: ['frame_corruption'],
    severities,
    action: () => ({ kind: 'none', reason: name }),
    message: name,
  });
}

function record(stats: RecoveryStatistics, strategy: string, successes: number, failures: number): void {
  for (let i = 0; i < successes + failures; i++) {
    stats.record({
      streamId: 's',
      errorType: 'frame_corruption',
      severity: 'medium',
      strategy,
      action: 'none',
      success: i < successes,
      durationMs: 1,
      atMs: 0,
    });
  }
}

test('filters by canHandle (type and severity)', () => {
  const sel = new StrategySelector([fixed('a', 1, ['low']), fixed('b', 1, ['high'])]);
  assert.deepEqual(sel.candidates(streamError('frame_corruption', 'high')).map((s) => s.name), ['b']);
  assert.deepEqual(sel.candidates(streamError('timeout', 'high')), []);
});

test('without history, ranks by priority', () => {
  const sel = new StrategySelector([fixed('low-prio', 1), fixed('high-prio', 9), fixed('mid', 5)]);
  assert.deepEqual(sel.candidates(streamError('frame_corruption', 'medium')).map((s) => s.name), ['high-prio', 'mid', 'low-prio']);
});

test('success rate on this error type outranks priority', () => {
  const stats = new RecoveryStatistics();
  const sel = new StrategySelector([fixed('a', 9), fixed('b', 1)], stats);
  record(stats, 'a', 1, 4); // (1+1)/(5+2) = 0.29
  record(stats, 'b', 4, 1); // (4+1)/(5+2) = 0.71
  assert.equal(sel.select(streamError('frame_corruption', 'medium')).name, 'b');
  // history on another error type does not count
  stats.record({ streamId: 's', errorType: 'timeout', severity: 'medium', strategy: 'a', action: 'none', success: true, durationMs: 1, atMs: 0 });
  assert.equal(sel.select(streamError('frame_corruption', 'medium')).name, 'b');
});

test('falls back to the default strategy, which fails (or terminates when unrecoverable)', () => {
  const sel = new StrategySelector([]);
  assert.equal(sel.select(streamError('timeout', 'low')), fallbackStrategy);
  const ctx = { nowMs: 0, attempt: 1 };
  const r = fallbackStrategy.recover(ctx, new FakeStream(), streamError('timeout', 'low'));
  assert.deepEqual([r.success, r.action.kind], [false, 'none']);
  const auth = fallbackStrategy.recover(ctx, new FakeStream(), streamError('auth_failure', 'high'));
  assert.deepEqual([auth.success, auth.action.kind, auth.shouldTerminate], [false, 'terminate', true]);
});

test('register rejects duplicate names', () => {
  const sel = new StrategySelector([fixed('a', 1)]);
  assert.throws(() => sel.register(fixed('a', 2)), /already registered/);
  sel.register(fixed('b', 2));
  assert.equal(sel.all().length, 2);
});
