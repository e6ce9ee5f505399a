import type { Random } from '../recover/random.js';

export type JitterMode = 'none' | 'full' | 'decorrelated';

export interface BackoffOptions {
  /** Base delay. Default 100. */
  initialDelayMs?: number;
  /** Cap on any delay. Default 30 000. */
  maxDelayMs?: number;
  /** Growth factor per attempt (ignored by decorrelated jitter, which grows ×3 at most). Default 2. */
  multiplier?: number;
  /** Default 'full'. */
  jitter?: JitterMode;
  random?: Random;
}

/** A stateful delay sequence: `next()` gives the delay before the next attempt. */
export interface Backoff {
  next(): number;
  reset(): void;
  /** Delays handed out since the last reset. */
  readonly attempt: number;
}

/**
 * Exponential backoff.
 * - 'none': min(cap, base·m^n)
 * - 'full': uniform in [0, min(cap, base·m^n)]
 * - 'decorrelated': min(cap, uniform in [base, 3·previous]), previous starting at base
 * Every delay is finite and within [0, cap], whatever the attempt count.
 */
export function createBackoff(opts: BackoffOptions = {}): Backoff {
  const base = opts.initialDelayMs ?? 100;
  const cap = opts.maxDelayMs ?? 30_000;
  const multiplier = opts.multiplier ?? 2;
  const jitter = opts.jitter ?? 'full';
  const random = opts.random ?? Math.random;
  if (!(base >= 0) || !(cap >= base) || !Number.isFinite(cap)) {
    throw new RangeError(`backoff needs 0 <= initialDelayMs <= maxDelayMs < Infinity (got ${base}, ${cap})`);
  }
  if (!(multiplier >= 1)) throw new RangeError(`backoff multiplier must be >= 1, got ${multiplier}`);

  let attempt = 0;
  let previous = base;
  const ceilingFor = (n: number): number => {
    if (base === 0) return 0;
    const raw = base * Math.pow(multiplier, n);
    return Number.isFinite(raw) ? Math.min(cap, raw) : cap;
  };

  return {
    get attempt() {
      return attempt;
    },
    reset() {
      attempt = 0;
      previous = base;
    },
    next() {
      let delay: number;
      if (jitter === 'none') delay = ceilingFor(attempt);
      else if (jitter === 'full') delay = random() * ceilingFor(attempt);
      else {
        const upper = Math.min(cap, previous * 3);
        delay = Math.min(cap, base + random() * Math.max(0, upper - base));
        previous = delay;
      }
      attempt++;
      return delay;
    },
  };
}

/** The same delays as an endless generator: `for (const ms of backoffDelays(opts)) …`. */
export function* backoffDelays(opts: BackoffOptions = {}): Generator<number, never, void> {
  const b = createBackoff(opts);
  for (;;) yield b.next();
}
