import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/** Authentication failed: retrying cannot help, so the stream ends. */
export class AuthFailureStrategy implements RecoveryStrategy {
  readonly name = 'auth-failure';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'auth_failure';
  }

  recover(_ctx: RecoveryContext, _stream: RecoverableStream, err: StreamError): RecoveryResult {
    return result({ kind: 'terminate', reason: 'auth_failure' }, `authentication failed: ${err.message}`, {
      success: false,
    });
  }
}
