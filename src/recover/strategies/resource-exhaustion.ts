import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/** Over the memory budget: free buffered GOPs; critical → terminate the stream. */
export class ResourceExhaustionStrategy implements RecoveryStrategy {
  readonly name = 'resource-exhaustion';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'resource_exhaustion';
  }

  recover(_ctx: RecoveryContext, _stream: RecoverableStream, err: StreamError): RecoveryResult {
    switch (err.severity) {
      case 'critical':
        return result({ kind: 'terminate', reason: 'resource_exhaustion' }, 'memory budget exhausted: stream ended', {
          success: false,
        });
      case 'high':
        return result({ kind: 'release-memory', keepGops: 0 }, 'memory budget exceeded: all buffered GOPs released');
      default:
        return result({ kind: 'release-memory', keepGops: 1 }, 'memory budget exceeded: kept only the newest GOP');
    }
  }
}
