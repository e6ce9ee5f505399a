export type BreakerStateName = 'closed' | 'open' | 'half-open' | 'isolated';

/** The breaker's state machine, as a discriminated union (times are clock ms). */
export type BreakerState =
  | { name: 'closed'; consecutiveFailures: number }
  | { name: 'open'; openedAtMs: number }
  | { name: 'half-open'; sinceMs: number; probesInFlight: number; successes: number }
  | { name: 'isolated'; previous: 'closed' | 'open' };

/** What `toJSON()` produces and `restore` accepts. */
export interface BreakerSnapshot {
  state: BreakerState;
  generation: number;
  trips: number;
}

/** Numeric encoding for the `circuit_breaker_state` gauge. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerStateName, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
  isolated: 3,
};

export interface BreakerStateChange {
  from: BreakerStateName;
  to: BreakerStateName;
  atMs: number;
  generation: number;
}
