import type { StreamError } from '../detect/stream-error.js';
import type { ErrorType } from '../inspect/types.js';
import { result } from './action.js';
import type { RecoveryStrategy } from './strategy.js';

/** Source of outcomes per (strategy, error type), e.g. `RecoveryStatistics`. */
export interface SuccessRateSource {
  outcomes(strategy: string, errorType: ErrorType): { attempts: number; successes: number };
}

/** Used when no strategy can handle an error: nothing is done and the attempt fails. */
export const fallbackStrategy: RecoveryStrategy = {
  name: 'fallback',
  priority: 0,
  canHandle: () => true,
  recover: (_ctx, _stream, err) =>
    err.recoverable
      ? result({ kind: 'none', reason: 'no strategy' }, `no strategy handles ${err.type}/${err.severity}`, {
          success: false,
        })
      : result({ kind: 'terminate', reason: `${err.type} is not recoverable` }, `${err.type} is not recoverable`, {
          success: false,
        }),
};

/**
 * Picks a strategy: keeps those whose `canHandle` accepts the error, ranks them by
 * their success rate on this error type (Laplace-smoothed, so an untried strategy counts as 0.5) and then by
 * priority, and falls back to the default strategy when none is eligible.
 */
export class StrategySelector {
  private readonly strategies: RecoveryStrategy[];

  constructor(
    strategies: readonly RecoveryStrategy[],
    private readonly rates?: SuccessRateSource,
    readonly defaultStrategy: RecoveryStrategy = fallbackStrategy,
  ) {
    this.strategies = [...strategies];
  }

  register(strategy: RecoveryStrategy): void {
    if (this.strategies.some((s) => s.name === strategy.name)) {
      throw new Error(`a strategy named "${strategy.name}" is already registered`);
    }
    this.strategies.push(strategy);
  }

  all(): readonly RecoveryStrategy[] {
    return this.strategies;
  }

  /** Eligible strategies, best first. */
  candidates(err: StreamError): RecoveryStrategy[] {
    const eligible = this.strategies.filter((s) => s.canHandle(err));
    const rate = (s: RecoveryStrategy): number => {
      const o = this.rates?.outcomes(s.name, err.type);
      return o ? (o.successes + 1) / (o.attempts + 2) : 0.5;
    };
    const ranked = eligible.map((s, i) => ({ s, r: rate(s), i }));
    ranked.sort((a, b) => b.r - a.r || b.s.priority - a.s.priority || a.i - b.i);
    return ranked.map((x) => x.s);
  }

  select(err: StreamError): RecoveryStrategy {
    return this.candidates(err)[0] ?? this.defaultStrategy;
  }
}
