import type { InspectResult, PushTimestamps, StreamInfo } from '../inspect/types.js';

/** A push result; sources whose frame offsets do not index the pushed input carry those bytes. */
export interface SourceResult extends InspectResult {
  /** The bytes the frame offsets index, when `indexesVideoEs` (MPEG-TS: the video ES of this push). */
  videoEs?: Uint8Array;
}

/**
 * What the pipeline needs from an inspector: push bytes, get the frames completed by
 * that push (with their NAL records and issues); flush at the end. `Inspector`
 * (Annex B, length-prefixed) and `TsInspector` with `keepVideoEs` (MPEG-TS) satisfy it;
 * tests can supply their own.
 */
export interface FrameSource {
  push(chunk: Uint8Array, ts?: PushTimestamps): SourceResult;
  flush(): SourceResult;
  streamInfo(): StreamInfo | null;
  /** Length-prefixed input: the end of one container sample (the inspector resynchronises there). */
  endSample?(): InspectResult;
  /**
   * True when frame offsets count bytes of an elementary stream the source extracts (MPEG-TS),
   * handed out as `videoEs` with each result, rather than bytes of the pushed input.
   */
  readonly indexesVideoEs?: boolean;
}
