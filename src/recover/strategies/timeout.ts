import type { StreamError } from '../../detect/stream-error.js';
import { atLeast } from '../../detect/severity.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/**
 * No data for too long: below high severity, ask the source for a keyframe and look again
 * after `recheckMs`; from high up, reconnect at once (network recovery takes over on failure).
 */
export class TimeoutStrategy implements RecoveryStrategy {
  readonly name = 'timeout';
  readonly priority = 10;

  constructor(private readonly recheckMs = 1000) {}

  canHandle(err: StreamError): boolean {
    return err.type === 'timeout';
  }

  recover(_ctx: RecoveryContext, stream: RecoverableStream, err: StreamError): RecoveryResult {
    if (atLeast(err.severity, 'high')) {
      return result({ kind: 'reconnect', attempt: stream.retryCount() + 1, delayMs: 0 }, 'no data: reconnecting');
    }
    return result({ kind: 'request-keyframe' }, `no data for ${err.context.idleMs ?? '?'} ms: keyframe requested`, {
      retryAfterMs: this.recheckMs,
    });
  }
}
