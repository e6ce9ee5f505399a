import type { ErrorType, Severity } from '../inspect/types.js';

/** An error pattern: type, severity and the types of the errors just before it. */
export interface ErrorPattern {
  type: ErrorType;
  severity: Severity;
  recent: readonly ErrorType[];
}

export function patternKey(p: ErrorPattern): string {
  return `${p.type}/${p.severity}[${p.recent.join(',')}]`;
}

/** The last `length` error types seen on a stream, oldest first. */
export class ErrorSequence {
  private items: ErrorType[] = [];
  constructor(readonly length = 2) {}

  /** The pattern for `type`/`severity` given the history so far (does not record it). */
  patternFor(type: ErrorType, severity: Severity): ErrorPattern {
    return { type, severity, recent: [...this.items] };
  }

  push(type: ErrorType): void {
    if (this.length === 0) return;
    this.items.push(type);
    if (this.items.length > this.length) this.items.shift();
  }

  toJSON(): ErrorType[] {
    return [...this.items];
  }

  static from(items: readonly ErrorType[], length = 2): ErrorSequence {
    const s = new ErrorSequence(length);
    for (const t of items) s.push(t);
    return s;
  }
}
