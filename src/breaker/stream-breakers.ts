import { systemClock, type Clock } from '../recover/clock.js';
import { TypedEmitter, type Unsubscribe } from '../recover/emitter.js';
import type { BreakerStateChange, BreakerStateName } from './breaker-state.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';

export interface StreamBreakersOptions {
  /** Options for each stream's breaker (the clock is shared). */
  breaker?: Omit<CircuitBreakerOptions, 'clock' | 'initialState'>;
  /** Entries unused for this long are removed by `sweepIdle()`. Default 10 min. */
  idleTtlMs?: number;
  clock?: Clock;
}

export interface StreamBreakerStateChange extends BreakerStateChange {
  streamId: string;
}

interface Entry {
  breaker: CircuitBreaker;
  lastUsedMs: number;
  unsubscribe: Unsubscribe;
}

interface RegistryEvents {
  stateChange: StreamBreakerStateChange;
}

/**
 * One circuit breaker per live stream. Entries are made on first use, deleted when the
 * stream ends, and `sweepIdle()` removes those idle past the TTL (call it from the host's
 * housekeeping; there are no timers here). Isolated breakers are never swept.
 */
export class StreamBreakers {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new TypedEmitter<RegistryEvents>();
  private readonly clock: Clock;
  private readonly idleTtlMs: number;
  private readonly breakerOptions: Omit<CircuitBreakerOptions, 'clock' | 'initialState'>;

  constructor(opts: StreamBreakersOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.idleTtlMs = opts.idleTtlMs ?? 600_000;
    this.breakerOptions = opts.breaker ?? {};
  }

  /** The stream's breaker, created on first use; marks the entry as used. */
  get(streamId: string): CircuitBreaker {
    const now = this.clock.nowMs();
    let entry = this.entries.get(streamId);
    if (!entry) {
      const breaker = new CircuitBreaker({ ...this.breakerOptions, clock: this.clock });
      const unsubscribe = breaker.onStateChange((c) => this.events.emit('stateChange', { ...c, streamId }));
      entry = { breaker, lastUsedMs: now, unsubscribe };
      this.entries.set(streamId, entry);
    }
    entry.lastUsedMs = now;
    return entry.breaker;
  }

  has(streamId: string): boolean {
    return this.entries.has(streamId);
  }

  /** Removes the stream's breaker (call when the stream ends). */
  delete(streamId: string): boolean {
    const entry = this.entries.get(streamId);
    if (!entry) return false;
    entry.unsubscribe();
    return this.entries.delete(streamId);
  }

  /** Removes entries idle for longer than the TTL; returns the stream ids removed. */
  sweepIdle(): string[] {
    const now = this.clock.nowMs();
    const removed: string[] = [];
    for (const [id, entry] of this.entries) {
      if (now - entry.lastUsedMs > this.idleTtlMs && entry.breaker.state !== 'isolated') {
        entry.unsubscribe();
        this.entries.delete(id);
        removed.push(id);
      }
    }
    return removed;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Number of breakers in each state (for the state gauge). */
  countByState(): Record<BreakerStateName, number> {
    const counts: Record<BreakerStateName, number> = { closed: 0, open: 0, 'half-open': 0, isolated: 0 };
    for (const entry of this.entries.values()) counts[entry.breaker.state]++;
    return counts;
  }

  /** Current state of each stream's breaker. */
  states(): Array<[string, BreakerStateName]> {
    return [...this.entries].map(([id, e]) => [id, e.breaker.state]);
  }

  onStateChange(listener: (change: StreamBreakerStateChange) => void): Unsubscribe {
    return this.events.on('stateChange', listener);
  }
}
