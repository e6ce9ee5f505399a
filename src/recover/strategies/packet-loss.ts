import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/**
 * Transport loss (e.g. TS continuity errors): low → counted only (the damaged pictures are
 * reported on their own); medium → request a keyframe; high → reset to GOP; critical → restart.
 */
export class PacketLossStrategy implements RecoveryStrategy {
  readonly name = 'packet-loss';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'packet_loss';
  }

  recover(_ctx: RecoveryContext, _stream: RecoverableStream, err: StreamError): RecoveryResult {
    switch (err.severity) {
      case 'info':
      case 'low':
        return result({ kind: 'none', reason: 'counted' }, `packet loss counted (${err.context.lostPackets ?? '?'} lost)`);
      case 'medium':
        return result({ kind: 'request-keyframe' }, 'keyframe requested after packet loss');
      case 'high':
        return result({ kind: 'reset-to-gop' }, 'reset to the last valid GOP after packet loss');
      case 'critical':
        return result({ kind: 'restart' }, 'stream restarted after packet loss');
    }
  }
}
