/**
 * Truncated files: a clear issue and a partial report, never a crash or a rejection.
 * cut_in_mdat.mp4 = h264_aac_faststart.mp4 cut at 30000 bytes; no_moov.mp4 = h264_aac.mp4
 * (moov last) cut at 30000; moov_cut.mp4 = h264_aac.mp4 without its last 100 bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, validateFixture, where } from './helpers.js';

test('mdat cut: the samples present are inspected, the cut sample and the missing ones reported', async () => {
  const r = await validateFixture('cut_in_mdat.mp4');
  assert.deepEqual(where(r), [
    ['MP4_TRUNCATED_MDAT', null, 2156],
    ['MP4_SAMPLE_OUT_OF_FILE', null, 29966],
    ['NAL_TRUNCATED', 13, 29970],
    ['LENGTH_OVERRUN', 13, 30000],
    ['MP4_SAMPLE_OUT_OF_FILE', null, 32093],
  ]);
  assert.deepEqual(messages(r, 'MP4_SAMPLE_OUT_OF_FILE'), [
    'sample 13 lies past the end of the file (1809 of its 1843 bytes missing; the file ends at 30000)',
    'sample 14 lies past the end of the file (samples 14..24: 11 samples, 16588 bytes; the file ends at 30000)',
  ]);
  assert.deepEqual(messages(r, 'MP4_TRUNCATED_MDAT'), ['media data box (mdat) cut by the end of the file: 21757 declared bytes missing']);
  assert.equal(r.frames, 14); // samples 0..13, the last one cut
  assert.equal(r.keyframes, 2);
  assert.equal(r.mp4?.samples_read, 14);
  assert.equal(r.verdict, 'damaged');
});

test('no moov at all: unreadable, with the boxes that were there', async () => {
  const r = await validateFixture('no_moov.mp4');
  assert.deepEqual(where(r), [['MP4_TRUNCATED_MDAT', null, 40], ['MP4_NO_MOOV', null, 0]]);
  assert.deepEqual(messages(r, 'MP4_NO_MOOV'), ['no complete movie box (moov): absent (top-level boxes: ftyp, free, mdat)']);
  assert.equal(r.verdict, 'unreadable');
  assert.equal(r.frames, 0);
  assert.deepEqual(r.mp4?.top_level_boxes, { ftyp: 1, free: 1, mdat: 1 });
  assert.equal(r.mp4?.video_track, null);
});

test('moov at the end, cut: unreadable, the missing bytes counted', async () => {
  const r = await validateFixture('moov_cut.mp4');
  assert.deepEqual(where(r), [['MP4_NO_MOOV', null, 49641]]);
  assert.deepEqual(messages(r, 'MP4_NO_MOOV'), ['no complete movie box (moov): cut by the end of the file at byte 51657 (100 of 2116 bytes missing)']);
  assert.equal(r.verdict, 'unreadable');
  assert.equal(r.issues[0].severity, 'critical');
});
