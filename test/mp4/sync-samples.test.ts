/**
 * Container sync flags against the bitstream (VALIDATION.md B7 44): fixtures made from
 * h264_aac.mp4 (IDR pictures at samples 0, 12, 24) by size-preserving stss edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, validateFixture, where } from './helpers.js';

test('the reference file is clean: 25 samples, IDR at 0, 12, 24, stss = {1, 13, 25}', async () => {
  const r = await validateFixture('h264_aac.mp4');
  assert.equal(r.container, 'mp4');
  assert.equal(r.verdict, 'clean');
  assert.equal(r.frames, 25);
  assert.equal(r.keyframes, 3);
  assert.deepEqual(r.issues, []);
  assert.deepEqual([r.video.codec, r.video.profile, r.video.level, r.video.width, r.video.height], ['h264', 'High', '1.3', 320, 240]);
  assert.equal(r.mp4?.video_track, 1);
  assert.equal(r.mp4?.nal_length_size, 4);
  assert.equal(r.mp4?.samples_read, 25);
});

test('the keyframe lie: stss = {1, 7, 25} marks a B picture sync and leaves the IDR at sample 12 out', async () => {
  const r = await validateFixture('stss_wrong.mp4');
  assert.deepEqual(where(r), [
    ['SYNC_SAMPLE_NOT_RANDOM_ACCESS', 6, 13467],
    ['RANDOM_ACCESS_NOT_SYNC_SAMPLE', 12, 22030],
  ]);
  assert.deepEqual(messages(r, 'SYNC_SAMPLE_NOT_RANDOM_ACCESS'), [
    'sample 6 is marked sync but its access unit is not a random access point (B picture, nal_unit_type 1)',
  ]);
  assert.equal(r.issues[0].severity, 'high');
  assert.equal(r.issues[1].severity, 'low');
  assert.equal(r.keyframes, 3); // from the bitstream, whatever the container says
  assert.equal(r.verdict, 'damaged');
});

test('no stss box: every sample is a sync sample (ISO/IEC 14496-12 8.6.2), 22 of them are not', async () => {
  const r = await validateFixture('stss_absent.mp4');
  const lies = r.issues.filter((i) => i.name === 'SYNC_SAMPLE_NOT_RANDOM_ACCESS').map((i) => i.frame);
  assert.deepEqual(lies, [...Array(25).keys()].filter((i) => i !== 0 && i !== 12 && i !== 24));
  assert.equal(r.issues.length, 22);
});

test('fragmented file: sync flags come from trun sample flags and agree with the bitstream', async () => {
  const r = await validateFixture('fragmented.mp4');
  assert.equal(r.mp4?.fragmented, true);
  assert.deepEqual(r.mp4?.top_level_boxes, { ftyp: 1, moov: 1, moof: 3, mdat: 3, mfra: 1 });
  assert.equal(r.frames, 25);
  assert.equal(r.keyframes, 3);
  assert.equal(r.issues.filter((i) => i.name.startsWith('SYNC') || i.name.startsWith('RANDOM')).length, 0);
});
