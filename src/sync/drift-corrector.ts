import type { DriftDecision } from './drift-decision.js';
import { DEFAULT_DRIFT_THRESHOLDS, driftToFrames, type DriftThresholds } from './drift-thresholds.js';
import { audioLeadMs } from './pts.js';

export interface DriftCorrectorState {
  /** Smoothed residual drift (after the correction applied so far). */
  emaMs: number;
  /** Audio delay applied so far, in ms (positive delays audio). */
  correctionMs: number;
  slewing: boolean;
  /** Start time of a level ≥ the resync threshold, or null. */
  resyncHeldSinceMs: number | null;
  /** True while samples far from the estimate wait to be confirmed as a step. */
  pendingStep: boolean;
}

interface Candidate {
  sinceMs: number;
  sum: number;
  count: number;
}

/**
 * A/V drift estimator and controller. Feed it audio-lead samples; it answers with at
 * most one action per observation:
 * - jitter is smoothed by an EMA (α = 1/32) and ignored inside the thresholds;
 * - sustained drift past +40 / −60 ms is slewed (≤ 1 %) back into the ±20 ms deadband;
 * - a step (samples ≥ 100 ms from the estimate for 200 ms) of < 1 s is one buffer adjustment
 *   in whole frames; of ≥ 1 s held for 1 s, a resync; of > 2 s, an immediate resync;
 * - a step that reverts before it is confirmed is a spike and changes nothing.
 *
 * @example
 * const dc = new DriftCorrector();
 * const d = dc.observe(audioLeadMs(videoPts, audioPts), clock.nowMs());
 * if (d.kind !== 'none') applyToPlayout(d);
 */
export class DriftCorrector {
  private readonly t: DriftThresholds;
  private emaMs = 0;
  private correctionMs = 0;
  private slewing = false;
  private heldSinceMs: number | null = null;
  private candidate: Candidate | null = null;
  private lastAtMs: number | null = null;

  constructor(thresholds: Partial<DriftThresholds> = {}) {
    this.t = { ...DEFAULT_DRIFT_THRESHOLDS, ...thresholds };
  }

  get thresholds(): Readonly<DriftThresholds> {
    return this.t;
  }

  /** Observes presentation timestamps (90 kHz, 33-bit wrap handled). */
  observePts(videoPts: number, audioPts: number, atMs: number): DriftDecision {
    return this.observe(audioLeadMs(videoPts, audioPts), atMs);
  }

  /** Observes one raw audio-lead sample taken at clock time `atMs`. */
  observe(rawLeadMs: number, atMs: number): DriftDecision {
    this.advanceSlew(atMs);
    const residual = rawLeadMs - this.correctionMs;
    let stepStartMs: number | null = null;

    if (Math.abs(residual - this.emaMs) >= this.t.stepThresholdMs) {
      const c = this.candidate;
      const sameLevel =
        c !== null && Math.abs(residual - c.sum / c.count) < this.t.stepThresholdMs;
      this.candidate = sameLevel && c
        ? { sinceMs: c.sinceMs, sum: c.sum + residual, count: c.count + 1 }
        : { sinceMs: atMs, sum: residual, count: 1 };
      const cand = this.candidate;
      if (atMs - cand.sinceMs < this.t.stepConfirmMs || cand.count < 3) return { kind: 'none' };
      this.emaMs = cand.sum / cand.count;
      stepStartMs = cand.sinceMs;
      this.candidate = null;
    } else {
      this.candidate = null;
      this.emaMs += this.t.alpha * (residual - this.emaMs);
    }
    return this.classify(atMs, stepStartMs);
  }

  state(): DriftCorrectorState {
    return {
      emaMs: this.emaMs,
      correctionMs: this.correctionMs,
      slewing: this.slewing,
      resyncHeldSinceMs: this.heldSinceMs,
      pendingStep: this.candidate !== null,
    };
  }

  /** Forgets everything (after a stream restart). */
  reset(): void {
    this.emaMs = 0;
    this.correctionMs = 0;
    this.slewing = false;
    this.heldSinceMs = null;
    this.candidate = null;
    this.lastAtMs = null;
  }

  private advanceSlew(atMs: number): void {
    const last = this.lastAtMs;
    this.lastAtMs = atMs;
    if (!this.slewing || last === null || atMs <= last) return;
    const maxDelta = this.t.maxSlewRate * (atMs - last);
    const delta = Math.sign(this.emaMs) * Math.min(Math.abs(this.emaMs), maxDelta);
    this.correctionMs += delta;
    this.emaMs -= delta;
  }

  private classify(atMs: number, stepStartMs: number | null): DriftDecision {
    const ema = this.emaMs;
    const abs = Math.abs(ema);
    if (abs > this.t.discontinuityMs) return this.resync(ema, true);
    if (abs >= this.t.resyncThresholdMs) {
      this.slewing = false;
      this.heldSinceMs ??= stepStartMs ?? atMs;
      if (atMs - this.heldSinceMs >= this.t.resyncPersistenceMs) return this.resync(ema, false);
      return { kind: 'none' };
    }
    this.heldSinceMs = null;
    if (abs >= this.t.gradualMaxMs) {
      const frames = driftToFrames(ema, this.t.frameDurationMs);
      const adjustMs = frames * this.t.frameDurationMs;
      this.correctionMs += adjustMs;
      this.emaMs -= adjustMs;
      this.slewing = false;
      return { kind: 'buffer-adjust', driftMs: ema, frames, adjustMs };
    }
    if (this.slewing) {
      if (abs <= this.t.deadbandMs) this.slewing = false;
      return { kind: 'none' };
    }
    if (ema > this.t.leadThresholdMs || ema < -this.t.lagThresholdMs) {
      this.slewing = true;
      return { kind: 'slew', driftMs: ema, rate: Math.sign(ema) * this.t.maxSlewRate };
    }
    return { kind: 'none' };
  }

  private resync(driftMs: number, discontinuity: boolean): DriftDecision {
    this.correctionMs += driftMs;
    this.emaMs = 0;
    this.slewing = false;
    this.heldSinceMs = null;
    this.candidate = null;
    return { kind: 'resync', driftMs, discontinuity };
  }
}
