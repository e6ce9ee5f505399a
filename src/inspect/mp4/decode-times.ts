/**
 * Decoding and composition times of a track's samples (track timescale). Moov samples take
 * them from stts/ctts as mp4box built them. For movie fragments mp4box chains each fragment
 * onto the previous one and ignores later tfdt boxes, which hides exactly the jumps a
 * validator must see; here each fragment starts at its own baseMediaDecodeTime
 * (ISO/IEC 14496-12 8.8.12) when it has one.
 */
import type { ISOFile } from 'mp4box';
import type { TrackTiming } from './track.js';

export interface DecodeTimes {
  dts: Float64Array;
  cts: Float64Array;
  duration: Float64Array;
}

export function decodeTimes(file: ISOFile, track: TrackTiming): DecodeTimes {
  const n = track.samples.length;
  const dts = new Float64Array(n);
  const cts = new Float64Array(n);
  const duration = new Float64Array(n);
  // tfdt of each (moof number, track): mp4box numbers a fragment's samples with moof_number = index + 1.
  const base = new Map<number, number>();
  file.moofs.forEach((moof, m) => {
    for (const traf of moof.trafs ?? []) {
      if (traf.tfhd?.track_id === track.id && traf.tfdt && !base.has(m + 1)) base.set(m + 1, Number(traf.tfdt.baseMediaDecodeTime));
    }
  });
  let moof = -1;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const s = track.samples[i];
    const offset = s.cts - s.dts;
    let d = s.dts;
    if (s.moof_number !== undefined) {
      if (s.moof_number !== moof) {
        moof = s.moof_number;
        const b = base.get(moof);
        if (b !== undefined) next = b;
      }
      d = next;
    }
    dts[i] = d;
    cts[i] = d + offset;
    duration[i] = s.duration ?? 0;
    next = d + duration[i];
  }
  return { dts, cts, duration };
}
