/** EDIT_LIST findings (ISO/IEC 14496-12 8.6.6) for the video track and the first audio track. */
import type { IssueInfo } from '../types.js';
import type { DecodeTimes } from './decode-times.js';
import { editMap } from './edit-list.js';
import { containerIssue } from './issue.js';
import type { ParsedMovie } from './movie.js';
import { pickAudioTrack, type TrackTiming } from './track.js';

export function editListIssues(movie: ParsedMovie, video: TrackTiming, times: DecodeTimes): IssueInfo[] {
  const issues: IssueInfo[] = [];
  const v = editMap(video.edits, video.timescale, video.movieTimescale, times.cts);
  if (v.note) issues.push(containerIssue('EDIT_LIST', { offset: video.samples[0]?.offset ?? 0, found: video.id, element: v.note }));
  const audio = pickAudioTrack(movie.file, movie.info);
  if (audio) {
    const a = editMap(audio.edits, audio.timescale, audio.movieTimescale, []);
    if (a.note) issues.push(containerIssue('EDIT_LIST', { offset: audio.samples[0]?.offset ?? 0, found: audio.id, element: a.note }));
  }
  return issues;
}
