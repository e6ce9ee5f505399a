/**
 * Reads the batches of a plan into two reused buffers, the next read in flight while the
 * caller works on the current one. Each `await` between batches yields to the event loop,
 * so a caller that processes a batch synchronously blocks it for one batch at most.
 */
import type { FileSource } from './file-source.js';
import type { Batch } from './read-plan.js';

export interface ReadBatch {
  batch: Batch;
  /** The batch bytes: `bytes[0]` is file offset `batch.fileStart`. Valid until the next iteration. */
  bytes: Buffer;
}

export async function* readBatches(src: FileSource, batches: readonly Batch[], bufferBytes: number): AsyncGenerator<ReadBatch> {
  const bufs = [Buffer.allocUnsafe(bufferBytes), Buffer.allocUnsafe(bufferBytes)];
  const start = (k: number): Promise<ReadBatch> => {
    const b = batches[k];
    // A sample larger than the buffer gets a buffer of its own size (the plan caps sample sizes).
    if (bufs[k & 1].length < b.length) bufs[k & 1] = Buffer.allocUnsafe(b.length);
    const buf = bufs[k & 1];
    return src.readInto(buf, b.length, b.fileStart).then((got) => ({ batch: b, bytes: buf.subarray(0, got) }));
  };
  let next = batches.length ? start(0) : null;
  for (let k = 0; k < batches.length; k++) {
    const cur = await next!;
    // The other buffer is free again: its batch was handed out before this one.
    next = k + 1 < batches.length ? start(k + 1) : null;
    yield cur;
  }
}
