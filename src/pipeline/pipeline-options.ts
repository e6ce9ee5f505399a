import type { ErrorDetectorOptions } from '../detect/error-detector.js';
import type { GopBufferOptions } from '../gop/gop-buffer.js';
import type { Framing, PushTimestamps } from '../inspect/types.js';
import type { StreamCounters, RecoveryMetrics } from '../metrics/recovery-metrics.js';
import type { Clock, Sleep } from '../recover/clock.js';
import type { RecoveryEngine } from '../recover/recovery-engine.js';
import type { BufferManagerOptions, PlayoutDelays } from '../sync/buffer-manager.js';
import type { FrameSource } from './frame-source.js';

/** What only the host can do. Every hook is optional; a missing reconnect hook fails the reconnect. */
export interface PipelineHooks {
  /** Ask the source for a keyframe (RTCP PLI/FIR, an SRT message, or nothing: wait for the next IDR). */
  requestKeyframe?(reason: string): void | Promise<void>;
  reconnect?(signal?: AbortSignal): boolean | Promise<boolean>;
  resync?(driftMs: number): void;
  slew?(rate: number, driftMs: number): void;
  bufferAdjust?(delays: PlayoutDelays): void;
  restart?(): void;
  reinitialise?(): void;
}

export interface IngestPipelineOptions {
  streamId: string;
  source: FrameSource;
  /** Framing of the pushed bytes; length-prefixed frames come out as Annex B. Default 'annexb'. */
  framing?: Framing;
  engine?: RecoveryEngine;
  metrics?: RecoveryMetrics;
  hooks?: PipelineHooks;
  clock?: Clock;
  sleep?: Sleep;
  /** GOP buffer limits; frames are kept as views of the input unless `retain: 'copy'`. */
  gopBuffer?: GopBufferOptions;
  detector?: Omit<ErrorDetectorOptions, 'streamId' | 'clock'>;
  bufferManager?: BufferManagerOptions;
  /** Input bytes kept for frames not yet complete; beyond this the oldest go. Default 64 MiB. */
  maxPendingBytes?: number;
  /**
   * Restore cached parameter sets (and the AUD, when the stream uses them) before every
   * IRAP that lacks them, even when no issue was raised; each change is logged. Default true.
   */
  restoreParameterSets?: boolean;
}

export interface PipelineCounters extends StreamCounters {
  /** Frames dropped while waiting for an IRAP after a reset or a dropped reference. */
  framesDroppedDependent: number;
  /** Repairs made (a frame can have several). */
  repairs: number;
  keyframeRequests: number;
  /** Issues on frames that were dropped anyway (not turned into errors). */
  issuesSuppressed: number;
}

export interface TimedChunk {
  bytes: Uint8Array;
  ts?: PushTimestamps;
}
