/** MP4 / MOV / fMP4 file validation (ISO/IEC 14496-12, -15): the `container: "mp4"` report. */
import type { ValidateFileOptions } from '../file.js';
import { buildReport, type ValidationReport } from '../report.js';
import type { IssueInfo } from '../types.js';
import { checkConfigAgainstStream, checkConfigRecords } from './config-checks.js';
import { decodeTimes } from './decode-times.js';
import { feedSamples } from './feed.js';
import { FileSource } from './file-source.js';
import { containerIssue } from './issue.js';
import { parseMovie } from './movie.js';
import { DEFAULT_PLAN, planReads } from './read-plan.js';
import { readTopLevelBoxes } from './top-level-boxes.js';
import { pickVideoTrack } from './track.js';
import { checkSyncSamples } from './sync-checks.js';
import { checkTiming } from './timing-checks.js';
import { mp4Summary } from './summary.js';
import { audioVideoSync } from './av-timing.js';
import { editListIssues } from './edit-checks.js';

const UNREADABLE = new Set(['MP4_NO_MOOV', 'MP4_NO_VIDEO_TRACK', 'UNREADABLE_INPUT', 'UNKNOWN_CODEC', 'EMPTY_INPUT']);

export interface Mp4ValidateOptions extends ValidateFileOptions {
  /** Bytes per read (two buffers of this size are used). Default 8 MiB. */
  readBytes?: number;
}

export async function validateMp4File(path: string, size: number, opts: Mp4ValidateOptions = {}): Promise<ValidationReport> {
  let src: FileSource;
  try {
    // A file that fits in one read is read once (the read size bounds memory either way).
    src = await FileSource.open(path, size, opts.readBytes ?? opts.chunkBytes ?? DEFAULT_PLAN.batchBytes);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return emptyReport(path, size, [containerIssue('UNREADABLE_INPUT', { element: err.code ?? err.message })]);
  }
  try {
    return await inspectMp4(src, path, opts);
  } catch (e) {
    // Reads can fail under us (file shrunk, I/O error): still a report, never a rejection.
    const err = e as NodeJS.ErrnoException;
    return emptyReport(path, size, [containerIssue('UNREADABLE_INPUT', { element: err.code ?? err.message })]);
  } finally {
    await src.close().catch(() => {});
  }
}

async function inspectMp4(src: FileSource, path: string, opts: Mp4ValidateOptions): Promise<ValidationReport> {
  const layout = await readTopLevelBoxes(src);
  const parsed = await parseMovie(src, layout.boxes);
  const issues: IssueInfo[] = [...layout.issues, ...parsed.issues];
  const movie = parsed.movie;
  if (!movie) return emptyReport(path, src.size, issues, mp4Summary(layout.boxes, null, null));
  const choice = pickVideoTrack(movie.file, movie.info, movie.entries);
  if (!choice.track) {
    issues.push(containerIssue('MP4_NO_VIDEO_TRACK', { element: choice.why }));
    return emptyReport(path, src.size, issues, mp4Summary(layout.boxes, movie, null));
  }
  const track = choice.track;
  issues.push(...checkConfigRecords(track));
  const readBytes = opts.readBytes ?? opts.chunkBytes ?? DEFAULT_PLAN.batchBytes;
  const mdats = layout.boxes.filter((b) => b.type === 'mdat').map((b) => ({ start: b.offset + b.headerSize, end: b.offset + b.size }));
  const plan = planReads(track.samples, src.size, { ...DEFAULT_PLAN, batchBytes: readBytes }, mdats);
  issues.push(...plan.issues);
  const times = decodeTimes(movie.file, track);
  const fed = await feedSamples(src, track, times, plan, { bufferBytes: readBytes });
  issues.push(...fed.issues, ...fed.log.issues);
  const info = fed.inspector.streamInfo();
  issues.push(...checkSyncSamples(track, fed));
  issues.push(...checkConfigAgainstStream(track, info, fed.framing));
  issues.push(...checkTiming(track, times, fed, info));
  issues.push(...editListIssues(movie, track, times));
  const av = audioVideoSync(movie, track, times);
  issues.push(...av.issues);
  issues.sort((a, b) => a.offset - b.offset);
  const report = buildReport({
    file: path,
    container: 'mp4',
    sizeBytes: src.size,
    info,
    codec: track.codec,
    frames: fed.log.frames(),
    nalCount: fed.inspector.counters().nals,
    issues,
    unreadable: issues.some((i) => UNREADABLE.has(i.name)) && fed.log.count === 0,
  });
  report.mp4 = mp4Summary(layout.boxes, movie, { track, fed });
  if (av.report) report.av_sync = av.report;
  return report;
}

/** Nothing could be inspected: 'unreadable', with the findings that say why. */
function emptyReport(path: string, size: number, issues: IssueInfo[], mp4?: ValidationReport['mp4']): ValidationReport {
  const r = buildReport({
    file: path, container: 'mp4', sizeBytes: size, info: null, codec: null, frames: [], nalCount: 0, issues,
    unreadable: true,
  });
  if (mp4) r.mp4 = mp4;
  return r;
}
