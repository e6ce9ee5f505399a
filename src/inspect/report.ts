/**
 * The validation report: what `mirror-inspect validate` prints. The JSON names are a
 * contract (see README "JSON report"); fields may be added, never renamed.
 */
import { SEVERITY_RANK } from './catalogue.js';
import type { Container } from './sniff.js';
import type { Codec, FrameInfo, IssueInfo, Severity, StreamInfo } from './types.js';

export type Verdict = 'clean' | 'warnings' | 'damaged' | 'unreadable';

export interface ReportIssue {
  code: number;
  name: string;
  severity: Severity;
  type: string;
  clause: string;
  offset: number;
  frame: number | null;
  nal: number | null;
  message: string;
}

/** TR 101 290 indicator counters (MPEG-TS input only). */
export interface TransportReport {
  packet_size: number;
  packets: number;
  /** Counters by TR 101 290 indicator name (e.g. "Continuity_count_error"). */
  indicators: Record<string, number>;
  /** Per PID (hex key, e.g. "0x0100"): stream type, packet count and indicator counters. */
  pids: Record<string, { stream_type: string | null; packets: number; indicators: Record<string, number> }>;
}

/** Audio-vs-video timestamp alignment (positive drift: audio leads video). */
export interface AvSyncReport {
  audio_codec: string | null;
  max_drift_ms: number;
  mean_drift_ms: number;
  /** Summary of the drift series: samples as [media time s, drift ms], decimated to at most 200 points. */
  series: Array<[number, number]>;
  discontinuities: number;
}

export interface ValidationReport {
  file: string;
  container: Container;
  video: {
    codec: Codec | null;
    profile: string | null;
    level: string | null;
    width: number | null;
    height: number | null;
    chroma_format: string | null;
    bit_depth: number | null;
    interlaced: boolean | null;
    frame_rate: number | null;
  };
  size_bytes: number;
  frames: number;
  keyframes: number;
  nal_units: number;
  picture_types: { I: number; P: number; B: number; unknown: number };
  gop: { count: number; max_length: number; mean_length: number | null };
  issue_counts: Record<Severity, number>;
  issues: ReportIssue[];
  verdict: Verdict;
  /** MPEG-TS input only. */
  transport?: TransportReport;
  /** Containers with audio and video timestamps only. */
  av_sync?: AvSyncReport;
}

export interface ReportInput {
  file: string;
  container: Container;
  sizeBytes: number;
  info: StreamInfo | null;
  codec: Codec | null;
  frames: Iterable<FrameInfo>;
  nalCount: number;
  issues: Iterable<IssueInfo>;
  unreadable: boolean;
}

export function buildReport(input: ReportInput): ValidationReport {
  const pictureTypes = { I: 0, P: 0, B: 0, unknown: 0 };
  let frames = 0;
  let keyframes = 0;
  let gopCount = 0;
  let gopMax = 0;
  let gopLen = 0;
  let framesInGops = 0;
  for (const f of input.frames) {
    frames++;
    pictureTypes[f.pictureType]++;
    if (f.keyframe) {
      keyframes++;
      if (gopCount > 0) gopMax = Math.max(gopMax, gopLen);
      gopCount++;
      gopLen = 0;
    }
    if (gopCount > 0) {
      gopLen++;
      framesInGops++;
    }
  }
  if (gopCount > 0) gopMax = Math.max(gopMax, gopLen);
  const counts: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  const issues: ReportIssue[] = [];
  for (const i of input.issues) {
    counts[i.severity]++;
    issues.push({
      code: i.code,
      name: i.name,
      severity: i.severity,
      type: i.type,
      clause: i.clause,
      offset: i.offset,
      frame: i.frame < 0 ? null : i.frame,
      nal: i.nal < 0 ? null : i.nal,
      message: i.message,
    });
  }
  const info = input.info;
  return {
    file: input.file,
    container: input.container,
    video: {
      codec: info?.codec ?? input.codec,
      profile: info?.profile ?? null,
      level: info?.level ?? null,
      width: info?.width ?? null,
      height: info?.height ?? null,
      chroma_format: info?.chromaFormat ?? null,
      bit_depth: info?.bitDepth ?? null,
      interlaced: info?.interlaced ?? null,
      frame_rate: info?.frameRate ?? null,
    },
    size_bytes: input.sizeBytes,
    frames,
    keyframes,
    nal_units: input.nalCount,
    picture_types: pictureTypes,
    gop: { count: gopCount, max_length: gopMax, mean_length: gopCount ? framesInGops / gopCount : null },
    issue_counts: counts,
    issues,
    verdict: verdictOf(counts, input.unreadable),
  };
}

export function verdictOf(counts: Record<Severity, number>, unreadable: boolean): Verdict {
  if (unreadable) return 'unreadable';
  if (counts.medium + counts.high + counts.critical > 0) return 'damaged';
  if (counts.low + counts.info > 0) return 'warnings';
  return 'clean';
}

/** CLI exit code: 0 clean, 1 only low/info issues, 2 medium or worse, 3 unreadable. */
export function exitCodeOf(v: Verdict): number {
  return v === 'clean' ? 0 : v === 'warnings' ? 1 : v === 'damaged' ? 2 : 3;
}

export function worstSeverity(issues: Iterable<{ severity: Severity }>): Severity | null {
  let worst: Severity | null = null;
  for (const i of issues) if (worst === null || SEVERITY_RANK[i.severity] > SEVERITY_RANK[worst]) worst = i.severity;
  return worst;
}
