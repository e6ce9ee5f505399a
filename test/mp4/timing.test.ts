/**
 * Timestamps (VALIDATION.md B7 46, B8 51–52): composition vs POC order, decoding-time
 * monotonicity and jumps in fragments, and audio against video on the presentation timeline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, validateFixture, where } from './helpers.js';

test('no ctts: composition order = decoding order, against POC order with B pictures', async () => {
  const r = await validateFixture('ctts_absent.mp4');
  // Two GOPs of 12 with B pictures: all but the IDR out of place; the last GOP is one picture.
  assert.deepEqual(where(r), [
    ['EDIT_LIST', null, 48],
    ['CTS_ORDER_MISMATCH', 1, 4979],
    ['CTS_ORDER_MISMATCH', 13, 27850],
  ]);
  assert.deepEqual(messages(r, 'CTS_ORDER_MISMATCH')[0],
    'composition order differs from picture order count order: 11 picture(s) of this coded video sequence out of place');
  // The edit still starts at media time 1024 (the 2-frame delay ctts had): samples composed at 0 and 512 fall before it.
  assert.deepEqual(messages(r, 'EDIT_LIST'), ['track 1 edit list: 2 of 25 sample(s) outside the edit, not presented']);
});

test('fragments whose tfdt jumps 5 s ahead, then back to 0', async () => {
  const r = await validateFixture('fragmented_tfdt.mp4');
  assert.deepEqual(
    r.issues.filter((i) => i.name === 'TIMESTAMP_DISCONTINUITY' || i.name === 'NON_MONOTONIC_DTS').map((i) => [i.name, i.frame, i.offset, i.message]),
    [
      ['TIMESTAMP_DISCONTINUITY', 12, 24100, 'track 1: decoding time jumps by 5000 ms at sample 12 (typical sample duration 40 ms)'],
      ['NON_MONOTONIC_DTS', 24, 46762, 'decoding time does not increase at sample 24 (0 ms after 5920 ms)'],
    ],
  );
  assert.equal(r.av_sync?.discontinuities, 2);
  assert.equal(r.av_sync?.max_drift_ms, 5040);
});

test('audio 250 ms late (-itsoffset 0.25): lagging beyond EBU R37', async () => {
  const r = await validateFixture('audio_late_250ms.mp4');
  // ffmpeg writes the offset as a 228 ms empty edit (movie timescale 1000) before the audio media from
  // time 0, whose first 1024 samples (21.3 ms) are AAC encoder priming this edit does not trim: the
  // file presents the audio from 228 ms, the tone itself from ≈ 250 ms.
  assert.deepEqual(where(r), [['EDIT_LIST', null, 14928], ['AV_SYNC_AUDIO_LAGGING', null, 14928]]);
  assert.deepEqual(messages(r, 'AV_SYNC_AUDIO_LAGGING'), ['audio lags video by 228 ms (more than 60 ms) from 0.228 s']);
  assert.deepEqual(messages(r, 'EDIT_LIST'), ['track 2 edit list: presentation delayed by 228 ms (empty edit)']);
  const av = r.av_sync!;
  assert.equal(av.audio_codec, 'mp4a.40.2');
  assert.equal(av.max_drift_ms, -228);
  assert.equal(av.mean_drift_ms, -228);
  assert.equal(av.discontinuities, 0);
  assert.equal(av.series.length, 37); // one point per audio sample (≤ 200)
  assert.deepEqual(av.series[0], [0.228, -228]);
});

test('aligned audio: the AAC priming trimmed by the edit list is not drift', async () => {
  const r = await validateFixture('h264_aac.mp4');
  assert.deepEqual(r.av_sync, {
    audio_codec: 'mp4a.40.2', max_drift_ms: 0, mean_drift_ms: 0,
    series: r.av_sync!.series, discontinuities: 0,
  });
  assert.ok(r.av_sync!.series.every(([, d]) => d === 0));
});

test('fragmented without edit lists: video composed 80 ms (two B frames) after the audio', async () => {
  // 1024/12800 s composition delay of the first video sample; an fMP4 with no edit list presents it as is.
  const r = await validateFixture('fragmented.mp4');
  assert.deepEqual(where(r), [['AV_SYNC_AUDIO_LEADING', null, 21183]]);
  assert.equal(r.av_sync?.max_drift_ms, 80);
});
