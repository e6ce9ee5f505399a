import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/** Parameter change → re-initialise; unsupported → terminate; otherwise reset to GOP. */
export class CodecFailureStrategy implements RecoveryStrategy {
  readonly name = 'codec-failure';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'codec_failure';
  }

  recover(_ctx: RecoveryContext, _stream: RecoverableStream, err: StreamError): RecoveryResult {
    switch (err.context.codecReason ?? 'unknown') {
      case 'unsupported':
        return result({ kind: 'terminate', reason: 'unsupported' }, `unsupported stream: ${err.message}`, {
          success: false,
        });
      case 'parameter-change':
        return result({ kind: 'reinitialise' }, 'stream parameters changed: re-initialised');
      default:
        return result({ kind: 'reset-to-gop' }, 'codec failure: reset to the last valid GOP');
    }
  }
}
