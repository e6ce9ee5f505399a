import type { RepairRecord } from './repair-record.js';

/**
 * What a strategy asks for. Strategies only decide; the stream (or `applyAction`)
 * carries the action out, so every decision can be tested without side effects.
 */
export type RecoveryAction =
  /** Nothing to do (the error is tolerated or only counted). */
  | { kind: 'none'; reason: string }
  /** Replace the current frame with repaired bytes. */
  | { kind: 'repair'; bytes: Uint8Array; repairs: RepairRecord[] }
  /** Drop the current frame; `dependents` also drops frames until the next IRAP. */
  | { kind: 'drop-frame'; dependents: boolean }
  /** Reset to the last valid GOP, drop until the next IRAP/recovery point, request a keyframe. */
  | { kind: 'reset-to-gop' }
  | { kind: 'request-keyframe' }
  /** Restart the stream's state (buffers, drift, parameter sets) and wait for an IRAP. */
  | { kind: 'restart' }
  | { kind: 'slew'; rate: number; driftMs: number }
  | { kind: 'buffer-adjust'; frames: number; adjustMs: number; driftMs: number }
  | { kind: 'resync'; driftMs: number }
  /** Reconnect after `delayMs`; `attempt` counts from 1. */
  | { kind: 'reconnect'; attempt: number; delayMs: number }
  /** Drop non-reference frames from the GOP buffer and shrink its limits by `factor`. */
  | { kind: 'shed'; factor: number }
  /** Free memory: keep only the newest `keepGops` GOPs. */
  | { kind: 'release-memory'; keepGops: number }
  /** Re-initialise downstream decoding for new parameters, then wait for an IRAP. */
  | { kind: 'reinitialise' }
  | { kind: 'terminate'; reason: string };

export type RecoveryActionKind = RecoveryAction['kind'];

export interface RecoveryResult {
  success: boolean;
  action: RecoveryAction;
  shouldTerminate: boolean;
  /** Try again after this long (the caller decides whether to). */
  retryAfterMs?: number;
  message: string;
}

export function result(action: RecoveryAction, message: string, extra: Partial<RecoveryResult> = {}): RecoveryResult {
  return {
    success: extra.success ?? true,
    action,
    shouldTerminate: extra.shouldTerminate ?? action.kind === 'terminate',
    message,
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  };
}
