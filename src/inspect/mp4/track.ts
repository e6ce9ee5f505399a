/** The tracks the validator reads: the first H.264/HEVC video track and the first audio track. */
import type { ISOFile, Movie, Sample } from 'mp4box';
import type { Codec } from '../types.js';
import type { EditEntry } from './edit-list.js';
import type { RawSampleEntry, SampleEntryMap } from './sample-entries.js';

/** Sample entry codes (ISO/IEC 14496-15 5.4.2, 8.4.1; Dolby Vision dva1/dvav/dvh1/dvhe). */
const CODEC_OF: Record<string, Codec> = {
  avc1: 'h264', avc2: 'h264', avc3: 'h264', avc4: 'h264', dva1: 'h264', dvav: 'h264',
  hvc1: 'hevc', hvc2: 'hevc', hev1: 'hevc', hev2: 'hevc', dvh1: 'hevc', dvhe: 'hevc',
};
/** Entries whose parameter sets may be in-band (14496-15: avc3/avc4, hev1/hev2). */
const IN_BAND_ENTRIES = new Set(['avc3', 'avc4', 'hev1', 'hev2', 'dvav', 'dvhe']);

export function codecOfEntry(e: RawSampleEntry): Codec | null {
  return CODEC_OF[e.format] ?? null;
}

export function allowsInBandParameterSets(e: RawSampleEntry): boolean {
  return IN_BAND_ENTRIES.has(e.format);
}

export interface TrackTiming {
  id: number;
  timescale: number;
  movieTimescale: number;
  edits: EditEntry[] | undefined;
  samples: Sample[];
}

export interface VideoTrack extends TrackTiming {
  codec: Codec;
  /** Sample entries by description index (0-based, as mp4box numbers them). */
  entries: RawSampleEntry[];
  /** Samples described by the moov (stbl); the rest come from movie fragments. */
  moovSamples: number;
  /** stss sample_numbers (1-based), or null when the box is absent (every moov sample is sync). */
  stss: Set<number> | null;
}

export interface AudioTrack extends TrackTiming {
  codec: string;
}

export type VideoTrackChoice = { track: VideoTrack } | { track: null; why: string };

export function pickVideoTrack(file: ISOFile, info: Movie, entries: SampleEntryMap): VideoTrackChoice {
  const seen: string[] = [];
  for (const t of info.tracks) {
    const list = entries.get(t.id) ?? [];
    const first = list[0];
    if (t.type !== 'video' && !(first && codecOfEntry(first))) continue;
    seen.push(`track ${t.id}: ${first ? first.fourcc : t.codec || 'no sample entry'}`);
    if (!first || !codecOfEntry(first)) continue;
    if (first.fourcc !== first.format) continue; // protected ('encv'): samples are encrypted
    const trak = file.getTrackById(t.id);
    const stbl = trak?.mdia?.minf?.stbl;
    const sizes = stbl?.stsz?.sample_sizes ?? stbl?.stz2?.sample_sizes ?? [];
    const stss = stbl?.stss;
    return {
      track: {
        id: t.id,
        codec: codecOfEntry(first)!,
        timescale: t.timescale,
        movieTimescale: info.timescale,
        edits: t.edits as EditEntry[] | undefined,
        samples: file.getTrackSamplesInfo(t.id) ?? [],
        entries: list,
        moovSamples: sizes.length,
        stss: stss ? new Set(stss.sample_numbers) : null,
      },
    };
  }
  return { track: null, why: seen.length ? seen.join(', ') : `${info.tracks.length} track(s), none video` };
}

export function pickAudioTrack(file: ISOFile, info: Movie): AudioTrack | null {
  const t = info.audioTracks[0];
  if (!t) return null;
  return {
    id: t.id,
    codec: t.codec,
    timescale: t.timescale,
    movieTimescale: info.timescale,
    edits: t.edits as EditEntry[] | undefined,
    samples: file.getTrackSamplesInfo(t.id) ?? [],
  };
}

/** The container's sync flag of video sample `i` (stss for moov samples, trun flags for fragments). */
export function isSyncSample(track: VideoTrack, i: number): boolean {
  if (i < track.moovSamples) return track.stss ? track.stss.has(i + 1) : true;
  return track.samples[i].is_sync;
}
