import type { StreamError } from '../detect/stream-error.js';
import type { RecoveryResult } from './action.js';
import type { RecoverableStream } from './stream.js';

export interface RecoveryContext {
  /** Clock time of this attempt. */
  readonly nowMs: number;
  /** 1 for the first attempt on an error, 2 for the retry after it, … */
  readonly attempt: number;
}

/**
 * A recovery strategy: a small object that decides, never acts. `recover` reads the
 * stream and returns the action to take.
 */
export interface RecoveryStrategy {
  /** Stable name; used as the `strategy` metric label and the smart-recovery arm. */
  readonly name: string;
  /** Higher wins among strategies with the same success rate. */
  readonly priority: number;
  canHandle(err: StreamError): boolean;
  recover(ctx: RecoveryContext, stream: RecoverableStream, err: StreamError): RecoveryResult;
}
