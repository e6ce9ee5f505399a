import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryResult } from '../action.js';
import { planRepairs } from '../repair/repairs.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/**
 * Frame corruption, by severity:
 * low → repair (parameter sets before an IRAP, strip a broken trailing NAL, insert an AUD);
 * medium → drop the frame (and its dependents when it is a reference);
 * high → reset to the last valid GOP and request a keyframe; critical → restart the stream.
 */
export class FrameCorruptionStrategy implements RecoveryStrategy {
  readonly name = 'frame-corruption';
  readonly priority = 10;

  canHandle(err: StreamError): boolean {
    return err.type === 'frame_corruption';
  }

  recover(_ctx: RecoveryContext, stream: RecoverableStream, err: StreamError): RecoveryResult {
    const frame = stream.currentFrame();
    switch (err.severity) {
      case 'info':
        return result({ kind: 'none', reason: 'informational' }, 'informational issue, frame kept');
      case 'low': {
        const meta = stream.metadata();
        if (!frame || !meta.codec) return result({ kind: 'none', reason: 'tolerated' }, 'low-severity issue tolerated');
        const repaired = planRepairs({
          frame,
          codec: meta.codec,
          parameterSets: meta.parameterSets,
          usesAud: meta.usesAud,
          brokenNal: err.context.nalIndex ?? -1,
        });
        if (!repaired) return result({ kind: 'none', reason: 'tolerated' }, 'low-severity issue, nothing to repair');
        return result(
          { kind: 'repair', bytes: repaired.bytes, repairs: repaired.repairs },
          `repaired frame ${frame.index}: ${repaired.repairs.map((r) => r.kind).join(', ')}`,
        );
      }
      case 'medium': {
        const dependents = frame?.info.reference ?? false;
        return result(
          { kind: 'drop-frame', dependents },
          dependents ? 'dropped a reference frame and its dependents until the next IRAP' : 'dropped the frame',
        );
      }
      case 'high':
        return result({ kind: 'reset-to-gop' }, 'reset to the last valid GOP; keyframe requested');
      case 'critical':
        return result({ kind: 'restart' }, 'stream restarted');
    }
  }
}
