/** Timing of an MPEG-TS file from its records: the A/V timelines and VUI timing against the timestamps. */
import { issueByName, renderMessage } from '../catalogue.js';
import { hostIssue } from '../file.js';
import type { AvTrack } from '../av-sync.js';
import type { FrameInfo, IssueInfo, StreamInfo } from '../types.js';
import type { PesTiming } from './records.js';

/** Presentation times of the video frames that carry one, ascending (90 kHz). */
export function videoTrack(frames: Iterable<FrameInfo>): AvTrack {
  const pts: number[] = [];
  for (const f of frames) if (f.pts !== null) pts.push(f.pts);
  return { pts: pts.sort((a, b) => a - b) };
}

/** The first audio PID with timestamps, its codec and its PES times (ascending), or null. */
export function audioTrack(pes: Iterable<PesTiming>): { pid: number; codec: string; track: AvTrack } | null {
  let pid = -1;
  let codec = '';
  const rows: Array<[number, number]> = [];
  for (const p of pes) {
    if (!p.audio || p.pts === null) continue;
    if (pid < 0) {
      pid = p.pid;
      codec = p.codec;
    }
    if (p.pid === pid) rows.push([p.pts, p.offset]);
  }
  if (pid < 0) return null;
  rows.sort((a, b) => a[0] - b[0]);
  return { pid, codec, track: { pts: rows.map((r) => r[0]), offsets: rows.map((r) => r[1]) } };
}

/**
 * VUI timing against the timestamps (VALIDATION.md B6 item 43): the typical step between
 * consecutive frame PTS (median, presentation order) should be one VUI frame duration; more
 * than 1 % off is reported once.
 */
export function vuiTimingIssue(info: StreamInfo | null, video: AvTrack): IssueInfo | null {
  if (!info?.frameRate || video.pts.length < 3) return null;
  const steps: number[] = [];
  for (let k = 1; k < video.pts.length; k++) {
    const s = video.pts[k] - video.pts[k - 1];
    if (s > 0) steps.push(s);
  }
  if (steps.length === 0) return null;
  steps.sort((a, b) => a - b);
  const seen = steps[steps.length >> 1];
  const expected = 90000 / info.frameRate;
  if (Math.abs(seen - expected) <= expected / 100) return null;
  const element = `${+info.frameRate.toFixed(3)} fps (${+expected.toPrecision(4)} ticks per frame)`;
  const name = 'PES_VUI_TIMING_MISMATCH';
  return {
    ...hostIssue(name, element, seen),
    expected: Math.round(expected),
    message: renderMessage(issueByName(name).message, { element, found: seen, min: Math.round(expected), max: 0 }),
  };
}
