/**
 * What the drift corrector asks for after one observation. Drift is "audio lead" in ms:
 * positive when audio plays ahead of the matching video, negative when it lags.
 */
export type DriftDecision =
  | { kind: 'none' }
  /** Start slewing the correction by at most `rate` (fraction of elapsed time, ≤ 0.01). */
  | { kind: 'slew'; driftMs: number; rate: number }
  /** Shift the playout buffer by whole frames (`adjustMs` = frames × frame duration). */
  | { kind: 'buffer-adjust'; driftMs: number; frames: number; adjustMs: number }
  /** Drop the correction state and realign; `discontinuity` when the jump exceeded the limit. */
  | { kind: 'resync'; driftMs: number; discontinuity: boolean };

export type DriftDecisionKind = DriftDecision['kind'];
