/**
 * Parameter-set placement against the sample entry and the configuration record
 * (VALIDATION.md B7 44–45; ISO/IEC 14496-15 5.3.2.1, 5.4.2, 8.3.2.1, 8.4.1). Every fixture has
 * IDR pictures at samples 0, 12 and 24.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages, validateFixture, where } from './helpers.js';

test('avc3 with SPS/PPS in-band at every IDR: clean', async () => {
  const r = await validateFixture('avc3_inband.mp4');
  assert.deepEqual(r.issues, []);
  assert.equal(r.mp4?.tracks[0].sample_entry, 'avc3');
});

test('avc3 with the sets in avcC only: each sync sample named (low)', async () => {
  const r = await validateFixture('avc3_no_inband.mp4');
  assert.deepEqual(where(r), [
    ['PARAMETER_SETS_MISSING_AT_RAP_AVC3_HEV1', 0, 48],
    ['PARAMETER_SETS_MISSING_AT_RAP_AVC3_HEV1', 12, 19505],
    ['PARAMETER_SETS_MISSING_AT_RAP_AVC3_HEV1', 24, 38958],
  ]);
  assert.equal(r.verdict, 'warnings');
});

test('avc3, empty avcC, SPS/PPS only in the first IDR: the later keyframes cannot be decoded from', async () => {
  const r = await validateFixture('avc3_no_config.mp4');
  assert.deepEqual(where(r), [
    ['SYNC_SAMPLE_MISSING_PARAMETER_SETS', 12, 20321],
    ['SYNC_SAMPLE_MISSING_PARAMETER_SETS', 24, 40338],
  ]);
  assert.deepEqual(messages(r, 'SYNC_SAMPLE_MISSING_PARAMETER_SETS')[0],
    'sync sample 12: SPS, PPS neither in the sample entry nor in the sample, so decoding cannot start there');
  assert.equal(r.keyframes, 3);
  assert.equal(r.verdict, 'damaged');
});

test('avc1 with in-band SPS/PPS: one finding for the track, counting the samples', async () => {
  const r = await validateFixture('avc1_inband.mp4');
  assert.deepEqual(where(r), [['PARAMETER_SETS_IN_BAND_FOR_AVC1', 0, 48]]);
  assert.deepEqual(messages(r, 'PARAMETER_SETS_IN_BAND_FOR_AVC1'), [
    '3 sample(s) of an avc1 track carry in-band SPS, PPS: they belong in avcC (avc3 allows in-band sets)',
  ]);
});

test('hvc1 (array_completeness = 1) with in-band VPS/SPS/PPS vs hev1 with the same stream', async () => {
  const hvc1 = await validateFixture('hvc1_inband.mp4');
  assert.deepEqual(where(hvc1), [['PARAMETER_SETS_IN_BAND_FOR_HVC1', 0, 44]]);
  assert.deepEqual(messages(hvc1, 'PARAMETER_SETS_IN_BAND_FOR_HVC1'), [
    '3 sample(s) carry in-band VPS, SPS, PPS although the hvc1 sample entry declares array_completeness = 1',
  ]);
  assert.equal(hvc1.issues[0].severity, 'medium');
  const hev1 = await validateFixture('hev1_inband.mp4');
  assert.deepEqual(hev1.issues, []);
  assert.deepEqual([hev1.frames, hev1.keyframes, hev1.video.codec, hev1.video.profile], [25, 3, 'hevc', 'Main']);
});

test('avcC lengthSizeMinusOne = 2: reported; the samples are read with the 4-byte lengths they use', async () => {
  const r = await validateFixture('length_size_3.mp4');
  assert.deepEqual(where(r), [['MP4_BAD_LENGTH_SIZE', null, 50152], ['CONFIG_RECORD_MISMATCH', null, 50152]]);
  assert.deepEqual(messages(r, 'CONFIG_RECORD_MISMATCH'), [
    'lengthSizeMinusOne (samples use 4-byte NAL lengths): the configuration record says 2, the stream 3',
  ]);
  assert.equal(r.frames, 25);
  assert.equal(r.mp4?.nal_length_size, 4);
});

test('avcC profile and level against the SPS', async () => {
  const r = await validateFixture('avcc_profile_level.mp4');
  assert.deepEqual(messages(r, 'CONFIG_RECORD_MISMATCH'), [
    'AVCProfileIndication vs profile_idc: the configuration record says 77, the stream 100',
    'AVCLevelIndication vs level_idc: the configuration record says 40, the stream 13',
  ]);
  assert.equal(r.issues.length, 2);
  assert.equal(r.video.profile, 'High'); // the SPS decides
});
