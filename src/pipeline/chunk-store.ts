interface StoredChunk {
  start: number;
  bytes: Uint8Array;
}

/**
 * The input bytes still needed by frames not yet out, as the chunks they came in, each
 * with its absolute start offset. `read` returns a view when the range lies in one chunk
 * and copies only when it spans chunks. Bounded: past `maxBytes`, the oldest chunks go.
 */
export class ChunkStore {
  private chunks: StoredChunk[] = [];
  private end = 0;
  private held = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** Absolute offset one past the last byte appended. */
  get endOffset(): number {
    return this.end;
  }

  get bytes(): number {
    return this.held;
  }

  append(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push({ start: this.end, bytes: chunk });
    this.end += chunk.byteLength;
    this.held += chunk.byteLength;
    while (this.held > this.maxBytes && this.chunks.length > 1) this.dropFirst();
  }

  /** Bytes [offset, offset + size), or null when any of them is no longer held. */
  read(offset: number, size: number): Uint8Array | null {
    if (size === 0) return new Uint8Array(0);
    const first = this.chunks[0];
    if (!first || offset < first.start || offset + size > this.end) return null;
    let i = this.indexOf(offset);
    const c = this.chunks[i]!;
    const rel = offset - c.start;
    if (rel + size <= c.bytes.byteLength) return c.bytes.subarray(rel, rel + size);
    const out = new Uint8Array(size);
    let copied = 0;
    let at = rel;
    while (copied < size) {
      const cur = this.chunks[i++]!;
      const n = Math.min(size - copied, cur.bytes.byteLength - at);
      out.set(cur.bytes.subarray(at, at + n), copied);
      copied += n;
      at = 0;
    }
    return out;
  }

  /** Forgets every chunk that ends at or before `offset`. */
  releaseBefore(offset: number): void {
    while (this.chunks.length > 0) {
      const c = this.chunks[0]!;
      if (c.start + c.bytes.byteLength > offset) break;
      this.dropFirst();
    }
  }

  private dropFirst(): void {
    const c = this.chunks.shift();
    if (c) this.held -= c.bytes.byteLength;
  }

  /** Index of the chunk holding `offset` (binary search; chunks are sorted by start). */
  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
