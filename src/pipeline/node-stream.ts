import { Transform, type TransformCallback } from 'node:stream';
import type { IngestPipeline, TimedChunk } from './ingest-pipeline.js';
import { annexBAccessUnit, type OutFrame } from './out-frame.js';

export interface PipelineStreamOptions {
  /** 'annexb' (default): Buffers of Annex B access units. 'frames': `OutFrame` objects. */
  output?: 'annexb' | 'frames';
}

/**
 * A Node Transform over a pipeline: write Buffers/Uint8Arrays (or `{ bytes, ts }`
 * objects), read clean frames. Ends itself when the pipeline terminates.
 */
export function pipelineStream(pipeline: IngestPipeline, opts: PipelineStreamOptions = {}): Transform {
  const asFrames = opts.output === 'frames';
  const emit = (t: Transform, frames: readonly OutFrame[]): void => {
    for (const f of frames) t.push(asFrames ? f : Buffer.from(annexBAccessUnit(f).buffer));
  };
  const stream = new Transform({
    writableObjectMode: true,
    readableObjectMode: asFrames,
    transform(chunk: Uint8Array | TimedChunk, _enc: BufferEncoding, done: TransformCallback) {
      try {
        emit(this, chunk instanceof Uint8Array ? pipeline.push(chunk) : pipeline.push(chunk.bytes, chunk.ts));
        if (pipeline.terminatedReason !== null) {
          this.push(null);
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        emit(this, pipeline.end());
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  return stream;
}
