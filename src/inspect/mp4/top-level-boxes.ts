/**
 * The top-level box layout of an ISO BMFF file (ISO/IEC 14496-12 4.2), read with one small
 * header read per box, so that mdat payloads are never read here. Every size is distrusted:
 * a box past the end of the file is marked cut, a size below its header ends the walk.
 */
import type { IssueInfo } from '../types.js';
import { containerIssue } from './issue.js';
import type { FileSource } from './file-source.js';

export interface TopLevelBox {
  type: string;
  /** File offset of the box header. */
  offset: number;
  /** 8, 16 (largesize) or +16 for 'uuid'. */
  headerSize: number;
  /** Declared size (size 0: up to the end of the file). */
  size: number;
  /** Bytes of the box present in the file (less than `size` when cut). */
  present: number;
}

export interface BoxLayout {
  boxes: TopLevelBox[];
  issues: IssueInfo[];
}

const PRINTABLE = /^[\x20-\x7e\xa9]{4}$/;

/** Walks the top-level boxes of `src`. Never throws for bad data. */
export async function readTopLevelBoxes(src: FileSource): Promise<BoxLayout> {
  const boxes: TopLevelBox[] = [];
  const issues: IssueInfo[] = [];
  let offset = 0;
  while (offset < src.size) {
    const left = src.size - offset;
    if (left < 8) {
      issues.push(containerIssue('MP4_BOX_INVALID', { offset, found: left, element: `${left} trailing byte(s) after the last box` }));
      break;
    }
    const h = await src.read(offset, Math.min(32, left));
    const dv = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const type = String.fromCharCode(h[4], h[5], h[6], h[7]);
    let size = dv.getUint32(0);
    let headerSize = 8;
    if (!PRINTABLE.test(type)) {
      issues.push(containerIssue('MP4_BOX_INVALID', { offset, element: `no box type at byte ${offset} (bytes ${hex(h.subarray(4, 8))})` }));
      break;
    }
    if (size === 1) {
      if (h.length < 16) {
        issues.push(containerIssue('MP4_BAD_BOX_SIZE', { offset, found: 1, element: type }));
        break;
      }
      const large = dv.getBigUint64(8);
      headerSize = 16;
      size = large > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(large);
    } else if (size === 0) {
      size = left; // 4.2: the box extends to the end of the file
    }
    if (type === 'uuid') headerSize += 16;
    if (size < headerSize) {
      issues.push(containerIssue('MP4_BAD_BOX_SIZE', { offset, found: size, element: type }));
      break;
    }
    const present = Math.min(size, left);
    boxes.push({ type, offset, headerSize, size, present });
    if (present < size) {
      if (type === 'mdat') issues.push(containerIssue('MP4_TRUNCATED_MDAT', { offset, found: size - present }));
      else if (type !== 'moov') {
        issues.push(containerIssue('MP4_BOX_INVALID', { offset, found: size - present, element: `'${type}' cut by the end of the file (${size - present} bytes missing)` }));
      }
      break;
    }
    offset += size;
  }
  return { boxes, issues };
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
}
