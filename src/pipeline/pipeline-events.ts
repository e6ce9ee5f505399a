import type { StreamBreakerStateChange } from '../breaker/stream-breakers.js';
import type { StreamError } from '../detect/stream-error.js';
import type { RecoveryAction } from '../recover/action.js';
import type { RepairRecord } from '../recover/repair-record.js';

export interface RecoveryEvent {
  error: StreamError;
  strategy: string;
  action: RecoveryAction;
  /** Outcome; null while an asynchronous action (reconnect) is still running. */
  success: boolean | null;
  /** False when the breaker refused the attempt. */
  attempted: boolean;
  confidence: number | null;
  /** Frame the error was about, or null for stream-level errors. */
  frameIndex: number | null;
  message: string;
}

export interface KeyframeRequestEvent {
  reason: string;
  frameIndex: number | null;
  atMs: number;
}

export interface ResyncEvent {
  driftMs: number;
  atMs: number;
}

export interface TerminateEvent {
  reason: string;
  atMs: number;
}

/** A repair made without an error (parameter sets / AUD restored before an IRAP). */
export interface RepairEvent {
  frameIndex: number;
  repairs: readonly RepairRecord[];
}

/** The pipeline's typed events. */
export interface PipelineEvents {
  recovery: RecoveryEvent;
  repair: RepairEvent;
  'keyframe-request': KeyframeRequestEvent;
  resync: ResyncEvent;
  terminate: TerminateEvent;
  'breaker-state': StreamBreakerStateChange;
}

export type PipelineEventName = keyof PipelineEvents;
