/** The `mp4` section of the report: what the container says, next to what the bitstream says. */
import type { FeedResult } from './feed.js';
import type { ParsedMovie } from './movie.js';
import type { TopLevelBox } from './top-level-boxes.js';
import type { VideoTrack } from './track.js';

export interface Mp4TrackReport {
  id: number;
  /** 'video', 'audio', … (handler type). */
  type: string;
  /** RFC 6381 codecs string as mp4box derives it. */
  codec: string;
  /** First sample entry four-character code. */
  sample_entry: string | null;
  timescale: number;
  samples: number;
  edits: Array<{ segment_duration: number; media_time: number; media_rate: number }>;
}

export interface Mp4Report {
  brands: string[];
  fragmented: boolean;
  /** Count of top-level boxes by type, in order of first appearance. */
  top_level_boxes: Record<string, number>;
  tracks: Mp4TrackReport[];
  /** The track the inspector read (null when none qualified). */
  video_track: number | null;
  /** NAL unit length field size of the samples; null when they hold Annex B start codes or were not read. */
  nal_length_size: number | null;
  /** Video samples pushed into the inspector (the rest lie outside the file or are invalid). */
  samples_read: number;
}

export function mp4Summary(
  boxes: TopLevelBox[],
  movie: ParsedMovie | null,
  video: { track: VideoTrack; fed: FeedResult } | null,
): Mp4Report {
  const counts: Record<string, number> = {};
  for (const b of boxes) counts[b.type] = (counts[b.type] ?? 0) + 1;
  const info = movie?.info;
  const framing = video?.fed.framing;
  return {
    brands: info?.brands ?? [],
    fragmented: info?.isFragmented ?? counts.moof > 0,
    top_level_boxes: counts,
    tracks: (info?.tracks ?? []).map((t) => ({
      id: t.id,
      type: t.type ?? 'other',
      codec: t.codec,
      sample_entry: movie?.entries.get(t.id)?.[0]?.fourcc ?? null,
      timescale: t.timescale,
      samples: movie?.file.getTrackSamplesInfo(t.id)?.length ?? t.nb_samples,
      edits: (t.edits ?? []).map((e) => ({
        segment_duration: e.segment_duration,
        media_time: e.media_time,
        media_rate: e.media_rate_integer + e.media_rate_fraction / 65536,
      })),
    })),
    video_track: video?.track.id ?? null,
    nal_length_size: framing && framing.kind === 'length-prefixed' ? framing.lengthSize : null,
    samples_read: video ? countRead(video.fed) : 0,
  };
}

function countRead(fed: FeedResult): number {
  return fed.map.samples;
}
