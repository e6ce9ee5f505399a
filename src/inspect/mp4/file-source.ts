/**
 * Positioned reads from a file. A file no larger than `wholeFileBytes` is read once, at
 * open, and every later read is a copy from memory: a small file costs one read instead of a
 * dozen (each asynchronous read is a thread-pool round trip). Larger files are read on demand,
 * small reads through a read-ahead window (box headers lie close together).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { giveBuffer, takeBuffer } from './buffer-pool.js';

const WINDOW_BYTES = 64 << 10;

export class FileSource {
  #window = new Uint8Array(0);
  #windowAt = 0;

  private constructor(
    private readonly fh: FileHandle,
    /** File size in bytes when opened. */
    readonly size: number,
    /** The whole file, when it was small enough to read at open: a view into `pooled`. */
    private whole: Uint8Array | null,
    private pooled: Buffer | null,
  ) {}

  static async open(path: string, size: number, wholeFileBytes = 0): Promise<FileSource> {
    const fh = await open(path, 'r');
    if (size > wholeFileBytes || size === 0) return new FileSource(fh, size, null, null);
    const whole = takeBuffer(size);
    try {
      let done = 0;
      while (done < size) {
        const { bytesRead } = await fh.read(whole, done, size - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return new FileSource(fh, size, whole.subarray(0, done), whole);
    } catch (e) {
      giveBuffer(whole);
      await fh.close().catch(() => undefined);
      throw e;
    }
  }

  /** The bytes [position, position + length) when already in memory (no copy), else null. */
  peek(position: number, length: number): Uint8Array | null {
    const w = this.whole;
    if (w && position + length <= w.length) return w.subarray(position, position + length);
    return null;
  }

  /** Reads up to `length` bytes at `position` into `into[0..)`; returns the bytes read (short at end of file). */
  async readInto(into: Uint8Array, length: number, position: number): Promise<number> {
    if (this.whole) {
      const n = Math.max(0, Math.min(length, this.whole.length - position));
      into.set(this.whole.subarray(position, position + n));
      return n;
    }
    const w = this.#window;
    if (position >= this.#windowAt && position + length <= this.#windowAt + w.length) {
      into.set(w.subarray(position - this.#windowAt, position - this.#windowAt + length));
      return length;
    }
    if (length < WINDOW_BYTES / 4) {
      // A small read (a box header, a small box): read ahead, later ones come from memory.
      const win = new Uint8Array(Math.min(WINDOW_BYTES, Math.max(0, this.size - position)));
      const got = await this.#read(win, win.length, position);
      this.#window = win.subarray(0, got);
      this.#windowAt = position;
      const n = Math.min(length, got);
      into.set(this.#window.subarray(0, n));
      return n;
    }
    return this.#read(into, length, position);
  }

  async #read(into: Uint8Array, length: number, position: number): Promise<number> {
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(into, done, length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  }

  /** A fresh copy of `[position, position + length)` (clipped at end of file). */
  async read(position: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - position));
    const buf = new Uint8Array(n);
    const got = await this.readInto(buf, n, position);
    return got === n ? buf : buf.subarray(0, got);
  }

  /** Closes the file; views from peek() are invalid afterwards. */
  close(): Promise<void> {
    if (this.pooled) giveBuffer(this.pooled);
    this.pooled = null;
    this.whole = null;
    return this.fh.close();
  }
}
