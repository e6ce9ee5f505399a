import type { InspectResult, PushTimestamps, StreamInfo } from '../inspect/types.js';

/**
 * What the pipeline needs from an inspector: push bytes, get the frames completed by
 * that push (with their NAL records and issues); flush at the end. `Inspector`
 * satisfies it; tests can supply their own.
 */
export interface FrameSource {
  push(chunk: Uint8Array, ts?: PushTimestamps): InspectResult;
  flush(): InspectResult;
  streamInfo(): StreamInfo | null;
  /** Length-prefixed input: the end of one container sample (the inspector resynchronises there). */
  endSample?(): InspectResult;
}
