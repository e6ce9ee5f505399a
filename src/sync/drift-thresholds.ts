/**
 * Drift thresholds. Defaults: EBU R37 (audio ≤ 40 ms early, ≤ 60 ms late), a ±20 ms
 * deadband, EMA α = 1/32, slew ≤ 1 %, and the resync / discontinuity limits of DESIGN.md.
 */
export interface DriftThresholds {
  alpha: number;
  deadbandMs: number;
  /** Act when the audio lead exceeds this. */
  leadThresholdMs: number;
  /** Act when the audio lag exceeds this (a positive number). */
  lagThresholdMs: number;
  /** Below this magnitude correction is a gradual slew; at or above, a buffer adjustment. */
  gradualMaxMs: number;
  /** At or above this magnitude, held for `resyncPersistenceMs`, a full resync. */
  resyncThresholdMs: number;
  resyncPersistenceMs: number;
  /** Above this magnitude the jump is a discontinuity: resync at once. */
  discontinuityMs: number;
  /** Maximum slew as a fraction of elapsed time (0.01 = 10 ms per second). */
  maxSlewRate: number;
  /** A sample this far from the estimate starts a candidate step instead of feeding the EMA. */
  stepThresholdMs: number;
  /** A candidate step must persist this long (and over ≥ 3 samples) to be accepted. */
  stepConfirmMs: number;
  /** Duration of one video frame, for buffer adjustments in whole frames. */
  frameDurationMs: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: Readonly<DriftThresholds> = Object.freeze({
  alpha: 1 / 32,
  deadbandMs: 20,
  leadThresholdMs: 40,
  lagThresholdMs: 60,
  gradualMaxMs: 100,
  resyncThresholdMs: 1000,
  resyncPersistenceMs: 1000,
  discontinuityMs: 2000,
  maxSlewRate: 0.01,
  stepThresholdMs: 100,
  stepConfirmMs: 200,
  frameDurationMs: 40,
});

export type DriftClass = 'none' | 'gradual' | 'buffer' | 'resync' | 'discontinuity';

/** Classifies one drift magnitude without history (for host-reported sync loss). */
export function classifyDrift(driftMs: number, t: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS): DriftClass {
  const abs = Math.abs(driftMs);
  if (abs > t.discontinuityMs) return 'discontinuity';
  if (abs >= t.resyncThresholdMs) return 'resync';
  if (abs >= t.gradualMaxMs) return 'buffer';
  if (driftMs > t.leadThresholdMs || driftMs < -t.lagThresholdMs) return 'gradual';
  return 'none';
}

/** Whole frames for a drift, rounding halves away from zero (so ±d give ±n). */
export function driftToFrames(driftMs: number, frameDurationMs: number): number {
  const n = driftMs / frameDurationMs;
  return Math.sign(n) * Math.round(Math.abs(n));
}
