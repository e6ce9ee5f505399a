import { systemClock, type Clock } from '../recover/clock.js';
import { TypedEmitter, type Unsubscribe } from '../recover/emitter.js';
import { BrokenCircuitError } from './broken-circuit-error.js';
import type { BreakerSnapshot, BreakerState, BreakerStateChange, BreakerStateName } from './breaker-state.js';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open a closed breaker. Default 5. */
  failureThreshold?: number;
  /** Time an open breaker waits before letting probes through. Default 30 000. */
  resetTimeoutMs?: number;
  /** Consecutive probe successes that close a half-open breaker. Default 3. */
  successThreshold?: number;
  /** Probes allowed in flight at once while half-open. Default 3. */
  halfOpenMaxProbes?: number;
  /** A half-open breaker that has not closed after this long reopens. Default 60 000. */
  maxHalfOpenDwellMs?: number;
  clock?: Clock;
  /** Resume from a `toJSON()` snapshot. */
  initialState?: BreakerSnapshot;
}

/** Permission for one call; report its outcome with `success`/`failure`. */
export interface BreakerTicket {
  readonly generation: number;
  readonly probe: boolean;
}

interface BreakerEvents {
  stateChange: BreakerStateChange;
}

/**
 * Circuit breaker without timers: the open → half-open move happens lazily when the
 * state is next read. Every state change bumps a generation counter, and outcomes
 * reported with a ticket from an older generation are ignored, so a slow call that
 * started before the breaker opened cannot close it.
 *
 * @example
 * const breaker = new CircuitBreaker({ clock });
 * const result = await breaker.execute(() => reconnect());
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly resetTimeoutMs: number;
  readonly successThreshold: number;
  readonly halfOpenMaxProbes: number;
  readonly maxHalfOpenDwellMs: number;
  private readonly clock: Clock;
  private readonly events = new TypedEmitter<BreakerEvents>();
  private current: BreakerState;
  private gen: number;
  private tripCount: number;

  constructor(opts: CircuitBreakerOptions = {}) {
    this.failureThreshold = positiveInt(opts.failureThreshold ?? 5, 'failureThreshold');
    this.resetTimeoutMs = nonNegative(opts.resetTimeoutMs ?? 30_000, 'resetTimeoutMs');
    this.successThreshold = positiveInt(opts.successThreshold ?? 3, 'successThreshold');
    this.halfOpenMaxProbes = positiveInt(opts.halfOpenMaxProbes ?? 3, 'halfOpenMaxProbes');
    this.maxHalfOpenDwellMs = nonNegative(opts.maxHalfOpenDwellMs ?? 60_000, 'maxHalfOpenDwellMs');
    this.clock = opts.clock ?? systemClock;
    const init = opts.initialState;
    this.current = init ? structuredClone(init.state) : { name: 'closed', consecutiveFailures: 0 };
    this.gen = init?.generation ?? 0;
    this.tripCount = init?.trips ?? 0;
  }

  /** Current state name, after applying any transition that time has made due. */
  get state(): BreakerStateName {
    return this.refresh().name;
  }

  get generation(): number {
    this.refresh();
    return this.gen;
  }

  /** How many times the breaker has opened. */
  get trips(): number {
    return this.tripCount;
  }

  /** Asks to make one call; null when refused. */
  tryAcquire(): BreakerTicket | null {
    const s = this.refresh();
    switch (s.name) {
      case 'closed':
        return { generation: this.gen, probe: false };
      case 'half-open':
        if (s.probesInFlight >= this.halfOpenMaxProbes) return null;
        s.probesInFlight++;
        return { generation: this.gen, probe: true };
      default:
        return null;
    }
  }

  /** Reports a success; returns false when the ticket is stale and was ignored. */
  success(ticket: BreakerTicket): boolean {
    const s = this.refresh();
    if (ticket.generation !== this.gen) return false;
    if (s.name === 'closed') {
      s.consecutiveFailures = 0;
    } else if (s.name === 'half-open') {
      s.probesInFlight = Math.max(0, s.probesInFlight - 1);
      s.successes++;
      if (s.successes >= this.successThreshold) this.transition({ name: 'closed', consecutiveFailures: 0 });
    }
    return true;
  }

  /** Reports a failure; returns false when the ticket is stale and was ignored. */
  failure(ticket: BreakerTicket): boolean {
    const s = this.refresh();
    if (ticket.generation !== this.gen) return false;
    if (s.name === 'closed') {
      s.consecutiveFailures++;
      if (s.consecutiveFailures >= this.failureThreshold) this.open();
    } else if (s.name === 'half-open') {
      this.open();
    }
    return true;
  }

  /** Runs `fn` if permitted; a throw or rejection counts as a failure and propagates. */
  async execute<T>(fn: () => T | Promise<T>): Promise<T> {
    const ticket = this.tryAcquire();
    if (!ticket) throw new BrokenCircuitError(this.state);
    try {
      const value = await fn();
      this.success(ticket);
      return value;
    } catch (err) {
      this.failure(ticket);
      throw err;
    }
  }

  /** Holds the breaker open until the returned function is called, which closes it. */
  isolate(): Unsubscribe {
    const s = this.refresh();
    if (s.name !== 'isolated') {
      this.transition({ name: 'isolated', previous: s.name === 'closed' ? 'closed' : 'open' });
    }
    const isolatedGen = this.gen;
    return () => {
      if (this.current.name === 'isolated' && this.gen === isolatedGen) {
        this.transition({ name: 'closed', consecutiveFailures: 0 });
      }
    };
  }

  onStateChange(listener: (change: BreakerStateChange) => void): Unsubscribe {
    return this.events.on('stateChange', listener);
  }

  toJSON(): BreakerSnapshot {
    return { state: structuredClone(this.refresh()), generation: this.gen, trips: this.tripCount };
  }

  private open(): void {
    this.tripCount++;
    this.transition({ name: 'open', openedAtMs: this.clock.nowMs() });
  }

  private refresh(): BreakerState {
    const s = this.current;
    const now = this.clock.nowMs();
    if (s.name === 'open' && now - s.openedAtMs >= this.resetTimeoutMs) {
      this.transition({ name: 'half-open', sinceMs: now, probesInFlight: 0, successes: 0 });
    } else if (s.name === 'half-open' && now - s.sinceMs >= this.maxHalfOpenDwellMs) {
      this.open();
    }
    return this.current;
  }

  private transition(next: BreakerState): void {
    const from = this.current.name;
    this.current = next;
    this.gen++;
    this.events.emit('stateChange', { from, to: next.name, atMs: this.clock.nowMs(), generation: this.gen });
  }
}

function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(v: number, name: string): number {
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
}
