/**
 * Audio against video timing (VALIDATION.md B8 item 51) for any container: timestamps in,
 * the report's `av_sync` section and EBU R37 findings out. Pure; no I/O.
 *
 * Model (start-offset alignment). Each track is contiguous media from a common start: the
 * audio heard `c` seconds into the audio content belongs with the picture shown `c` seconds
 * into the video content. A track's content clock is the sum of its sample durations (the
 * container's, when it has them) or else its own timestamp steps, where a step beyond
 * `jump` (a discontinuity) counts as one typical step. The skew of a sample is its timestamp
 * minus its content clock, and
 *
 *     drift(c) = skew_video(c) − skew_audio(c)       (positive: audio leads video)
 *
 * A file whose streams start together gives ≈ 0. Audio delayed by 250 ms (ffmpeg
 * `-itsoffset 0.25` on the audio input shifts its timestamps) gives −250 ms all along; a
 * timestamp jump in one stream moves the drift from there on and counts as a discontinuity.
 * Timestamps must be unwrapped (a 33-bit PTS wrap is not drift).
 *
 * @example
 * const r = avSync({ pts: videoPts }, { pts: audioPts }, { audioCodec: 'aac' });
 * if (r) console.log(r.report.max_drift_ms, r.issues.map((i) => i.message));
 */
import { issueByName, renderMessage } from './catalogue.js';
import { hostIssue } from './file.js';
import type { AvSyncReport } from './report.js';
import type { IssueInfo } from './types.js';

/** One track, in presentation order. */
export interface AvTrack {
  /** Presentation timestamps, ascending, 90 kHz. */
  pts: ArrayLike<number>;
  /** Content clock of each sample (sum of the durations before it), 90 kHz; derived from pts when absent. */
  content?: ArrayLike<number>;
  /** Added to every pts (90 kHz), e.g. an edit list's presentation shift. Default 0. */
  startOffset?: number;
  /** Byte offset of each sample: where a finding points. */
  offsets?: ArrayLike<number>;
  /** A skew step this large (90 kHz) is a discontinuity. Default max(10 × median step, 9000). */
  jump?: number;
}

export interface AvSyncOptions {
  audioCodec?: string | null;
  /** EBU R37: audio at most 40 ms early. */
  leadLimitMs?: number;
  /** EBU R37: audio at most 60 ms late. */
  lagLimitMs?: number;
  /** Points kept in the report's series (decimated). Default 200. */
  seriesPoints?: number;
}

export interface AvSyncResult {
  report: AvSyncReport;
  /** AV_SYNC_AUDIO_LEADING / AV_SYNC_AUDIO_LAGGING, one per excursion beyond a limit. */
  issues: IssueInfo[];
}

export const AV_LEAD_LIMIT_MS = 40;
export const AV_LAG_LIMIT_MS = 60;

interface Clock {
  pts: Float64Array;
  content: Float64Array;
  offsets: ArrayLike<number> | null;
  jump: number;
}

function median(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function clock(t: AvTrack): Clock {
  const n = t.pts.length;
  const shift = t.startOffset ?? 0;
  const pts = new Float64Array(n);
  for (let k = 0; k < n; k++) pts[k] = t.pts[k] + shift;
  const steps: number[] = [];
  for (let k = 1; k < n; k++) steps.push(pts[k] - pts[k - 1]);
  const typical = t.content && n > 1 ? median(Array.from({ length: n - 1 }, (_, k) => t.content![k + 1] - t.content![k])) : median(steps);
  const jump = t.jump ?? Math.max(10 * typical, 9000);
  let content: Float64Array;
  if (t.content) {
    content = Float64Array.from(t.content);
  } else {
    content = new Float64Array(n);
    for (let k = 1; k < n; k++) content[k] = content[k - 1] + (steps[k - 1] > jump ? typical : steps[k - 1]);
  }
  return { pts, content, offsets: t.offsets ?? null, jump };
}

function discontinuities(c: Clock): number {
  let n = 0;
  for (let k = 1; k < c.pts.length; k++) {
    if (Math.abs(c.pts[k] - c.content[k] - (c.pts[k - 1] - c.content[k - 1])) > c.jump) n++;
  }
  return n;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function finding(name: string, driftMs: number, limitMs: number, at: number, offset: number): IssueInfo {
  const element = `${round3(at / 90000)} s`;
  const found = Math.round(Math.abs(driftMs));
  return {
    ...hostIssue(name, element, found),
    offset,
    expected: limitMs,
    message: renderMessage(issueByName(name).message, { element, found, min: limitMs, max: 0 }),
  };
}

/**
 * Drift of `audio` against `video` at every audio sample, with its summary and one finding
 * per excursion beyond the R37 limits. Null when either track has no sample.
 */
export function avSync(video: AvTrack, audio: AvTrack, opts: AvSyncOptions = {}): AvSyncResult | null {
  if (video.pts.length === 0 || audio.pts.length === 0) return null;
  const v = clock(video);
  const a = clock(audio);
  const lead = opts.leadLimitMs ?? AV_LEAD_LIMIT_MS;
  const lag = opts.lagLimitMs ?? AV_LAG_LIMIT_MS;
  const n = a.pts.length;
  const every = Math.max(1, Math.ceil(n / (opts.seriesPoints ?? 200)));
  const issues: IssueInfo[] = [];
  const series: Array<[number, number]> = [];
  let max = 0;
  let sum = 0;
  let vi = 0;
  let state: 'ok' | 'lead' | 'lag' = 'ok';
  for (let k = 0; k < n; k++) {
    // The video sample at the same content time (the last one at or before it).
    while (vi + 1 < v.content.length && v.content[vi + 1] <= a.content[k]) vi++;
    const drift = (v.pts[vi] - v.content[vi] - (a.pts[k] - a.content[k])) / 90;
    sum += drift;
    if (Math.abs(drift) > Math.abs(max)) max = drift;
    if (k % every === 0 || k === n - 1) series.push([round3(a.pts[k] / 90000), round3(drift)]);
    const now = drift > lead ? 'lead' : drift < -lag ? 'lag' : 'ok';
    if (now !== state && now !== 'ok') {
      const offset = a.offsets ? a.offsets[k] : 0;
      issues.push(now === 'lead'
        ? finding('AV_SYNC_AUDIO_LEADING', drift, lead, a.pts[k], offset)
        : finding('AV_SYNC_AUDIO_LAGGING', drift, lag, a.pts[k], offset));
    }
    state = now;
  }
  return {
    report: {
      audio_codec: opts.audioCodec ?? null,
      max_drift_ms: round3(max),
      mean_drift_ms: round3(sum / n),
      series,
      discontinuities: discontinuities(v) + discontinuities(a),
    },
    issues,
  };
}
