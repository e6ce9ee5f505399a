/**
 * A few large read buffers kept for reuse across files: a fresh multi-MiB buffer per file
 * costs more (allocation, zeroing, page faults on first touch, GC) than reading a small file.
 * Only whole buffers are handed out; a buffer is given back when its reader is done with it.
 */
const pool: Buffer[] = [];
const POOL_MAX = 8;

/** A buffer of at least `bytes` bytes (contents undefined). */
export function takeBuffer(bytes: number): Buffer {
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    if (pool[i].length >= bytes && (best < 0 || pool[i].length < pool[best].length)) best = i;
  }
  return best >= 0 ? pool.splice(best, 1)[0] : Buffer.allocUnsafeSlow(Math.max(bytes, 1));
}

export function giveBuffer(b: Buffer): void {
  if (pool.length < POOL_MAX) pool.push(b);
}
