import { realSleep, type Sleep } from '../recover/clock.js';
import { createBackoff, type Backoff, type BackoffOptions } from './backoff.js';

export interface ReconnectorOptions extends BackoffOptions {
  /** Attempts after the first failure before giving up. Default 5. */
  maxRetries?: number;
  sleep?: Sleep;
}

export type ReconnectOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; reason: 'max-retries' | 'aborted'; attempts: number; lastError: unknown };

export interface ReconnectAttempt {
  attempt: number;
  delayMs: number;
}

/**
 * Runs `connect` until it resolves, waiting a backoff delay between failures.
 * Stops after `maxRetries` retries or when the signal aborts (also during a wait).
 * The failure counter and the backoff reset after every success.
 */
export class Reconnector {
  private readonly maxRetries: number;
  private readonly sleep: Sleep;
  private readonly backoff: Backoff;
  private failures = 0;

  constructor(opts: ReconnectorOptions = {}) {
    this.maxRetries = opts.maxRetries ?? 5;
    this.sleep = opts.sleep ?? realSleep;
    this.backoff = createBackoff(opts);
  }

  /** Consecutive failed attempts since the last success. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  async run<T>(
    connect: (attempt: number, signal: AbortSignal | undefined) => Promise<T>,
    signal?: AbortSignal,
    onRetry?: (r: ReconnectAttempt) => void,
  ): Promise<ReconnectOutcome<T>> {
    let attempts = 0;
    let lastError: unknown = undefined;
    for (;;) {
      if (signal?.aborted) return { ok: false, reason: 'aborted', attempts, lastError: signal.reason };
      attempts++;
      try {
        const value = await connect(attempts, signal);
        this.failures = 0;
        this.backoff.reset();
        return { ok: true, value, attempts };
      } catch (err) {
        lastError = err;
        this.failures++;
      }
      if (signal?.aborted) return { ok: false, reason: 'aborted', attempts, lastError };
      if (attempts > this.maxRetries) return { ok: false, reason: 'max-retries', attempts, lastError };
      const delayMs = this.backoff.next();
      onRetry?.({ attempt: attempts, delayMs });
      try {
        await this.sleep(delayMs, signal);
      } catch {
        return { ok: false, reason: 'aborted', attempts, lastError };
      }
    }
  }
}
