import type { Codec, FrameInfo, NalInfo, StreamInfo } from '../inspect/types.js';
import type { RecoveryAction } from './action.js';
import type { RepairRecord } from './repair-record.js';

/** The frame the engine is deciding about. */
export interface StreamFrame {
  readonly index: number;
  /** NAL units of the frame in Annex B form, without the first NAL's start code. */
  readonly bytes: Uint8Array;
  readonly info: Readonly<FrameInfo>;
  /** The frame's NAL records; offsets are absolute stream offsets (`info.offset` is the first). */
  readonly nals: readonly NalInfo[];
}

export interface StreamMetadata {
  readonly codec: Codec | null;
  readonly info: StreamInfo | null;
  /** Last parameter sets seen (H.264: SPS, PPS; HEVC: VPS, SPS, PPS), NAL bytes without start codes, in order. */
  readonly parameterSets: readonly Uint8Array[];
  /** True once the stream has been seen to use access unit delimiters. */
  readonly usesAud: boolean;
  readonly startedAtMs: number;
  readonly framesIn: number;
}

/** Actions outside the seed's named operations, carried out by `perform`. */
export type StreamOperation = Extract<
  RecoveryAction,
  { kind: 'restart' | 'slew' | 'buffer-adjust' | 'shed' | 'release-memory' | 'reinitialise' | 'terminate' | 'reconnect' }
>;

/**
 * The stream the engine acts on. `IngestPipeline` implements it over the inspector, the
 * GOP buffer and the drift corrector; a host can implement it for its own transport.
 * Operations only the host can do (a keyframe request is an RTCP PLI, an SRT message, or
 * waiting for the next IDR; a reconnect) reach it through the pipeline's hooks.
 */
export interface RecoverableStream {
  readonly id: string;
  currentFrame(): StreamFrame | null;
  replaceFrame(bytes: Uint8Array, repairs: readonly RepairRecord[]): void;
  /** Drops the current frame; with `dependents`, every frame until the next IRAP/recovery point. */
  dropFrame(dependents: boolean): void;
  /** Resets to the last valid GOP and waits for the next IRAP; false when no valid GOP was held. */
  resetToGop(): boolean;
  requestKeyframe(reason: string): void;
  requestResync(driftMs: number): void;
  retryCount(): number;
  incrementRetry(): number;
  resetRetries(): void;
  metadata(): StreamMetadata;
  /** Current smoothed A/V drift (audio lead, ms). */
  timeDriftMs(): number;
  /** Carries out one of the other operations; resolves false when it could not. */
  perform(op: StreamOperation, signal?: AbortSignal): boolean | Promise<boolean>;
}
