/** The A/V drift model of src/inspect/av-sync.ts on synthetic timelines (90 kHz). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { avSync } from '../../src/inspect/av-sync.js';

const range = (n: number, start: number, step: number) => Array.from({ length: n }, (_, k) => start + k * step);
// 10 s of 25 fps video and AAC frames at 48 kHz (1024 samples = 1920 ticks).
const video = (start = 126000) => range(250, start, 3600);
const audio = (start = 126000) => range(469, start, 1920);

test('streams that start together: no drift, no finding', () => {
  const r = avSync({ pts: video() }, { pts: audio() }, { audioCodec: 'aac' })!;
  assert.equal(r.report.max_drift_ms, 0);
  assert.equal(r.report.mean_drift_ms, 0);
  assert.equal(r.report.audio_codec, 'aac');
  assert.equal(r.report.discontinuities, 0);
  assert.deepEqual(r.issues, []);
  assert.ok(r.report.series.length <= 200);
  assert.deepEqual(r.report.series[0], [1.4, 0]);
});

test('audio 250 ms late (ffmpeg -itsoffset 0.25 on the audio input): -250 ms, one lag finding', () => {
  const r = avSync({ pts: video() }, { pts: audio(126000 + 22500) })!;
  assert.equal(r.report.max_drift_ms, -250);
  assert.equal(r.report.mean_drift_ms, -250);
  assert.deepEqual(r.issues.map((i) => [i.name, i.found, i.expected, i.message]), [
    ['AV_SYNC_AUDIO_LAGGING', 250, 60, 'audio lags video by 250 ms (more than 60 ms) from 1.65 s'],
  ]);
});

test('audio early by 41 ms leads beyond R37; 40 ms does not', () => {
  assert.deepEqual(avSync({ pts: video() }, { pts: audio(126000 - 40 * 90) })!.issues, []);
  const r = avSync({ pts: video() }, { pts: audio(126000 - 41 * 90) })!;
  assert.equal(r.report.max_drift_ms, 41);
  assert.deepEqual(r.issues.map((i) => i.name), ['AV_SYNC_AUDIO_LEADING']);
});

test('a timestamp jump in one stream moves the drift from there on and counts as a discontinuity', () => {
  // A step of 100 ms (under the jump threshold of 10 typical steps, 213 ms) is read as audio
  // that is missing (lost frames): the content clock takes it, the drift does not move.
  const a = audio();
  for (let k = 200; k < a.length; k++) a[k] += 9000;
  const small = avSync({ pts: video() }, { pts: a })!;
  assert.equal(small.report.discontinuities, 0);
  assert.equal(small.report.max_drift_ms, 0);
  // +1 s: a discontinuity; its step counts as one typical step of content, so the drift moves by 1 s.
  const b = audio();
  for (let k = 200; k < b.length; k++) b[k] += 90000;
  const r = avSync({ pts: video() }, { pts: b, offsets: range(b.length, 1000, 188) })!;
  assert.equal(r.report.discontinuities, 1);
  assert.equal(r.report.max_drift_ms, -1000);
  assert.deepEqual(r.issues.map((i) => [i.name, i.offset, i.found]), [['AV_SYNC_AUDIO_LAGGING', 1000 + 200 * 188, 1000]]);
});

test('content clocks given by the container, start offsets, empty tracks', () => {
  // Samples with durations 1920 but timestamps drifting 1 tick per frame: the clock shows it.
  const pts = range(469, 0, 1921);
  const content = range(469, 0, 1920);
  const r = avSync({ pts: video(0) }, { pts, content })!;
  assert.equal(r.report.max_drift_ms, -5.2); // the last sample: 468 ticks late
  const shifted = avSync({ pts: video(0), startOffset: 900 }, { pts: audio(0) })!;
  assert.equal(shifted.report.max_drift_ms, 10);
  assert.equal(avSync({ pts: [] }, { pts: audio() }), null);
  assert.equal(avSync({ pts: video() }, { pts: [] }), null);
});
