/**
 * Video timestamps (VALIDATION.md B7 46, B8 52–53): decoding times strictly increasing,
 * no jumps, composition before decoding noted, composition order equal to picture order
 * count order within each coded video sequence, and VUI timing against sample durations.
 */
import { decodeFrame, FrameFlag, frameFlags } from '../records.js';
import type { IssueInfo, StreamInfo } from '../types.js';
import type { DecodeTimes } from './decode-times.js';
import type { FeedResult } from './feed.js';
import { containerIssue } from './issue.js';
import type { VideoTrack } from './track.js';

/**
 * A decoding time this many typical sample durations (and ≥ 100 ms) away from where the previous
 * sample's duration ends is a discontinuity. Only movie fragments can have one (a tfdt that does
 * not continue the previous fragment): in a moov, decoding times are the sums of the durations.
 */
export const DISCONTINUITY_DURATIONS = 10;
/** VUI and container frame rates may differ by this fraction before it is a finding. */
export const FRAME_RATE_TOLERANCE = 0.01;

export function medianDuration(d: Float64Array): number {
  const v = [...d].filter((x) => x > 0).sort((a, b) => a - b);
  return v.length ? v[v.length >> 1] : 0;
}

function ms(v: number, timescale: number): string {
  return `${Math.round((v * 1e6) / timescale) / 1e3} ms`;
}

export function checkTiming(track: VideoTrack, times: DecodeTimes, fed: FeedResult, info: StreamInfo | null): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const { dts, cts } = times;
  const ts = track.timescale;
  const n = track.samples.length;
  const median = medianDuration(times.duration);
  const jump = Math.max(DISCONTINUITY_DURATIONS * median, ts / 10);
  let ctsBeforeDts = 0;
  let firstCtsBeforeDts = -1;
  for (let i = 0; i < n; i++) {
    const s = track.samples[i];
    if (cts[i] < dts[i]) {
      if (ctsBeforeDts++ === 0) firstCtsBeforeDts = i;
    }
    if (i === 0) continue;
    const at = { offset: s.offset, frame: fed.frameOfSample[i], found: i };
    const gap = dts[i] - (dts[i - 1] + times.duration[i - 1]);
    if (dts[i] <= dts[i - 1]) {
      issues.push(containerIssue('NON_MONOTONIC_DTS', { ...at, element: `${ms(dts[i], ts)} after ${ms(dts[i - 1], ts)}` }));
    } else if (Math.abs(gap) > jump) {
      issues.push(containerIssue('TIMESTAMP_DISCONTINUITY', { ...at, found: track.id, element: `${ms(gap, ts)} at sample ${i} (typical sample duration ${ms(median, ts)})` }));
    }
  }
  if (ctsBeforeDts) {
    const i = firstCtsBeforeDts;
    issues.push(containerIssue('CTS_BEFORE_DTS', {
      offset: track.samples[i].offset, frame: fed.frameOfSample[i], found: ctsBeforeDts,
      element: `sample ${i}, composition ${ms(cts[i], ts)} < decoding ${ms(dts[i], ts)}`,
    }));
  }
  issues.push(...checkCompositionOrder(track, times, fed));
  const vui = checkVuiTiming(track, median, info);
  if (vui) issues.push(vui);
  return issues;
}

/** Composition order vs POC order, per coded video sequence (split at IDR and BLA pictures). */
function checkCompositionOrder(track: VideoTrack, times: DecodeTimes, fed: FeedResult): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const words = fed.log.frames().words;
  const count = fed.log.count;
  let from = 0;
  const flush = (to: number): void => {
    const group: Array<{ f: number; poc: number; cts: number }> = [];
    for (let f = from; f < to; f++) {
      const s = fed.log.sampleOf(f);
      if (s < 0 || fed.frameOfSample[s] !== f) continue;
      group.push({ f, poc: decodeFrame(words, f, f).poc, cts: times.cts[s] });
    }
    if (group.length < 2) return;
    const byPoc = [...group].sort((a, b) => a.poc - b.poc || a.f - b.f);
    const byCts = [...group].sort((a, b) => a.cts - b.cts || a.poc - b.poc);
    let outOfPlace = 0;
    let first = -1;
    for (let k = 0; k < byPoc.length; k++) {
      if (byPoc[k].f !== byCts[k].f) {
        outOfPlace++;
        if (first < 0 || byPoc[k].f < first) first = byPoc[k].f;
      }
    }
    if (outOfPlace) {
      const s = fed.log.sampleOf(first);
      issues.push(containerIssue('CTS_ORDER_MISMATCH', { offset: track.samples[s].offset, frame: first, found: outOfPlace }));
    }
  };
  for (let f = 0; f < count; f++) {
    const flags = frameFlags(words, f);
    if (f > from && flags & (FrameFlag.idr | FrameFlag.bla)) {
      flush(f);
      from = f;
    }
  }
  flush(count);
  return issues;
}

/** VUI frame rate (E.2.1 / E.3.1 timing) against the typical sample duration. */
function checkVuiTiming(track: VideoTrack, median: number, info: StreamInfo | null): IssueInfo | null {
  if (!info || info.frameRate === null || !(median > 0)) return null;
  const container = track.timescale / median;
  const vui = info.frameRate;
  if (Math.abs(vui - container) <= FRAME_RATE_TOLERANCE * container) return null;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return containerIssue('VUI_TIMING_MISMATCH', {
    offset: track.samples[0]?.offset ?? 0,
    element: `${round(vui)} frames/s (typical sample duration ${round(1000 / container)} ms: ${round(container)} frames/s)`,
  });
}
