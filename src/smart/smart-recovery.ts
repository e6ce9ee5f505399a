import type { StreamError } from '../detect/stream-error.js';
import type { ErrorType } from '../inspect/types.js';
import type { Random } from '../recover/random.js';
import type { RecoveryStrategy } from '../recover/strategy.js';
import { ErrorSequence, patternKey } from './pattern.js';
import { ThompsonBandit, type BanditSnapshot } from './thompson-bandit.js';

export interface SmartChoice {
  strategy: RecoveryStrategy;
  /** Pattern key the choice was made for (pass it back to `record`). */
  pattern: string;
  /** P(the chosen strategy is the best) under the current posterior. */
  confidence: number;
}

export interface SmartRecoveryOptions {
  random: Random;
  discount?: number;
  /** Error types of the recent sequence that are part of a pattern. Default 2. */
  sequenceLength?: number;
  initial?: SmartRecoverySnapshot;
}

export interface SmartRecoverySnapshot {
  bandit: BanditSnapshot;
  sequences: Record<string, ErrorType[]>;
}

/**
 * Learns which strategy works for which error pattern (type, severity, recent error
 * types of the stream) by discounted Thompson sampling. Only the candidates passed in
 * compete: the selector's eligible strategies for the error's type and severity.
 */
export class SmartRecovery {
  private readonly bandit: ThompsonBandit;
  private readonly sequences = new Map<string, ErrorSequence>();
  private readonly sequenceLength: number;

  constructor(opts: SmartRecoveryOptions) {
    this.sequenceLength = opts.sequenceLength ?? 2;
    this.bandit = new ThompsonBandit({
      random: opts.random,
      ...(opts.discount !== undefined ? { discount: opts.discount } : {}),
      ...(opts.initial ? { initial: opts.initial.bandit } : {}),
    });
    for (const [id, seq] of Object.entries(opts.initial?.sequences ?? {})) {
      this.sequences.set(id, ErrorSequence.from(seq, this.sequenceLength));
    }
  }

  /** Picks among `candidates` (non-empty) and records the error in the stream's sequence. */
  choose(err: StreamError, candidates: readonly RecoveryStrategy[]): SmartChoice {
    const seq = this.sequenceOf(err.streamId);
    const pattern = patternKey(seq.patternFor(err.type, err.severity));
    seq.push(err.type);
    const { arm, confidence } = this.bandit.choose(
      pattern,
      candidates.map((c) => c.name),
    );
    const strategy = candidates.find((c) => c.name === arm)!;
    return { strategy, pattern, confidence };
  }

  record(pattern: string, strategy: string, success: boolean): void {
    this.bandit.update(pattern, strategy, success);
  }

  /** Posterior mean success rate of a strategy for a pattern. */
  expectedSuccess(pattern: string, strategy: string): number {
    return this.bandit.mean(pattern, strategy);
  }

  forget(streamId: string): void {
    this.sequences.delete(streamId);
  }

  toJSON(): SmartRecoverySnapshot {
    return {
      bandit: this.bandit.toJSON(),
      sequences: Object.fromEntries([...this.sequences].map(([id, s]) => [id, s.toJSON()])),
    };
  }

  private sequenceOf(streamId: string): ErrorSequence {
    let s = this.sequences.get(streamId);
    if (!s) {
      s = new ErrorSequence(this.sequenceLength);
      this.sequences.set(streamId, s);
    }
    return s;
  }
}
