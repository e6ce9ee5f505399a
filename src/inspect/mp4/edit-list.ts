/**
 * Edit lists (ISO/IEC 14496-12 8.6.6): media time → presentation time. The model covers
 * what files use: leading empty edits (a delay) and then one edit into the media at rate 1.
 * Anything further is described in the EDIT_LIST finding and only its first media edit maps
 * timestamps.
 */
import { to90k } from './timescale.js';

export interface EditEntry {
  segment_duration: number;
  media_time: number;
  media_rate_integer: number;
  media_rate_fraction: number;
}

export interface EditMap {
  /** Presentation time (90 kHz) of media time `t` (track timescale). */
  toPresentation(t: number): number;
  /** Media time window [start, end) shown by the first media edit (end Infinity when open). */
  window: { start: number; end: number };
  /** Edit list present at all. */
  present: boolean;
  /** What a reader should know, or null when the list only shifts the media onto the timeline. */
  note: string | null;
}

export function editMap(
  edits: EditEntry[] | undefined,
  trackTimescale: number,
  movieTimescale: number,
  compositionTimes: ArrayLike<number>,
): EditMap {
  const list = edits ?? [];
  let delay = 0; // movie timescale
  let i = 0;
  while (i < list.length && list[i].media_time === -1) delay += list[i++].segment_duration;
  const media = list[i];
  const start = media ? media.media_time : 0;
  // segment_duration is in the movie timescale; 0 in a fragmented file means "to the end".
  const end = media && media.segment_duration > 0
    ? start + Math.round((media.segment_duration * trackTimescale) / movieTimescale)
    : Number.POSITIVE_INFINITY;
  const delay90k = to90k(delay, movieTimescale);
  const map: EditMap = {
    toPresentation: (t) => delay90k + to90k(t - start, trackTimescale),
    window: { start, end },
    present: list.length > 0,
    note: null,
  };
  if (list.length === 0) return map;
  const parts: string[] = [];
  if (delay > 0) parts.push(`presentation delayed by ${ms(delay, movieTimescale)} (empty edit)`);
  if (media && (media.media_rate_integer !== 1 || media.media_rate_fraction !== 0))
    parts.push(`media rate ${media.media_rate_integer + media.media_rate_fraction / 65536}`);
  if (list.length > i + 1) parts.push(`${list.length - i - 1} further edit(s) not mapped`);
  // A sample composed before the window start or at/after its end is not presented (8.6.6.1);
  // composition times are passed for video only: an audio track's trimmed encoder priming is routine.
  let outside = 0;
  for (let k = 0; k < compositionTimes.length; k++) {
    const cts = compositionTimes[k];
    if (cts < start || cts >= end) outside++;
  }
  if (media && outside > 0) parts.push(`${outside} of ${compositionTimes.length} sample(s) outside the edit, not presented`);
  if (!media) parts.push('no media edit: nothing presented');
  map.note = parts.length ? parts.join('; ') : null;
  return map;
}

function ms(v: number, timescale: number): string {
  return `${Math.round((v * 1e6) / timescale) / 1e3} ms`;
}
