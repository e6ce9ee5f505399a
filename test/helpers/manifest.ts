/**
 * The shared conformance corpus (../shared/conformance beside the repository) and its
 * MANIFEST.tsv (expected values from ffprobe; columns explained in its README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

export const CORPUS_DIR = join(ROOT, '..', 'shared', 'conformance');
export const corpusAvailable = existsSync(join(CORPUS_DIR, 'MANIFEST.tsv'));
if (!corpusAvailable && process.env.CI) throw new Error(`conformance corpus missing at ${CORPUS_DIR} (required in CI)`);
/** `skip` option for node:test: false, or why the corpus tests cannot run here. */
export const corpusSkip: false | string = corpusAvailable ? false : `no conformance corpus at ${CORPUS_DIR}`;

export interface ManifestRow {
  path: string;
  codec: string;
  profile: string;
  level: string;
  width: number;
  height: number;
  /** Decoded frames (frame_count). */
  frames: number;
  /** Access units as the parser sees them (packet_count). */
  packets: number;
  /** Random-access points (keyframe_count). */
  keyframes: number;
}

export function manifestRows(): ManifestRow[] {
  const lines = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split('\t');
  const col = (n: string): number => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    const [profile = '', level = ''] = c[col('profile_level')]!.split('@L');
    const [width = 0, height = 0] = c[col('resolution_pix_fmt')]!.split(' ')[0]!.split('x').map(Number);
    return {
      path: c[col('path')]!,
      codec: c[col('codec')]!,
      profile,
      level,
      width,
      height,
      frames: Number(c[col('frame_count')]),
      packets: Number(c[col('packet_count')]),
      keyframes: Number(c[col('keyframe_count')]),
    };
  });
}
