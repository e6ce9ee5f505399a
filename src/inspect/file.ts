/** Validating a recorded file: container sniffing, native inspection off the main thread, report. */
import { open, stat } from 'node:fs/promises';
import { loadAddon } from '../native/load.js';
import { issueByName, renderMessage } from './catalogue.js';
import { toStreamInfo, validateOptions } from './inspector.js';
import { buildReport, type ValidationReport } from './report.js';
import { sniffContainer, type Container } from './sniff.js';
import { FrameTable, IssueTable } from './tables.js';
import { FRAME_STRIDE, ISSUE_STRIDE } from './records.js';
import type { Codec, IssueInfo } from './types.js';
import { validateMpegTsFile } from './mpegts/validate.js';
import { validateMp4File } from './mp4/validate.js';

export interface ValidateFileOptions {
  codec?: Codec | 'auto';
  /** Bytes per read (the one reused read buffer). Default 1 MiB. */
  chunkBytes?: number;
}

const UNREADABLE = new Set(['UNREADABLE_INPUT', 'EMPTY_INPUT', 'UNKNOWN_CODEC', 'UNSUPPORTED_CONTAINER']);

export function hostIssue(name: string, element: string, found = 0): IssueInfo {
  const d = issueByName(name);
  return {
    code: d.code,
    name: d.name,
    severity: d.severity,
    type: d.type,
    kind: d.kind,
    clause: d.clause,
    offset: 0,
    nal: -1,
    frame: -1,
    expected: 0,
    found,
    message: renderMessage(d.message, { element, found, min: 0, max: 0 }),
  };
}

async function readHead(path: string): Promise<{ head: Uint8Array; size: number }> {
  const st = await stat(path);
  if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(Math.min(4096, st.size));
    await fh.read(head, 0, head.length, 0);
    return { head, size: st.size };
  } finally {
    await fh.close();
  }
}

export function unreadableReport(file: string, container: Container, size: number, issue: IssueInfo): ValidationReport {
  return buildReport({
    file,
    container,
    sizeBytes: size,
    info: null,
    codec: null,
    frames: [],
    nalCount: 0,
    issues: [issue],
    unreadable: true,
  });
}

/**
 * Validates one file. Never throws for bad input: an unreadable, empty or unsupported file
 * gets a report whose issue says why (verdict 'unreadable').
 */
export async function validateFile(path: string, opts: ValidateFileOptions = {}): Promise<ValidationReport> {
  let head: Uint8Array;
  let size: number;
  try {
    ({ head, size } = await readHead(path));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return unreadableReport(path, 'unknown', 0, hostIssue('UNREADABLE_INPUT', err.code ?? err.message));
  }
  const container = size === 0 ? 'annexb' : sniffContainer(head);
  if (container === 'mpegts') return validateMpegTsFile(path, size, opts);
  if (container === 'mp4') return validateMp4File(path, size, opts);
  const o = validateOptions({ codec: opts.codec ?? 'auto' });
  const r = await loadAddon().inspectFile(path, o.codec, false, 4, opts.chunkBytes ?? 1 << 20, false);
  const frames = new FrameTable(r.frames, r.frames.length / FRAME_STRIDE, 0);
  const elementName = (id: number): string => r.elements[id] ?? '';
  const issues: IssueInfo[] = [...new IssueTable(r.issues, r.issues.length / ISSUE_STRIDE, 0, elementName)];
  if (r.readError) issues.push(hostIssue('UNREADABLE_INPUT', r.readError));
  const codec: Codec | null = r.codec === 1 ? 'h264' : r.codec === 2 ? 'hevc' : null;
  return buildReport({
    file: path,
    container: codec || size === 0 ? 'annexb' : container,
    sizeBytes: size,
    info: toStreamInfo(r.summary),
    codec,
    frames,
    nalCount: r.counters.nals,
    issues,
    unreadable: issues.some((i) => UNREADABLE.has(i.name)),
  });
}
