/**
 * Which bytes to read, in which order: the video samples in decoding order, grouped into
 * large sequential reads (batches). Sample offsets and sizes come from the file and are
 * distrusted: a sample past the end of the file or outside the media data boxes, of absurd
 * size or with no offset is reported and left out; one cut by the end of the file or of its
 * mdat is read as far as it goes.
 */
import type { IssueInfo } from '../types.js';
import { containerIssue } from './issue.js';

export interface SampleLocation {
  offset: number;
  size: number;
}

/** A media data payload [start, end) (end may lie past the end of a cut file). */
export interface MediaRange {
  start: number;
  end: number;
}

export interface Batch {
  /** File range read in one go. */
  fileStart: number;
  length: number;
  /** Range [first, end) of `ReadPlan.order`. */
  first: number;
  end: number;
}

export interface ReadPlan {
  /** Sample indices to push, in decoding order. */
  order: Int32Array;
  /** Bytes of each planned sample present (indexed like `order`). */
  present: Float64Array;
  batches: Batch[];
  issues: IssueInfo[];
}

export interface PlanOptions {
  /** Target bytes per read. */
  batchBytes: number;
  /** A gap up to this many bytes (other tracks' data) is read through rather than seeking. */
  maxGapBytes: number;
  /** Larger samples are reported and skipped. */
  maxSampleBytes: number;
}

export const DEFAULT_PLAN: PlanOptions = { batchBytes: 8 << 20, maxGapBytes: 1 << 20, maxSampleBytes: 256 << 20 };

/** Consecutive samples with the same problem become one finding. */
class RunReporter {
  #from = -1;
  #bytes = 0;
  constructor(
    private readonly issues: IssueInfo[],
    private readonly name: string,
    private readonly samples: ReadonlyArray<SampleLocation>,
    private readonly why: string,
  ) {}
  add(i: number, bytes: number): void {
    if (this.#from < 0) this.#from = i;
    this.#bytes += bytes;
  }
  end(to: number): void {
    if (this.#from < 0) return;
    const from = this.#from;
    const count = to - from;
    this.issues.push(containerIssue(this.name, {
      offset: this.samples[from].offset, found: from,
      element: count === 1 ? `${this.#bytes} bytes at ${this.samples[from].offset}; ${this.why}`
        : `samples ${from}..${to - 1}: ${count} samples, ${this.#bytes} bytes; ${this.why}`,
    }));
    this.#from = -1;
    this.#bytes = 0;
  }
}

function mediaRangeOf(ranges: readonly MediaRange[], offset: number): MediaRange | null {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid].end <= offset) lo = mid + 1;
    else if (ranges[mid].start > offset) hi = mid - 1;
    else return ranges[mid];
  }
  return null;
}

/**
 * `mdats`: the media data payloads in file order; when given, sample data must lie inside
 * one of them (ISO/IEC 14496-12 8.1.1).
 */
export function planReads(
  samples: ReadonlyArray<SampleLocation>,
  fileSize: number,
  o: PlanOptions = DEFAULT_PLAN,
  mdats: readonly MediaRange[] | null = null,
): ReadPlan {
  const order = new Int32Array(samples.length);
  const present = new Float64Array(samples.length);
  const batches: Batch[] = [];
  const issues: IssueInfo[] = [];
  const missing = new RunReporter(issues, 'MP4_SAMPLE_OUT_OF_FILE', samples, `the file ends at ${fileSize}`);
  const outside = new RunReporter(issues, 'MP4_SAMPLE_OUTSIDE_MDAT', samples, 'not in any mdat');
  const endRuns = (i: number): void => {
    missing.end(i);
    outside.end(i);
  };
  let n = 0;
  let cur: Batch | null = null;
  for (let i = 0; i < samples.length; i++) {
    const { offset, size } = samples[i];
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(size) || size < 0) {
      endRuns(i);
      issues.push(containerIssue('MP4_SAMPLE_SIZE_INVALID', { found: i, element: `offset ${offset}, size ${size} (inconsistent sample tables)` }));
      continue;
    }
    if (size === 0 || size > o.maxSampleBytes) {
      endRuns(i);
      issues.push(containerIssue('MP4_SAMPLE_SIZE_INVALID', { offset, found: i, element: `${size} bytes` }));
      continue;
    }
    if (offset >= fileSize) {
      outside.end(i);
      missing.add(i, size);
      continue;
    }
    let limit = fileSize;
    if (mdats && mdats.length) {
      const m = mediaRangeOf(mdats, offset);
      if (!m) {
        missing.end(i);
        outside.add(i, size);
        continue;
      }
      if (offset + size > m.end && m.end < fileSize) {
        issues.push(containerIssue('MP4_SAMPLE_OUTSIDE_MDAT', { offset, found: i, element: `its last ${offset + size - m.end} of ${size} bytes run past the mdat that ends at ${m.end}` }));
        limit = m.end;
      }
    }
    endRuns(i);
    const have = Math.min(size, limit - offset);
    if (have < size && limit === fileSize) {
      issues.push(containerIssue('MP4_SAMPLE_OUT_OF_FILE', { offset, found: i, element: `${size - have} of its ${size} bytes missing; the file ends at ${fileSize}` }));
    }
    const batchEnd: number = cur ? cur.fileStart + cur.length : 0;
    const fits = cur !== null && offset >= batchEnd && offset - batchEnd <= o.maxGapBytes && offset + have - cur.fileStart <= o.batchBytes;
    if (!fits) {
      cur = { fileStart: offset, length: have, first: n, end: n };
      batches.push(cur);
    } else {
      cur!.length = offset + have - cur!.fileStart;
    }
    order[n] = i;
    present[n] = have;
    n++;
    cur!.end = n;
  }
  endRuns(samples.length);
  return { order: order.subarray(0, n), present: present.subarray(0, n), batches, issues };
}
