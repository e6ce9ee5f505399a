import { isStreamError, StreamError } from '../detect/stream-error.js';
import { realSleep, systemClock, type Clock, type Sleep } from './clock.js';
import type { RecoveryEngine, RecoveryOutcome } from './recovery-engine.js';
import type { RecoverableStream } from './stream.js';
import type { RecoveryContext } from './strategy.js';

export interface RecoveryHandlerOptions {
  engine: RecoveryEngine;
  stream: RecoverableStream;
  clock?: Clock;
  sleep?: Sleep;
  /** Upper bound on attempts for one error, whatever the strategies say. Default 20. */
  maxAttempts?: number;
  /** Turns a thrown non-StreamError into one. Default: network_disconnect, high, from the host. */
  classify?: (thrown: unknown, stream: RecoverableStream, nowMs: number) => StreamError;
  signal?: AbortSignal;
  /** Called with every attempt's settled outcome. */
  onOutcome?: (outcome: RecoveryOutcome) => void;
}

export interface HandleResult {
  /** True when the last attempt succeeded. */
  recovered: boolean;
  terminated: boolean;
  outcomes: RecoveryOutcome[];
}

/**
 * Drives the engine for one stream: single attempts (`recover`), attempt loops that follow
 * `retryAfterMs` until success, termination or `maxAttempts` (`handleError`), and
 * operations retried through recovery (`executeWithRecovery`).
 */
export class RecoveryHandler {
  private readonly engine: RecoveryEngine;
  private readonly stream: RecoverableStream;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly maxAttempts: number;
  private readonly classify: NonNullable<RecoveryHandlerOptions['classify']>;
  private readonly signal: AbortSignal | undefined;
  private readonly onOutcome: ((o: RecoveryOutcome) => void) | undefined;

  constructor(opts: RecoveryHandlerOptions) {
    this.engine = opts.engine;
    this.stream = opts.stream;
    this.clock = opts.clock ?? systemClock;
    this.sleep = opts.sleep ?? realSleep;
    this.maxAttempts = opts.maxAttempts ?? 20;
    this.classify = opts.classify ?? defaultClassify;
    this.signal = opts.signal;
    this.onOutcome = opts.onOutcome;
  }

  /** One attempt on `stream` (usually the handler's own). */
  async recover(ctx: RecoveryContext, stream: RecoverableStream, err: StreamError): Promise<RecoveryOutcome> {
    const outcome = this.engine.recover(ctx, stream, err, this.signal);
    const settled = { ...outcome, success: await outcome.success };
    this.onOutcome?.(settled);
    return settled;
  }

  /** Attempts until one succeeds, a strategy asks to terminate, or no retry is asked for. */
  async handleError(err: StreamError): Promise<HandleResult> {
    const outcomes: RecoveryOutcome[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (this.signal?.aborted) break;
      const outcome = await this.recover({ nowMs: this.clock.nowMs(), attempt }, this.stream, err);
      outcomes.push(outcome);
      if (outcome.success === true) return { recovered: true, terminated: false, outcomes };
      if (outcome.result.shouldTerminate) return { recovered: false, terminated: true, outcomes };
      const retryAfterMs = outcome.result.retryAfterMs;
      if (retryAfterMs === undefined || !outcome.attempted) break;
      if (retryAfterMs > 0) {
        try {
          await this.sleep(retryAfterMs, this.signal);
        } catch {
          break;
        }
      }
    }
    return { recovered: false, terminated: false, outcomes };
  }

  /**
   * Runs `fn`; when it throws, recovers and runs it again, until it succeeds, recovery
   * fails or terminates (then the StreamError is thrown), or `maxAttempts` runs were made.
   */
  async executeWithRecovery<T>(fn: () => T | Promise<T>): Promise<T> {
    let lastError: StreamError | null = null;
    for (let run = 1; run <= this.maxAttempts; run++) {
      try {
        return await fn();
      } catch (thrown) {
        const err = isStreamError(thrown) ? thrown : this.classify(thrown, this.stream, this.clock.nowMs());
        lastError = err;
        const handled = await this.handleError(err);
        if (!handled.recovered) throw err;
      }
    }
    throw lastError ?? new Error('executeWithRecovery: no attempt was made');
  }
}

function defaultClassify(thrown: unknown, stream: RecoverableStream, nowMs: number): StreamError {
  return new StreamError({
    type: 'network_disconnect',
    severity: 'high',
    message: thrown instanceof Error ? thrown.message : String(thrown),
    streamId: stream.id,
    component: 'host',
    timestampMs: nowMs,
  });
}
