/**
 * Container vs bitstream (VALIDATION.md B7 44, 45): every sync sample (stss, or trun
 * sample_is_non_sync_sample = 0) must start a decodable point (IDR, IRAP or H.264 recovery
 * point) with its parameter sets available from the sample entry or the sample itself;
 * parameter-set placement must match the sample entry type (avc1/hvc1: in the
 * configuration record; avc3/hev1: in-band at random access points).
 */
import { frameFlags, FrameFlag, decodeFrame } from '../records.js';
import type { IssueInfo } from '../types.js';
import type { FeedResult } from './feed.js';
import { PS_PPS, PS_SPS, PS_VPS } from './frame-log.js';
import { containerIssue } from './issue.js';
import type { RawSampleEntry } from './sample-entries.js';
import { allowsInBandParameterSets, isSyncSample, type VideoTrack } from './track.js';

const PS_NAMES: Array<[number, string]> = [[PS_VPS, 'VPS'], [PS_SPS, 'SPS'], [PS_PPS, 'PPS']];
const H264_PS: Record<number, number> = { 7: PS_SPS, 8: PS_PPS };
const HEVC_PS: Record<number, number> = { 32: PS_VPS, 33: PS_SPS, 34: PS_PPS };

export function psNames(mask: number): string {
  return PS_NAMES.filter(([b]) => mask & b).map(([, n]) => n).join(', ');
}

/** Parameter-set kinds held by an entry's configuration records, and those declared complete (hvcC). */
function configSets(e: RawSampleEntry | undefined, codec: 'h264' | 'hevc'): { have: number; complete: number } {
  let have = 0;
  let complete = 0;
  for (const c of e?.configs ?? []) {
    if (!c.parse.ok || c.kind === 'lhvC') continue;
    for (const a of c.parse.record.arrays) {
      const bit = (codec === 'h264' ? H264_PS : HEVC_PS)[a.nalUnitType] ?? 0;
      if (a.nalUnits.length) have |= bit;
      if (a.arrayCompleteness === 1) complete |= bit;
    }
  }
  return { have, complete };
}

export function checkSyncSamples(track: VideoTrack, fed: FeedResult): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const words = fed.log.frames().words;
  const needed = PS_SPS | PS_PPS | (track.codec === 'hevc' ? PS_VPS : 0);
  const sets = track.entries.map((e) => configSets(e, track.codec));
  // In-band parameter sets in tracks whose entry keeps them out of band: counted per entry kind.
  const inBandIn = new Map<number, { samples: number; kinds: number; first: number; frame: number }>();
  for (let i = 0; i < track.samples.length; i++) {
    const f = fed.frameOfSample[i];
    if (f < 0) continue;
    const s = track.samples[i];
    const entry = track.entries[s.description_index];
    const cfg = sets[s.description_index] ?? { have: 0, complete: 0 };
    const flags = frameFlags(words, f);
    const inBand = fed.log.inBand(f);
    if (inBand && entry && !allowsInBandParameterSets(entry)) {
      const e = inBandIn.get(s.description_index) ?? { samples: 0, kinds: 0, first: s.offset, frame: f };
      e.samples++;
      e.kinds |= inBand;
      inBandIn.set(s.description_index, e);
    }
    const sync = isSyncSample(track, i);
    const keyframe = (flags & FrameFlag.keyframe) !== 0;
    if (sync && !keyframe) {
      const fi = decodeFrame(words, f, f);
      issues.push(containerIssue('SYNC_SAMPLE_NOT_RANDOM_ACCESS', {
        offset: s.offset, frame: f, found: i,
        element: `${fi.pictureType} picture, nal_unit_type ${fi.vclNalType}`,
      }));
      continue;
    }
    if (!sync && (flags & FrameFlag.idr)) {
      issues.push(containerIssue('RANDOM_ACCESS_NOT_SYNC_SAMPLE', { offset: s.offset, frame: f, found: i, element: 'IDR' }));
      continue;
    }
    if (!sync) continue;
    const missing = needed & ~(cfg.have | inBand);
    if (missing) {
      issues.push(containerIssue('SYNC_SAMPLE_MISSING_PARAMETER_SETS', { offset: s.offset, frame: f, found: i, element: psNames(missing) }));
    } else if (entry && allowsInBandParameterSets(entry) && (needed & ~inBand)) {
      issues.push(containerIssue('PARAMETER_SETS_MISSING_AT_RAP_AVC3_HEV1', { offset: s.offset, frame: f, found: i, element: entry.fourcc }));
    }
  }
  for (const [k, e] of inBandIn) {
    const entry = track.entries[k];
    if (track.codec === 'hevc') {
      // array_completeness = 1: every set of that type is in the record, none in the stream (8.3.2.1.3).
      const forbidden = e.kinds & sets[k].complete;
      if (forbidden) issues.push(containerIssue('PARAMETER_SETS_IN_BAND_FOR_HVC1', { offset: e.first, frame: e.frame, found: e.samples, element: psNames(forbidden) }));
    } else if (entry.format === 'avc1' || entry.format === 'avc2') {
      issues.push(containerIssue('PARAMETER_SETS_IN_BAND_FOR_AVC1', { offset: e.first, frame: e.frame, found: e.samples, element: psNames(e.kinds) }));
    }
  }
  return issues;
}
