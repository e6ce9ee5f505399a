/**
 * Audio against video timing (VALIDATION.md B8 51–52) for an MP4: each track's samples as a
 * clock for the shared A/V model of src/inspect/av-sync.ts (the one MPEG-TS uses), on the
 * presentation timeline (edit lists applied), in 90 kHz ticks.
 *
 * A track's content starts at its first presented instant: the first sample, or the edit's
 * media_time when the edit trims media before it (AAC encoder priming, a video composition
 * delay). In presentation order, the content clock of a sample is the sum of the durations
 * before it, counted from that instant.
 */
import { avSync } from '../av-sync.js';
import type { AvSyncReport } from '../report.js';
import type { IssueInfo } from '../types.js';
import { decodeTimes, type DecodeTimes } from './decode-times.js';
import { editMap } from './edit-list.js';
import type { ParsedMovie } from './movie.js';
import { DISCONTINUITY_DURATIONS, medianDuration } from './timing-checks.js';
import { to90k } from './timescale.js';
import { pickAudioTrack, type TrackTiming } from './track.js';

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

/** The first audio track against `video`: the shared A/V model (src/inspect/av-sync.ts) on MP4 clocks. */
export function audioVideoSync(movie: ParsedMovie, video: TrackTiming, videoTimes: DecodeTimes): AvSyncResult {
  const audio = pickAudioTrack(movie.file, movie.info);
  if (!audio || audio.samples.length === 0 || video.samples.length === 0) return { report: null, issues: [] };
  const v = trackClock(video, videoTimes);
  const a = trackClock(audio, decodeTimes(movie.file, audio));
  const r = avSync(v, a, { audioCodec: audio.codec });
  if (!r) return { report: null, issues: [] };
  // Discontinuities as the MP4 timing checks see them: decoding times that do not continue.
  r.report.discontinuities = v.discontinuities + a.discontinuities;
  return r;
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
