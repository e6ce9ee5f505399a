/**
 * Reads the batches of a plan into two buffers, the next read in flight while the caller
 * works on the current one. Each `await` between batches yields to the event loop, so a
 * caller that processes a batch synchronously blocks it for one batch at most.
 * The two buffers come from the process-wide pool (buffer-pool.ts).
 */
import { giveBuffer as give, takeBuffer as take } from './buffer-pool.js';
import type { FileSource } from './file-source.js';
import type { Batch } from './read-plan.js';

export interface ReadBatch {
  batch: Batch;
  /** The batch bytes: `bytes[0]` is file offset `batch.fileStart`. Valid until the next iteration. */
  bytes: Buffer;
}


export async function* readBatches(src: FileSource, batches: readonly Batch[], bufferBytes: number): AsyncGenerator<ReadBatch> {
  if (batches.every((b) => src.peek(b.fileStart, b.length))) {
    // The file is in memory already: views, no reads.
    for (const b of batches) {
      const v = src.peek(b.fileStart, b.length)!;
      yield { batch: b, bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength) };
    }
    return;
  }
  // No larger than the largest batch (small files), no smaller than the largest sample needs.
  let need = 0;
  for (const b of batches) need = Math.max(need, b.length);
  const size = Math.max(Math.min(bufferBytes, need), 1);
  const bufs = [take(size), batches.length > 1 ? take(size) : Buffer.alloc(0)];
  let next: Promise<ReadBatch> | null = null;
  try {
    const start = (k: number): Promise<ReadBatch> => {
      const b = batches[k];
      if (bufs[k & 1].length < b.length) {
        give(bufs[k & 1]);
        bufs[k & 1] = take(b.length);
      }
      const buf = bufs[k & 1];
      return src.readInto(buf, b.length, b.fileStart).then((got) => ({ batch: b, bytes: buf.subarray(0, got) }));
    };
    next = batches.length ? start(0) : null;
    for (let k = 0; k < batches.length; k++) {
      const cur = await next!;
      // The other buffer is free again: its batch was handed out before this one.
      next = k + 1 < batches.length ? start(k + 1) : null;
      yield cur;
    }
  } finally {
    // Left early (the consumer threw): a read may still be writing into a buffer.
    await next?.catch(() => undefined);
    for (const b of bufs) if (b.length) give(b);
  }
}
