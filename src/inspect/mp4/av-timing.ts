/**
 * Audio against video timing (VALIDATION.md B8 51–52) for an MP4, on the presentation
 * timeline (edit lists applied), in 90 kHz ticks.
 *
 * Model: each track's media is contiguous from a common start, its first presented instant
 * (the first sample, or the edit's media_time when the edit trims encoder priming before it).
 * In presentation order the content clock of a sample is the sum of the durations before it,
 * counted from that instant; its timestamp says when it is shown. The skew of a sample is
 * timestamp − content clock, and
 * drift(c) = skew of video at content c − skew of audio at content c (positive: audio leads,
 * as in the MPEG-TS report). A track starting 250 ms late gives a constant −250 ms; a
 * timestamp jump in one track changes the drift from there on and counts as a discontinuity.
 */
import type { AvSyncReport } from '../report.js';
import type { IssueInfo } from '../types.js';
import { decodeTimes, type DecodeTimes } from './decode-times.js';
import { editMap } from './edit-list.js';
import { containerIssue } from './issue.js';
import type { ParsedMovie } from './movie.js';
import { DISCONTINUITY_DURATIONS, medianDuration } from './timing-checks.js';
import { to90k } from './timescale.js';
import { pickAudioTrack, type TrackTiming } from './track.js';

/** EBU R37: audio at most 40 ms early, 60 ms late. */
export const AV_LEAD_LIMIT_MS = 40;
export const AV_LAG_LIMIT_MS = 60;
const SERIES_POINTS = 200;

/** One track in presentation order. */
export interface TrackClock {
  /** Presentation times, ascending, 90 kHz. */
  pts: Float64Array;
  /** Content clock of each, 90 kHz. */
  content: Float64Array;
  /** File offset of each sample. */
  offsets: Float64Array;
  /** Decoding times that do not continue the previous sample's (jumps, steps back). */
  discontinuities: number;
}

export function trackClock(track: TrackTiming, times: DecodeTimes): TrackClock {
  const n = track.samples.length;
  const map = editMap(track.edits, track.timescale, track.movieTimescale, []);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => times.cts[x] - times.cts[y] || x - y);
  const pts = new Float64Array(n);
  const content = new Float64Array(n);
  const offsets = new Float64Array(n);
  // Media before the edit's start (AAC priming, a video composition delay) is not content.
  const firstCts = n ? times.cts[order[0]] : 0;
  let acc = map.present && map.window.start > firstCts ? firstCts - map.window.start : 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    pts[k] = map.toPresentation(times.cts[i]);
    content[k] = to90k(acc, track.timescale);
    acc += times.duration[i];
    offsets[k] = track.samples[i].offset;
  }
  return { pts, content, offsets, discontinuities: countDiscontinuities(times, track.timescale) };
}

export interface AvSyncResult {
  report: AvSyncReport | null;
  issues: IssueInfo[];
}

export function audioVideoSync(movie: ParsedMovie, video: TrackTiming, videoTimes: DecodeTimes): AvSyncResult {
  const audio = pickAudioTrack(movie.file, movie.info);
  if (!audio || audio.samples.length === 0 || video.samples.length === 0) return { report: null, issues: [] };
  return driftReport(trackClock(video, videoTimes), trackClock(audio, decodeTimes(movie.file, audio)), audio.codec);
}

/** Samples whose decoding time steps back or jumps (as in timing-checks: DISCONTINUITY_DURATIONS, ≥ 100 ms). */
function countDiscontinuities(t: DecodeTimes, timescale: number): number {
  const jump = Math.max(DISCONTINUITY_DURATIONS * medianDuration(t.duration), timescale / 10);
  let n = 0;
  for (let i = 1; i < t.dts.length; i++) {
    if (t.dts[i] <= t.dts[i - 1] || Math.abs(t.dts[i] - t.dts[i - 1] - t.duration[i - 1]) > jump) n++;
  }
  return n;
}

/** Drift of `a` (audio) against `v` (video) at every audio sample; R37 excursions as issues. */
export function driftReport(v: TrackClock, a: TrackClock, audioCodec: string | null): AvSyncResult {
  const n = a.pts.length;
  const issues: IssueInfo[] = [];
  const series: Array<[number, number]> = [];
  const every = Math.max(1, Math.ceil(n / SERIES_POINTS));
  let max = 0;
  let sum = 0;
  let vi = 0;
  let state: 'ok' | 'lead' | 'lag' = 'ok';
  for (let k = 0; k < n; k++) {
    while (vi + 1 < v.content.length && v.content[vi + 1] <= a.content[k]) vi++;
    const drift = (v.pts[vi] - v.content[vi] - (a.pts[k] - a.content[k])) / 90;
    sum += drift;
    if (Math.abs(drift) > Math.abs(max)) max = drift;
    if (k % every === 0 || k === n - 1) series.push([round3(a.pts[k] / 90000), round3(drift)]);
    const now = drift > AV_LEAD_LIMIT_MS ? 'lead' : drift < -AV_LAG_LIMIT_MS ? 'lag' : 'ok';
    if (now !== state && now !== 'ok') {
      // One finding per excursion beyond the limit (not per sample).
      issues.push(containerIssue(now === 'lead' ? 'AV_SYNC_AUDIO_LEADING' : 'AV_SYNC_AUDIO_LAGGING', {
        offset: a.offsets[k], found: Math.round(Math.abs(drift)), expected: now === 'lead' ? AV_LEAD_LIMIT_MS : AV_LAG_LIMIT_MS,
        element: `${round3(a.pts[k] / 90000)} s`,
      }));
    }
    state = now;
  }
  return {
    report: {
      audio_codec: audioCodec,
      max_drift_ms: round3(max),
      mean_drift_ms: round3(sum / n),
      series,
      discontinuities: v.discontinuities + a.discontinuities,
    },
    issues,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
