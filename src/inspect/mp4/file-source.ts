/** Positioned reads from a file (one FileHandle; the caller owns the buffers). */
import { open, type FileHandle } from 'node:fs/promises';

export class FileSource {
  private constructor(
    private readonly fh: FileHandle,
    /** File size in bytes when opened. */
    readonly size: number,
  ) {}

  static async open(path: string, size: number): Promise<FileSource> {
    return new FileSource(await open(path, 'r'), size);
  }

  /** Reads up to `length` bytes at `position` into `into[0..)`; returns the bytes read (short at end of file). */
  async readInto(into: Uint8Array, length: number, position: number): Promise<number> {
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

  close(): Promise<void> {
    return this.fh.close();
  }
}
