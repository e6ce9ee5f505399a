import type { ErrorType, Severity } from '../inspect/types.js';
import type { RecoveryActionKind } from '../recover/action.js';
import type { SuccessRateSource } from '../recover/strategy-selector.js';

export interface RecoveryAttemptRecord {
  streamId: string;
  errorType: ErrorType;
  severity: Severity;
  strategy: string;
  action: RecoveryActionKind;
  success: boolean;
  durationMs: number;
  atMs: number;
}

export interface OutcomeCount {
  attempts: number;
  successes: number;
}

export interface RecoveryStatisticsSnapshot {
  totalAttempts: number;
  successes: number;
  failures: number;
  /** successes / attempts, or 0 before any attempt. */
  successRate: number;
  byErrorType: Partial<Record<ErrorType, OutcomeCount>>;
  byStrategy: Record<string, OutcomeCount>;
  /** Newest last, at most `recentLimit`. */
  recent: RecoveryAttemptRecord[];
  averageDurationMs: number | null;
  fastestDurationMs: number | null;
  slowestDurationMs: number | null;
}

/** In-process recovery statistics: totals, per error type, per strategy, recent attempts, durations. */
export class RecoveryStatistics implements SuccessRateSource {
  private readonly recentLimit: number;
  private recent: RecoveryAttemptRecord[] = [];
  private total: OutcomeCount = { attempts: 0, successes: 0 };
  private byType = new Map<ErrorType, OutcomeCount>();
  private byStrategy = new Map<string, OutcomeCount>();
  private byPair = new Map<string, OutcomeCount>();
  private durationSumMs = 0;
  private fastestMs: number | null = null;
  private slowestMs: number | null = null;

  constructor(opts: { recentLimit?: number } = {}) {
    this.recentLimit = opts.recentLimit ?? 100;
  }

  record(r: RecoveryAttemptRecord): void {
    bump(this.total, r.success);
    bump(getOrAdd(this.byType, r.errorType), r.success);
    bump(getOrAdd(this.byStrategy, r.strategy), r.success);
    bump(getOrAdd(this.byPair, `${r.strategy}\u0000${r.errorType}`), r.success);
    this.durationSumMs += r.durationMs;
    this.fastestMs = this.fastestMs === null ? r.durationMs : Math.min(this.fastestMs, r.durationMs);
    this.slowestMs = this.slowestMs === null ? r.durationMs : Math.max(this.slowestMs, r.durationMs);
    this.recent.push(r);
    if (this.recent.length > this.recentLimit) this.recent.splice(0, this.recent.length - this.recentLimit);
  }

  outcomes(strategy: string, errorType: ErrorType): OutcomeCount {
    const o = this.byPair.get(`${strategy}\u0000${errorType}`);
    return o ? { ...o } : { attempts: 0, successes: 0 };
  }

  snapshot(): RecoveryStatisticsSnapshot {
    const { attempts, successes } = this.total;
    return {
      totalAttempts: attempts,
      successes,
      failures: attempts - successes,
      successRate: attempts === 0 ? 0 : successes / attempts,
      byErrorType: Object.fromEntries([...this.byType].map(([k, v]) => [k, { ...v }])),
      byStrategy: Object.fromEntries([...this.byStrategy].map(([k, v]) => [k, { ...v }])),
      recent: this.recent.map((r) => ({ ...r })),
      averageDurationMs: attempts === 0 ? null : this.durationSumMs / attempts,
      fastestDurationMs: this.fastestMs,
      slowestDurationMs: this.slowestMs,
    };
  }

  reset(): void {
    this.recent = [];
    this.total = { attempts: 0, successes: 0 };
    this.byType.clear();
    this.byStrategy.clear();
    this.byPair.clear();
    this.durationSumMs = 0;
    this.fastestMs = null;
    this.slowestMs = null;
  }
}

function bump(o: OutcomeCount, success: boolean): void {
  o.attempts++;
  if (success) o.successes++;
}

function getOrAdd<K>(m: Map<K, OutcomeCount>, k: K): OutcomeCount {
  let o = m.get(k);
  if (!o) {
    o = { attempts: 0, successes: 0 };
    m.set(k, o);
  }
  return o;
}
