/**
 * Sample entries and their configuration records (ISO/IEC 14496-15 5.3.2.1, 8.3.2.1): present,
 * well formed, a legal NAL length size, and (once the bitstream is read) in agreement with
 * the SPS the decoder activates.
 */
import type { IssueInfo, StreamInfo } from '../types.js';
import type { SampleFraming } from './framing.js';
import { containerIssue } from './issue.js';
import type { RawSampleEntry } from './sample-entries.js';
import type { VideoTrack } from './track.js';

const CONFIG_FOR: Record<string, 'avcC' | 'hvcC'> = { h264: 'avcC', hevc: 'hvcC' };

export function checkConfigRecords(track: VideoTrack): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const want = CONFIG_FOR[track.codec];
  track.entries.forEach((e, k) => {
    for (const c of e.configs) {
      if (!c.parse.ok) issues.push(containerIssue('MP4_CONFIG_RECORD_INVALID', { offset: c.offset, element: `${c.kind} of sample entry ${k + 1} ('${e.fourcc}'): ${c.parse.reason}` }));
      else if (c.parse.record.lengthSize === 3) issues.push(containerIssue('MP4_BAD_LENGTH_SIZE', { offset: c.offset, found: 2 }));
    }
    if (!e.configs.some((c) => c.kind === want)) {
      issues.push(containerIssue('MP4_CONFIG_RECORD_INVALID', { offset: e.offset, element: `sample entry ${k + 1} ('${e.fourcc}') has no ${want} box` }));
    }
  });
  return issues;
}

function primaryRecord(e: RawSampleEntry | undefined) {
  const c = e?.configs.find((x) => x.kind !== 'lhvC' && x.parse.ok);
  return c && c.parse.ok ? { offset: c.offset, record: c.parse.record } : null;
}

/** Record fields against the active SPS and the framing the samples actually use. */
export function checkConfigAgainstStream(track: VideoTrack, info: StreamInfo | null, framing: SampleFraming): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const cfg = primaryRecord(track.entries[0]);
  if (!cfg) return issues;
  const { record, offset } = cfg;
  const mismatch = (element: string, found: number, expected: number): void => {
    issues.push(containerIssue('CONFIG_RECORD_MISMATCH', { offset, found, expected, element }));
  };
  if (framing.kind === 'length-prefixed' && record.lengthSize !== framing.lengthSize)
    mismatch(`lengthSizeMinusOne (samples use ${framing.lengthSize}-byte NAL lengths)`, record.lengthSize - 1, framing.lengthSize - 1);
  if (framing.kind === 'length-prefixed') {
    // One inspector reads the track with one length size: a later entry with another is not followed.
    track.entries.slice(1).forEach((e, k) => {
      const other = primaryRecord(e);
      if (other && other.record.lengthSize !== framing.lengthSize && other.record.lengthSize !== 3) {
        issues.push(containerIssue('UNSUPPORTED_SYNTAX', { offset: other.offset, element: `sample entry ${k + 2} with ${other.record.lengthSize}-byte NAL lengths (read with ${framing.lengthSize})` }));
      }
    });
  }
  if (!info || info.codec !== track.codec) return issues;
  const avc = record.kind === 'avcC';
  if (record.profileIdc !== null && record.profileIdc !== info.profileIdc)
    mismatch(avc ? 'AVCProfileIndication vs profile_idc' : 'general_profile_idc', record.profileIdc, info.profileIdc);
  if (record.levelIdc !== null && record.levelIdc !== info.levelIdc)
    mismatch(avc ? 'AVCLevelIndication vs level_idc' : 'general_level_idc', record.levelIdc, info.levelIdc);
  const chroma = ['4:0:0', '4:2:0', '4:2:2', '4:4:4'].indexOf(info.chromaFormat);
  if (record.chromaFormatIdc !== null && chroma >= 0 && record.chromaFormatIdc !== chroma)
    mismatch(avc ? 'chroma_format' : 'chromaFormat', record.chromaFormatIdc, chroma);
  if (record.bitDepthLumaMinus8 !== null && record.bitDepthLumaMinus8 + 8 !== info.bitDepth)
    mismatch('bit_depth_luma_minus8', record.bitDepthLumaMinus8, info.bitDepth - 8);
  if (record.bitDepthChromaMinus8 !== null && record.bitDepthChromaMinus8 + 8 !== info.bitDepthChroma)
    mismatch('bit_depth_chroma_minus8', record.bitDepthChromaMinus8, info.bitDepthChroma - 8);
  return issues;
}
