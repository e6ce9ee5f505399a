import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecoveryStatistics, type RecoveryAttemptRecord } from '../../../src/metrics/recovery-statistics.js';

function rec(over: Partial<RecoveryAttemptRecord>): RecoveryAttemptRecord {
  return {
    streamId: 's',
    errorType: 'frame_corruption',
    severity: 'medium',
    strategy: 'frame-corruption',
    action: 'drop-frame',
    success: true,
    durationMs: 1,
    atMs: 0,
    ...over,
  };
}

test('totals, by type, by strategy, durations', () => {
  const s = new RecoveryStatistics();
  s.record(rec({ durationMs: 4 }));
  s.record(rec({ success: false, durationMs: 10 }));
  s.record(rec({ errorType: 'timeout', strategy: 'timeout', durationMs: 1 }));
  const snap = s.snapshot();
  assert.deepEqual(
    {
      total: snap.totalAttempts,
      ok: snap.successes,
      ko: snap.failures,
      rate: snap.successRate,
      byType: snap.byErrorType,
      byStrategy: snap.byStrategy,
      avg: snap.averageDurationMs,
      fastest: snap.fastestDurationMs,
      slowest: snap.slowestDurationMs,
    },
    {
      total: 3,
      ok: 2,
      ko: 1,
      rate: 2 / 3,
      byType: { frame_corruption: { attempts: 2, successes: 1 }, timeout: { attempts: 1, successes: 1 } },
      byStrategy: { 'frame-corruption': { attempts: 2, successes: 1 }, timeout: { attempts: 1, successes: 1 } },
      avg: 5,
      fastest: 1,
      slowest: 10,
    },
  );
  assert.deepEqual(s.outcomes('frame-corruption', 'frame_corruption'), { attempts: 2, successes: 1 });
  assert.deepEqual(s.outcomes('frame-corruption', 'timeout'), { attempts: 0, successes: 0 });
});

test('recent attempts are bounded, newest last; reset clears everything', () => {
  const s = new RecoveryStatistics({ recentLimit: 3 });
  for (let i = 0; i < 5; i++) s.record(rec({ atMs: i }));
  assert.deepEqual(s.snapshot().recent.map((r) => r.atMs), [2, 3, 4]);
  s.reset();
  const snap = s.snapshot();
  assert.deepEqual([snap.totalAttempts, snap.recent.length, snap.averageDurationMs, snap.successRate], [0, 0, null, 0]);
});
