/**
 * The validation report: what `mirror-inspect validate` prints. The JSON names are a
 * contract (see README "JSON report"); fields may be added, never renamed.
 */
import { SEVERITY_RANK } from './catalogue.js';
import type { Container } from './sniff.js';
import type { Mp4Report } from './mp4/summary.js';
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
  /**
   * Per PID (hex key, e.g. "0x0100"): stream type ("0x1b"), packet count and indicator counters
   * (those above 0); kind (pat, pmt, video, audio, ...) and codec ("h264", "aac", ...) when known.
   */
  pids: Record<string, {
    stream_type: string | null;
    packets: number;
    indicators: Record<string, number>;
    kind: string;
    codec: string | null;
  }>;
  /** Bytes skipped outside sync. */
  skipped_bytes: number;
  /** Transport damage on the video PID joined to the frames it spoiled. */
  damage: TransportDamage[];
}

/** "3 packets lost on PID 0x0100 → frame 212 damaged → 11 frames unplayable until the keyframe at 13.0 s". */
export interface TransportDamage {
  pid: number;
  /** TS packet index and byte offset where the loss was seen. */
  packet: number;
  offset: number;
  /** VIDEO_DAMAGED_BY_PACKET_LOSS, _TRANSPORT_ERROR or _SYNC_LOSS. */
  cause: string;
  /** Packets lost (continuity counter, modulo 16), 1 for a TEI packet, null after a sync loss. */
  packets_lost: number | null;
  frame: number;
  /** The damaged frame's PTS in seconds, when it has one. */
  frame_time_s: number | null;
  /** Frames from the damaged one that cannot be shown correctly (the report's damage span). */
  unplayable_frames: number;
  recovered_at_frame: number | null;
  recovered_at_s: number | null;
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

/** Frames that cannot be shown correctly, grouped in spans that end at a clean random access point. */
export interface DamageReport {
  /** Frames with an issue of severity medium or above of their own. */
  damaged_frames: number;
  /** Damaged frames plus the frames that depend on a damaged or missing reference. */
  unplayable_frames: number;
  /** unplayable_frames in seconds (VUI frame rate, else timestamps); null when unknown. */
  unplayable_seconds: number | null;
  spans: Array<{
    first_frame: number;
    last_frame: number;
    frames: number;
    seconds: number | null;
    /** The first damaged frame of the span and the first issue raised on it. */
    cause_frame: number;
    cause: string;
    /** The keyframe that ends the span, or null when the stream ends first. */
    recovered_at_frame: number | null;
  }>;
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
  damage: DamageReport;
  verdict: Verdict;
  /** MPEG-TS input only. */
  transport?: TransportReport;
  /** Containers with audio and video timestamps only. */
  av_sync?: AvSyncReport;
  /** MP4 / MOV / fMP4 input only: boxes, tracks, edit lists, sample framing. */
  mp4?: Mp4Report;
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
  const damageFrames: Array<{ index: number; damaged: boolean; inherited: boolean; keyframe: boolean; pts: number | null }> = [];
  for (const f of input.frames) {
    frames++;
    if (f.damaged || f.dependsOnDamaged || damageFrames.length) {
      damageFrames.push({ index: f.index, damaged: f.damaged, inherited: f.dependsOnDamaged, keyframe: f.keyframe, pts: f.pts });
    }
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
  const damage = damageReport(damageFrames, issues, info?.frameRate ?? null);
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
    damage,
    verdict: verdictOf(counts, input.unreadable),
  };
}

interface DamageFrame {
  index: number;
  damaged: boolean;
  inherited: boolean;
  keyframe: boolean;
  pts: number | null;
}

/** Spans of unplayable frames, from the first damaged or dependent frame to the frame before a clean keyframe. */
function damageReport(frames: DamageFrame[], issues: ReportIssue[], frameRate: number | null): DamageReport {
  const firstIssue = new Map<number, string>();
  for (const i of issues) {
    if (i.frame !== null && SEVERITY_RANK[i.severity] >= SEVERITY_RANK.medium && !firstIssue.has(i.frame)) firstIssue.set(i.frame, i.name);
  }
  const spans: DamageReport['spans'] = [];
  let damaged = 0;
  let unplayable = 0;
  let open: { first: number; last: number; cause: number; pts0: number | null; pts1: number | null } | null = null;
  const seconds = (n: number, pts0: number | null, pts1: number | null): number | null =>
    frameRate ? n / frameRate : pts0 !== null && pts1 !== null && pts1 > pts0 ? (pts1 - pts0) / 90000 : null;
  const close = (recoveredAt: number | null): void => {
    if (!open) return;
    const n = open.last - open.first + 1;
    spans.push({
      first_frame: open.first,
      last_frame: open.last,
      frames: n,
      seconds: seconds(n, open.pts0, open.pts1),
      cause_frame: open.cause,
      cause: firstIssue.get(open.cause) ?? 'unknown',
      recovered_at_frame: recoveredAt,
    });
    open = null;
  };
  for (const f of frames) {
    const bad = f.damaged || f.inherited;
    if (f.damaged) damaged++;
    if (!bad) {
      close(f.keyframe ? f.index : null);
      continue;
    }
    unplayable++;
    if (!open) open = { first: f.index, last: f.index, cause: f.index, pts0: f.pts, pts1: f.pts };
    else open.last = f.index;
    if (f.pts !== null) open.pts1 = f.pts;
  }
  close(null);
  const total = spans.reduce<number | null>((a, s) => (a === null || s.seconds === null ? null : a + s.seconds), 0);
  return { damaged_frames: damaged, unplayable_frames: unplayable, unplayable_seconds: spans.length ? total : 0, spans };
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
