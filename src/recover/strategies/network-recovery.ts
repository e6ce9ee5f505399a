import type { StreamError } from '../../detect/stream-error.js';
import { createBackoff, type Backoff, type BackoffOptions } from '../../net/backoff.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

export interface NetworkRecoveryOptions extends BackoffOptions {
  /** Reconnect attempts before giving up. Default 5. */
  maxRetries?: number;
}

/**
 * Network disconnect: reconnect after an exponential backoff delay with jitter. The
 * attempt number is the stream's retry counter (reset when a reconnect succeeds); once
 * it reaches `maxRetries` the stream is terminated. A failed reconnect asks to be
 * retried at once (`retryAfterMs: 0`); the wait is the next action's delay.
 */
export class NetworkRecoveryStrategy implements RecoveryStrategy {
  readonly name = 'network-recovery';
  readonly priority = 10;
  readonly maxRetries: number;
  private readonly backoffs = new Map<string, Backoff>();

  constructor(private readonly opts: NetworkRecoveryOptions = {}) {
    this.maxRetries = opts.maxRetries ?? 5;
  }

  canHandle(err: StreamError): boolean {
    return err.type === 'network_disconnect';
  }

  recover(_ctx: RecoveryContext, stream: RecoverableStream, _err: StreamError): RecoveryResult {
    const retries = stream.retryCount();
    if (retries >= this.maxRetries) {
      this.backoffs.delete(stream.id);
      return result({ kind: 'terminate', reason: 'max-retries' }, `gave up after ${retries} reconnect attempts`, {
        success: false,
      });
    }
    let backoff = this.backoffs.get(stream.id);
    if (!backoff) {
      backoff = createBackoff(this.opts);
      this.backoffs.set(stream.id, backoff);
    }
    if (retries === 0) backoff.reset();
    const delayMs = backoff.next();
    return result(
      { kind: 'reconnect', attempt: retries + 1, delayMs },
      `reconnect attempt ${retries + 1} in ${Math.round(delayMs)} ms`,
      { retryAfterMs: 0 },
    );
  }

  /** Drops per-stream backoff state when a stream ends. */
  forget(streamId: string): void {
    this.backoffs.delete(streamId);
  }
}
