import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/** GOP buffer over its limits: shed non-reference frames and shrink; critical → keep one GOP. */
export class BufferOverflowStrategy implements RecoveryStrategy {
  readonly name = 'buffer-overflow';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'buffer_overflow';
  }

  recover(_ctx: RecoveryContext, _stream: RecoverableStream, err: StreamError): RecoveryResult {
    switch (err.severity) {
      case 'critical':
        return result({ kind: 'release-memory', keepGops: 1 }, 'buffer overflow: kept only the newest GOP');
      case 'high':
        return result({ kind: 'shed', factor: 0.5 }, 'buffer overflow: shed non-reference frames, limits halved');
      default:
        return result({ kind: 'shed', factor: 0.75 }, 'buffer overflow: shed non-reference frames, limits ×0.75');
    }
  }
}
