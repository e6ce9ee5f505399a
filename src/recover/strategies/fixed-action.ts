import type { ErrorType, Severity } from '../../inspect/types.js';
import type { StreamError } from '../../detect/stream-error.js';
import { result, type RecoveryAction, type RecoveryResult } from '../action.js';
import type { RecoverableStream } from '../stream.js';
import type { RecoveryContext, RecoveryStrategy } from '../strategy.js';

export interface FixedActionOptions {
  name: string;
  priority: number;
  types: readonly ErrorType[];
  severities: readonly Severity[];
  /** Builds the action from the stream (e.g. to look at the current frame). */
  action: (stream: RecoverableStream) => RecoveryAction;
  message: string;
}

/**
 * A strategy that always takes one action for the error types and severities it is
 * eligible for; the alternatives that the selector's success-rate ranking and smart
 * recovery can pick instead of the per-type ladders.
 */
export class FixedActionStrategy implements RecoveryStrategy {
  readonly name: string;
  readonly priority: number;

  constructor(private readonly opts: FixedActionOptions) {
    this.name = opts.name;
    this.priority = opts.priority;
  }

  canHandle(err: StreamError): boolean {
    return this.opts.types.includes(err.type) && this.opts.severities.includes(err.severity);
  }

  recover(_ctx: RecoveryContext, stream: RecoverableStream, _err: StreamError): RecoveryResult {
    return result(this.opts.action(stream), this.opts.message);
  }
}

/** Drop the frame (with dependents when it is a reference), for medium/high frame damage. */
export function dropFrameStrategy(priority = 5): FixedActionStrategy {
  return new FixedActionStrategy({
    name: 'drop-frame',
    priority,
    types: ['frame_corruption', 'packet_loss'],
    severities: ['medium', 'high'],
    action: (stream) => ({ kind: 'drop-frame', dependents: stream.currentFrame()?.info.reference ?? false }),
    message: 'dropped the frame',
  });
}

/** Reset to the last valid GOP and request a keyframe, for medium to critical frame damage. */
export function resetToGopStrategy(priority = 5): FixedActionStrategy {
  return new FixedActionStrategy({
    name: 'reset-to-gop',
    priority,
    types: ['frame_corruption', 'packet_loss'],
    severities: ['medium', 'high', 'critical'],
    action: () => ({ kind: 'reset-to-gop' }),
    message: 'reset to the last valid GOP; keyframe requested',
  });
}
