import type { StreamError } from '../../detect/stream-error.js';
import { classifyDrift, DEFAULT_DRIFT_THRESHOLDS, driftToFrames, type DriftThresholds } from '../../sync/drift-thresholds.js';
import { result, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

/**
 * A/V sync loss. Follows the drift corrector's decision when the error carries one;
 * otherwise classifies the drift (error context, else the stream's) with the same
 * thresholds: < 100 ms gradual slew (≤ 1 %), < 1 s buffer adjustment in whole frames,
 * beyond that a full resync.
 */
export class SyncLossStrategy implements RecoveryStrategy {
  readonly name = 'sync-loss';
  readonly priority = 10;
  private readonly t: DriftThresholds;

  constructor(thresholds: Partial<DriftThresholds> = {}) {
    this.t = { ...DEFAULT_DRIFT_THRESHOLDS, ...thresholds };
  }

  canHandle(err: StreamError): boolean {
    return err.type === 'sync_loss';
  }

  recover(_ctx: RecoveryContext, stream: RecoverableStream, err: StreamError): RecoveryResult {
    const d = err.context.drift;
    if (d) {
      switch (d.kind) {
        case 'slew':
          return result({ kind: 'slew', rate: d.rate, driftMs: d.driftMs }, `slewing ${fmt(d.driftMs)} of drift`);
        case 'buffer-adjust':
          return result(
            { kind: 'buffer-adjust', frames: d.frames, adjustMs: d.adjustMs, driftMs: d.driftMs },
            `buffer adjusted by ${d.frames} frame(s)`,
          );
        case 'resync':
          return result({ kind: 'resync', driftMs: d.driftMs }, `resync after ${fmt(d.driftMs)} of drift`);
        case 'none':
          return result({ kind: 'none', reason: 'within tolerance' }, 'drift within tolerance');
      }
    }
    const driftMs = err.context.driftMs ?? stream.timeDriftMs();
    switch (classifyDrift(driftMs, this.t)) {
      case 'none':
        return result({ kind: 'none', reason: 'within tolerance' }, 'drift within tolerance');
      case 'gradual':
        return result(
          { kind: 'slew', rate: Math.sign(driftMs) * this.t.maxSlewRate, driftMs },
          `slewing ${fmt(driftMs)} of drift`,
        );
      case 'buffer': {
        const frames = driftToFrames(driftMs, this.t.frameDurationMs);
        return result(
          { kind: 'buffer-adjust', frames, adjustMs: frames * this.t.frameDurationMs, driftMs },
          `buffer adjusted by ${frames} frame(s)`,
        );
      }
      default:
        return result({ kind: 'resync', driftMs }, `resync after ${fmt(driftMs)} of drift`);
    }
  }
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
