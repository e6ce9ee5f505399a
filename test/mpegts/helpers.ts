/** Shared by the MPEG-TS tests: the committed fixtures, the edit script, a scratch directory. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/fixtures.js';

export const TS_DIR = join(ROOT, 'test', 'fixtures', 'mpegts');

export function tsFixture(name: string): Buffer {
  return readFileSync(join(TS_DIR, name));
}

/** test/fixtures/corrupt-ts.mjs: packet-boundary edits (the same code the command line runs). */
export interface CorruptTs {
  packetCount(buf: Buffer): number;
  pidOf(buf: Buffer, i: number): number;
  dropPackets(buf: Buffer, indices: number[]): Buffer;
  setSyncByte(buf: Buffer, indices: number[], value?: number): Buffer;
  setTei(buf: Buffer, indices: number[]): Buffer;
  breakSectionCrc(buf: Buffer, i: number): Buffer;
  truncate(buf: Buffer, bytes: number): Buffer;
  to204(buf: Buffer): Buffer;
}

export async function corruptTs(): Promise<CorruptTs> {
  return (await import(pathToFileURL(join(ROOT, 'test', 'fixtures', 'corrupt-ts.mjs')).href)) as CorruptTs;
}

let dir: string | undefined;

/** Writes `buf` to a scratch file and returns its path. */
export function scratch(name: string, buf: Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'mi-ts-'));
  const p = join(dir, name);
  writeFileSync(p, buf);
  return p;
}
