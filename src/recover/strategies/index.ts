import type { DriftThresholds } from '../../sync/drift-thresholds.js';
import type { RecoveryStrategy } from '../strategy.js';
import { AuthFailureStrategy } from './auth-failure.js';
import { BufferOverflowStrategy } from './buffer-overflow.js';
import { CodecFailureStrategy } from './codec-failure.js';
import { dropFrameStrategy, resetToGopStrategy } from './fixed-action.js';
import { FrameCorruptionStrategy } from './frame-corruption.js';
import { NetworkRecoveryStrategy, type NetworkRecoveryOptions } from './network-recovery.js';
import { PacketLossStrategy } from './packet-loss.js';
import { ResourceExhaustionStrategy } from './resource-exhaustion.js';
import { SyncLossStrategy } from './sync-loss.js';
import { TimeoutStrategy } from './timeout.js';

export interface DefaultStrategiesOptions {
  network?: NetworkRecoveryOptions;
  drift?: Partial<DriftThresholds>;
  timeoutRecheckMs?: number;
  /** Include the drop-frame / reset-to-gop alternatives (default true). */
  alternatives?: boolean;
}

/** One strategy per error type, plus the frame-level alternatives. */
export function defaultStrategies(opts: DefaultStrategiesOptions = {}): RecoveryStrategy[] {
  const list: RecoveryStrategy[] = [
    new FrameCorruptionStrategy(),
    new SyncLossStrategy(opts.drift),
    new NetworkRecoveryStrategy(opts.network),
    new PacketLossStrategy(),
    new TimeoutStrategy(opts.timeoutRecheckMs),
    new BufferOverflowStrategy(),
    new CodecFailureStrategy(),
    new AuthFailureStrategy(),
    new ResourceExhaustionStrategy(),
  ];
  if (opts.alternatives ?? true) list.push(dropFrameStrategy(), resetToGopStrategy());
  return list;
}

export {
  AuthFailureStrategy,
  BufferOverflowStrategy,
  CodecFailureStrategy,
  FrameCorruptionStrategy,
  NetworkRecoveryStrategy,
  PacketLossStrategy,
  ResourceExhaustionStrategy,
  SyncLossStrategy,
  TimeoutStrategy,
};
