/** MPEG-TS file validation (ISO/IEC 13818-1, ETSI TR 101 290): the `container: "mpegts"` report. */
import { avSync } from '../av-sync.js';
import type { ValidateFileOptions } from '../file.js';
import { hostIssue } from '../file.js';
import { toStreamInfo } from '../inspector.js';
import { FRAME_STRIDE, ISSUE_STRIDE } from '../records.js';
import { buildReport, type ValidationReport } from '../report.js';
import { FrameTable, IssueTable } from '../tables.js';
import type { Codec, FrameInfo, IssueInfo } from '../types.js';
import { issueByCode } from '../catalogue.js';
import { loadTsAddon } from '../../native/mpegts-types.js';
import { TS_ISSUE_STRIDE, TsIssueTable, PES_STRIDE, PesTable } from './records.js';
import { audioTrack, videoTrack, vuiTimingIssue } from './timing.js';
import { DAMAGE_CODES, joinDamage, transportReport, type DamageRecord } from './transport-report.js';
import { tsConfig, type TsInspectorOptions } from './ts-inspector.js';

export interface MpegTsValidateOptions extends ValidateFileOptions, TsInspectorOptions {}

/** Issue records kept per catalogue code in a file report (counters stay exact). */
const MAX_ISSUES_PER_CODE = 1000;
const UNREADABLE = new Set(['UNREADABLE_INPUT', 'TS_NO_VIDEO_STREAM', 'EMPTY_INPUT']);

export async function validateMpegTsFile(path: string, size: number, opts: MpegTsValidateOptions = {}): Promise<ValidationReport> {
  const cfg = tsConfig({ maxIssuesPerCode: MAX_ISSUES_PER_CODE, ...opts });
  const r = await loadTsAddon().inspectTsFile(path, opts.chunkBytes ?? 1 << 20, cfg, false);
  const frameTable = new FrameTable(r.frames, r.frames.length / FRAME_STRIDE, 0);
  const frames: FrameInfo[] = [...frameTable];
  const elementName = (id: number): string => r.elements[id] ?? '';
  const issues: IssueInfo[] = [...new IssueTable(r.videoIssues, r.videoIssues.length / ISSUE_STRIDE, 0, elementName)];
  issues.push(...new TsIssueTable(r.issues, r.issues.length / TS_ISSUE_STRIDE, 0));
  if (r.readError) issues.push(hostIssue('UNREADABLE_INPUT', r.readError));
  if (size === 0) issues.push(hostIssue('EMPTY_INPUT', ''));

  const info = toStreamInfo(r.summary);
  const video = videoTrack(frames);
  const audio = audioTrack(new PesTable(r.pes, r.pes.length / PES_STRIDE, 0));
  const av = audio ? avSync(video, audio.track, { audioCodec: audio.codec }) : null;
  if (av) issues.push(...av.issues);
  const vui = vuiTimingIssue(info, video);
  if (vui) issues.push(vui);
  issues.sort((a, b) => a.offset - b.offset);

  const codec: Codec | null = info?.codec ?? null;
  const report = buildReport({
    file: path,
    container: 'mpegts',
    sizeBytes: size,
    info,
    codec,
    frames,
    nalCount: r.counters.video?.nals ?? 0,
    issues,
    unreadable: frames.length === 0 && issues.some((i) => UNREADABLE.has(i.name)),
  });
  report.transport = transportReport(r.counters, joinDamage(report, frames, damageRecords(r.videoIssues)));
  if (av) report.av_sync = av.report;
  return report;
}

/** The transport-damage issues of the video inspector, with the PID and packet index the native side put in them. */
function damageRecords(w: Uint32Array): DamageRecord[] {
  const out: DamageRecord[] = [];
  for (let b = 0; b + ISSUE_STRIDE <= w.length; b += ISSUE_STRIDE) {
    const name = issueByCode(w[b]).name;
    if (!DAMAGE_CODES.has(name)) continue;
    out.push({
      name,
      offset: w[b + 1] + w[b + 2] * 0x100000000,
      frame: w[b + 4],
      pid: w[b + 8],
      packet: w[b + 10] + w[b + 11] * 0x100000000,
      found: w[b + 6],
    });
  }
  return out;
}
