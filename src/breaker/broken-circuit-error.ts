import type { BreakerStateName } from './breaker-state.js';

/** Thrown by `CircuitBreaker.execute` when the breaker refuses a call. */
export class BrokenCircuitError extends Error {
  readonly isBrokenCircuitError = true as const;
  constructor(readonly state: BreakerStateName) {
    super(`circuit breaker is ${state}; call refused`);
    this.name = 'BrokenCircuitError';
  }
}

export function isBrokenCircuitError(value: unknown): value is BrokenCircuitError {
  return (
    typeof value === 'object' && value !== null && (value as { isBrokenCircuitError?: unknown }).isBrokenCircuitError === true
  );
}
