import { beta, type Random } from '../recover/random.js';

/** Discounted success/failure evidence for one arm (the posterior is Beta(1 + s, 1 + f)). */
export interface ArmEvidence {
  successes: number;
  failures: number;
}

export interface BanditChoice {
  arm: string;
  /** Monte Carlo estimate of P(this arm is the best) under the posterior. */
  confidence: number;
}

export interface BanditSnapshot {
  discount: number;
  contexts: Record<string, Record<string, ArmEvidence>>;
}

export interface ThompsonBanditOptions {
  /** Evidence decay per update in a context (γ); 1 = no forgetting. Default 0.995. */
  discount?: number;
  random: Random;
  /** Posterior draws used to estimate P(best). Default 200. */
  confidenceSamples?: number;
  initial?: BanditSnapshot;
}

/**
 * Beta-Bernoulli Thompson sampling per context, discounted so that it follows success
 * rates that change: at every update in a context, all of its arms' evidence is
 * multiplied by γ before the new outcome is added (effective memory ≈ 1 / (1 − γ)).
 */
export class ThompsonBandit {
  readonly discount: number;
  private readonly random: Random;
  private readonly samples: number;
  private readonly contexts = new Map<string, Map<string, ArmEvidence>>();

  constructor(opts: ThompsonBanditOptions) {
    this.discount = opts.initial?.discount ?? opts.discount ?? 0.995;
    if (!(this.discount > 0 && this.discount <= 1)) throw new RangeError(`discount must be in (0, 1], got ${this.discount}`);
    this.random = opts.random;
    this.samples = opts.confidenceSamples ?? 200;
    for (const [ctx, arms] of Object.entries(opts.initial?.contexts ?? {})) {
      this.contexts.set(ctx, new Map(Object.entries(arms).map(([a, e]) => [a, { ...e }])));
    }
  }

  /** Draws one sample per arm and picks the largest. */
  choose(context: string, arms: readonly string[]): BanditChoice {
    if (arms.length === 0) throw new Error('choose() needs at least one arm');
    const evidence = arms.map((a) => this.evidence(context, a));
    let best = 0;
    let bestDraw = -1;
    evidence.forEach((e, i) => {
      const d = beta(this.random, 1 + e.successes, 1 + e.failures);
      if (d > bestDraw) {
        bestDraw = d;
        best = i;
      }
    });
    return { arm: arms[best]!, confidence: this.probabilityBest(evidence, best) };
  }

  update(context: string, arm: string, success: boolean): void {
    let m = this.contexts.get(context);
    if (!m) {
      m = new Map();
      this.contexts.set(context, m);
    }
    for (const e of m.values()) {
      e.successes *= this.discount;
      e.failures *= this.discount;
    }
    const e = m.get(arm) ?? { successes: 0, failures: 0 };
    if (success) e.successes += 1;
    else e.failures += 1;
    m.set(arm, e);
  }

  evidence(context: string, arm: string): ArmEvidence {
    const e = this.contexts.get(context)?.get(arm);
    return e ? { ...e } : { successes: 0, failures: 0 };
  }

  /** Posterior mean success rate. */
  mean(context: string, arm: string): number {
    const e = this.evidence(context, arm);
    return (1 + e.successes) / (2 + e.successes + e.failures);
  }

  toJSON(): BanditSnapshot {
    const contexts: Record<string, Record<string, ArmEvidence>> = {};
    for (const [ctx, arms] of this.contexts) {
      contexts[ctx] = Object.fromEntries([...arms].map(([a, e]) => [a, { ...e }]));
    }
    return { discount: this.discount, contexts };
  }

  private probabilityBest(evidence: readonly ArmEvidence[], index: number): number {
    if (evidence.length === 1) return 1;
    let wins = 0;
    for (let n = 0; n < this.samples; n++) {
      let best = 0;
      let bestDraw = -1;
      evidence.forEach((e, i) => {
        const d = beta(this.random, 1 + e.successes, 1 + e.failures);
        if (d > bestDraw) {
          bestDraw = d;
          best = i;
        }
      });
      if (best === index) wins++;
    }
    return wins / this.samples;
  }
}
