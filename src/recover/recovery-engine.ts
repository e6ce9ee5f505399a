import { StreamBreakers } from '../breaker/stream-breakers.js';
import type { StreamError } from '../detect/stream-error.js';
import { RecoveryStatistics } from '../metrics/recovery-statistics.js';
import type { RecoveryMetrics } from '../metrics/recovery-metrics.js';
import type { SmartRecovery } from '../smart/smart-recovery.js';
import { result, type RecoveryResult } from './action.js';
import { applyAction } from './apply-action.js';
import { realSleep, systemClock, type Clock, type Sleep } from './clock.js';
import { defaultStrategies } from './strategies/index.js';
import { StrategySelector } from './strategy-selector.js';
import type { RecoverableStream } from './stream.js';
import type { RecoveryContext, RecoveryStrategy } from './strategy.js';

export interface RecoveryEngineOptions {
  /** Default: `defaultStrategies()`. Ignored when `selector` is given. */
  strategies?: readonly RecoveryStrategy[];
  selector?: StrategySelector;
  breakers?: StreamBreakers;
  metrics?: RecoveryMetrics;
  statistics?: RecoveryStatistics;
  /** When set, picks among the eligible strategies instead of the selector's ranking. */
  smart?: SmartRecovery;
  clock?: Clock;
  sleep?: Sleep;
}

export interface RecoveryOutcome {
  error: StreamError;
  /** Strategy that decided, or 'circuit-open' when the breaker refused. */
  strategy: string;
  result: RecoveryResult;
  /** False when the stream's breaker refused the attempt. */
  attempted: boolean;
  /** Smart recovery's P(best) for the chosen strategy, or null. */
  confidence: number | null;
  /** Whether the action was carried out and the strategy succeeded; a promise for async actions. */
  success: boolean | Promise<boolean>;
}

/**
 * error → strategy → action → stream, behind the stream's circuit breaker, with
 * statistics, metrics and smart-recovery feedback on every outcome. While the breaker
 * is open, no strategy runs: the current frame (if any) is dropped, nothing else.
 */
export class RecoveryEngine {
  readonly selector: StrategySelector;
  readonly breakers: StreamBreakers;
  readonly statistics: RecoveryStatistics;
  private readonly metrics: RecoveryMetrics | undefined;
  private readonly smart: SmartRecovery | undefined;
  private readonly clock: Clock;
  private readonly sleep: Sleep;

  constructor(opts: RecoveryEngineOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.sleep = opts.sleep ?? realSleep;
    this.statistics = opts.statistics ?? new RecoveryStatistics();
    this.selector = opts.selector ?? new StrategySelector(opts.strategies ?? defaultStrategies(), this.statistics);
    this.breakers = opts.breakers ?? new StreamBreakers({ clock: this.clock });
    this.metrics = opts.metrics;
    this.smart = opts.smart;
  }

  recover(ctx: RecoveryContext, stream: RecoverableStream, err: StreamError, signal?: AbortSignal): RecoveryOutcome {
    const startedMs = this.clock.nowMs();
    const breaker = this.breakers.get(stream.id);
    const ticket = breaker.tryAcquire();
    if (!ticket) return this.refused(stream, err);

    let strategy: RecoveryStrategy;
    let pattern: string | null = null;
    let confidence: number | null = null;
    const candidates = this.selector.candidates(err);
    if (this.smart && candidates.length > 0) {
      const choice = this.smart.choose(err, candidates);
      strategy = choice.strategy;
      pattern = choice.pattern;
      confidence = choice.confidence;
    } else {
      strategy = candidates[0] ?? this.selector.defaultStrategy;
    }

    let res: RecoveryResult;
    try {
      res = strategy.recover(ctx, stream, err);
    } catch (e) {
      res = result({ kind: 'none', reason: 'strategy threw' }, `strategy ${strategy.name} threw: ${String(e)}`, {
        success: false,
      });
    }
    if (!err.recoverable && res.action.kind !== 'terminate') {
      res = result({ kind: 'terminate', reason: `${err.type} is not recoverable` }, res.message, { success: false });
    }

    const finish = (applied: boolean): boolean => {
      const success = applied && res.success;
      if (success) breaker.success(ticket);
      else breaker.failure(ticket);
      const durationMs = Math.max(0, this.clock.nowMs() - startedMs);
      this.statistics.record({
        streamId: stream.id,
        errorType: err.type,
        severity: err.severity,
        strategy: strategy.name,
        action: res.action.kind,
        success,
        durationMs,
        atMs: startedMs,
      });
      this.metrics?.recordAttempt(err.type, strategy.name, success, durationMs);
      if (pattern !== null) this.smart?.record(pattern, strategy.name, success);
      return success;
    };

    let applied: boolean | Promise<boolean>;
    try {
      applied = applyAction(stream, res.action, { sleep: this.sleep, ...(signal ? { signal } : {}) });
    } catch {
      applied = false;
    }
    const success = typeof applied === 'boolean' ? finish(applied) : applied.then(finish, () => finish(false));
    return { error: err, strategy: strategy.name, result: res, attempted: true, confidence, success };
  }

  /** Drops per-stream state (breaker, smart-recovery sequence, backoff) when a stream ends. */
  forgetStream(streamId: string): void {
    this.breakers.delete(streamId);
    this.smart?.forget(streamId);
    for (const s of this.selector.all()) {
      (s as { forget?: (id: string) => void }).forget?.(streamId);
    }
  }

  private refused(stream: RecoverableStream, err: StreamError): RecoveryOutcome {
    const frame = stream.currentFrame();
    const res = frame
      ? result({ kind: 'drop-frame', dependents: frame.info.reference }, 'circuit open: frame dropped', {
          success: false,
        })
      : result({ kind: 'none', reason: 'circuit open' }, 'circuit open: no recovery attempted', { success: false });
    if (frame) stream.dropFrame(frame.info.reference);
    return { error: err, strategy: 'circuit-open', result: res, attempted: false, confidence: null, success: false };
  }
}
