import type { ErrorType, Severity } from '../inspect/types.js';
import type { DriftDecision } from '../sync/drift-decision.js';

/** Where an error was raised. */
export type ErrorComponent =
  | 'inspector' ///< a native catalogue issue
  | 'timing' ///< the no-data monitor
  | 'drift' ///< the A/V drift monitor
  | 'gop-buffer' ///< the GOP buffer went over its limits
  | 'memory' ///< the memory budget
  | 'host' ///< reported by the embedding application
  | 'fault-injector'; ///< synthetic, from FaultInjector

/** Why a codec failure happened, when known. */
export type CodecFailureReason = 'parameter-change' | 'unsupported' | 'unknown';

/** Structured facts about an error; every field optional, none free-form except `detail`. */
export interface StreamErrorContext {
  /** Native catalogue id and name, for inspector errors. */
  issueCode?: number;
  issueName?: string;
  clause?: string;
  /** Frame index in the stream, or -1 when not tied to a frame. */
  frameIndex?: number;
  /** NAL index in the stream, or -1. */
  nalIndex?: number;
  byteOffset?: number;
  /** Milliseconds without data, for timeouts. */
  idleMs?: number;
  /** Audio-lead drift in ms and the corrector's decision, for sync loss. */
  driftMs?: number;
  drift?: DriftDecision;
  /** Buffer or memory usage against its limit. */
  usedBytes?: number;
  limitBytes?: number;
  usedFrames?: number;
  limitFrames?: number;
  codecReason?: CodecFailureReason;
  /** Packets lost, for packet loss. */
  lostPackets?: number;
  detail?: string;
}

export interface StreamErrorInit {
  type: ErrorType;
  severity: Severity;
  message: string;
  streamId: string;
  component: ErrorComponent;
  timestampMs: number;
  context?: StreamErrorContext;
  recoverable?: boolean;
}

/**
 * An error on one live stream, whatever raised it. Thrown by `executeWithRecovery`
 * callers or returned by `ErrorDetector`; `isStreamError` recognises it.
 */
export class StreamError extends Error {
  readonly isStreamError = true as const;
  readonly type: ErrorType;
  readonly severity: Severity;
  readonly context: Readonly<StreamErrorContext>;
  /** Clock time (ms) when the error was detected. */
  readonly timestamp: number;
  readonly streamId: string;
  readonly component: ErrorComponent;
  /** False when no strategy should try (e.g. auth failure); the stream should end. */
  readonly recoverable: boolean;

  constructor(init: StreamErrorInit) {
    super(init.message);
    this.name = 'StreamError';
    this.type = init.type;
    this.severity = init.severity;
    this.context = Object.freeze({ ...(init.context ?? {}) });
    this.timestamp = init.timestampMs;
    this.streamId = init.streamId;
    this.component = init.component;
    this.recoverable = init.recoverable ?? defaultRecoverable(init.type);
  }

  toJSON(): StreamErrorJson {
    return {
      type: this.type,
      severity: this.severity,
      message: this.message,
      context: { ...this.context },
      timestamp: this.timestamp,
      streamId: this.streamId,
      component: this.component,
      recoverable: this.recoverable,
    };
  }
}

export interface StreamErrorJson {
  type: ErrorType;
  severity: Severity;
  message: string;
  context: StreamErrorContext;
  timestamp: number;
  streamId: string;
  component: ErrorComponent;
  recoverable: boolean;
}

export function isStreamError(value: unknown): value is StreamError {
  return typeof value === 'object' && value !== null && (value as { isStreamError?: unknown }).isStreamError === true;
}

function defaultRecoverable(type: ErrorType): boolean {
  return type !== 'auth_failure';
}
