/**
 * The box structure through mp4box: it is given every top-level box except media data
 * (an mdat, or a large free/skip box, goes in as its header alone, so mp4box skips the
 * payload it never reads), each at its file offset, and answers with tracks, sample
 * entries and sample tables, including those of movie fragments.
 */
import { createFile, MP4BoxBuffer, type ISOFile, type Movie } from 'mp4box';
import type { IssueInfo } from '../types.js';
import type { FileSource } from './file-source.js';
import { containerIssue } from './issue.js';
import { withMp4boxLog } from './mp4box-log.js';
import { scanSampleEntries, type SampleEntryMap } from './sample-entries.js';
import type { TopLevelBox } from './top-level-boxes.js';

/** Boxes above this size are skipped by header unless they hold structure (moov, moof...). */
const SKIP_PAYLOAD_BYTES = 1 << 20;
/** A structure box larger than this is not read into memory (real moov boxes are far smaller). */
const MAX_STRUCTURE_BYTES = 512 << 20;
const PAYLOAD_ONLY = new Set(['mdat', 'free', 'skip', 'wide']);

export interface ParsedMovie {
  file: ISOFile;
  info: Movie;
  /** Sample entries with their configuration records, by track_ID. */
  entries: SampleEntryMap;
}

export interface MovieParse {
  /** Null when there is no complete moov. */
  movie: ParsedMovie | null;
  issues: IssueInfo[];
}

export async function parseMovie(src: FileSource, boxes: TopLevelBox[]): Promise<MovieParse> {
  const issues: IssueInfo[] = [];
  const errors: string[] = [];
  const file = createFile(false);
  const entries: SampleEntryMap = new Map();
  for (const box of boxes) {
    const skip = box.type === 'mdat' || (PAYLOAD_ONLY.has(box.type) && box.size > SKIP_PAYLOAD_BYTES);
    const n = skip ? box.headerSize : box.present;
    if (n > MAX_STRUCTURE_BYTES) {
      issues.push(containerIssue('MP4_BOX_INVALID', { offset: box.offset, found: n, element: `'${box.type}' of ${n} bytes: too large to read` }));
      break;
    }
    const ab = new MP4BoxBuffer(n);
    ab.fileStart = box.offset;
    const got = await src.readInto(new Uint8Array(ab), n, box.offset);
    if (got < n) break;
    const dv = new DataView(ab);
    if (dv.getUint32(0) === 0) {
      // Size 0 = "to the end of the file" (4.2), which mp4box does not take: state the size, or
      // leave out a last box too large for 32 bits (payload only).
      if (box.size > 0xffffffff || skip) break;
      dv.setUint32(0, box.size);
    }
    if (box.type === 'moov') scanSampleEntries(new Uint8Array(ab), box.offset, true, entries);
    if (skip && box.type !== 'mdat') {
      // mp4box skips unread payload only for 'mdat': present the header as one.
      new Uint8Array(ab).set([0x6d, 0x64, 0x61, 0x74], 4);
    }
    try {
      withMp4boxLog((m) => errors.push(m), () => file.appendBuffer(ab, false));
    } catch (e) {
      // mp4box throws on some inconsistent tables (e.g. a missing stsc); what it built so far stays.
      issues.push(containerIssue('MP4_BOX_INVALID', { offset: box.offset, element: `'${box.type}': ${(e as Error).message}` }));
      break;
    }
  }
  // Not findings about the file: mp4box calls any type it has no parser for "invalid" (QuickTime
  // '©xyz' metadata, the zero terminator atom), and recovers by itself from a box its own parser
  // over-reads (e.g. a 'colr' holding an ICC profile).
  const real = errors.filter((m) => !/Invalid box type|more bytes than the indicated box data size/.test(m));
  for (const m of real.slice(0, 8)) issues.push(containerIssue('MP4_BOX_INVALID', { element: m }));
  const moovBox = boxes.find((b) => b.type === 'moov');
  if (!file.moov) {
    const why = !moovBox
      ? `absent (${describe(boxes)})`
      : moovBox.present < moovBox.size
        ? `cut by the end of the file at byte ${moovBox.offset + moovBox.present} (${moovBox.size - moovBox.present} of ${moovBox.size} bytes missing)`
        : 'unreadable';
    issues.push(containerIssue('MP4_NO_MOOV', { offset: moovBox?.offset ?? 0, element: why }));
    return { movie: null, issues };
  }
  let info: Movie;
  try {
    info = file.getInfo();
  } catch (e) {
    // Tables mp4box could not build (already reported when its parse threw).
    if (!issues.some((i) => i.name === 'MP4_BOX_INVALID')) {
      issues.push(containerIssue('MP4_BOX_INVALID', { offset: moovBox?.offset ?? 0, element: `movie: ${(e as Error).message}` }));
    }
    return { movie: null, issues };
  }
  return { movie: { file, info, entries }, issues };
}

function describe(boxes: TopLevelBox[]): string {
  if (boxes.length === 0) return 'no boxes';
  const types = boxes.slice(0, 6).map((b) => b.type);
  return `top-level boxes: ${types.join(', ')}${boxes.length > 6 ? ', …' : ''}`;
}
