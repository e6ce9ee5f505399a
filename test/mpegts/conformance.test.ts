/**
 * MPEG-TS conformance over ../shared/conformance/ts (third-party files; expected values from
 * ffprobe in MANIFEST.tsv): frames = packet_count (access units as a parser sees them, the
 * video PID's PES payload read through the bitstream inspector), keyframes = keyframe_count,
 * profile, level, width, height, codec. Every ts/ row matches; the findings each file gets are
 * pinned below with the clause that makes them right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFile, type ValidationReport } from '../../src/index.js';
import { CORPUS_DIR, corpusSkip, manifestRows, type ManifestRow } from '../helpers/manifest.js';

const DIR = CORPUS_DIR;
const skip = corpusSkip;

type Row = ManifestRow;

function rows(): Row[] {
  return manifestRows().filter((r) => r.path.startsWith('ts/'));
}

const names = (r: ValidationReport) => [...new Set(r.issues.map((i) => i.name))].sort();

test('conformance ts/: every row matches MANIFEST.tsv (frames, keyframes, profile, level, size, codec)', { skip }, async () => {
  const all = rows();
  assert.equal(all.length, 13);
  const mismatches: string[] = [];
  for (const row of all) {
    const r = await validateFile(join(DIR, row.path));
    assert.equal(r.container, 'mpegts', row.path);
    const got = { frames: r.frames, keyframes: r.keyframes, codec: r.video.codec, profile: r.video.profile, level: r.video.level, width: r.video.width, height: r.video.height };
    const want = { frames: row.packets, keyframes: row.keyframes, codec: row.codec, profile: row.profile, level: row.level, width: row.width, height: row.height };
    for (const k of Object.keys(want) as Array<keyof typeof want>) {
      if (got[k] !== want[k]) mismatches.push(`${row.path}: ${k} = ${String(got[k])}, manifest ${String(want[k])}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test('conformance ts/: the findings, file by file', { skip }, async () => {
  const v = async (f: string) => validateFile(join(DIR, 'ts', f));
  // Transport-clean files: no transport or A/V finding (catalogue 100-149, AV_SYNC_*), A/V drift
  // within the R37 window where there is audio. (Bitstream findings are the inspector's.)
  const transportFindings = (r: ValidationReport) =>
    r.issues.filter((i) => (i.code >= 100 && i.code < 150) || i.name.startsWith('AV_SYNC_')).map((i) => i.name);
  for (const f of ['hevc.ts', 'sample_h264.ts', 'sample_h264_dts_audio.ts', 'sample_h264_mpeg_audio.ts',
    'sample_h264_no_access_unit_delimiters.ts', 'sample_h265_rps_pred.ts', 'test.ts']) {
    const r = await v(f);
    assert.deepEqual(transportFindings(r), [], f);
    assert.equal(r.transport?.packet_size, 188, f);
    assert.ok(Object.values(r.transport!.indicators).every((n) => n === 0), f);
  }
  assert.equal((await v('sample_h264_dts_audio.ts')).av_sync?.audio_codec, 'dts');
  assert.equal((await v('sample_h264_mpeg_audio.ts')).av_sync?.audio_codec, 'mpeg_audio');

  // no-initial-keyframe.ts: 78 access units (manifest packet_count 78; its frame_count 15 is what
  // a decoder outputs after the first IDR at frame 63). The segment starts mid-GOP: slices
  // referring to a PPS not yet received (H.264 7.4.1.2.1), no random access point first, and
  // the keyframe's PES packet does not carry random_access_indicator (13818-1 2.4.3.5).
  const nik = await v('no-initial-keyframe.ts');
  const nikRow = rows().find((r) => r.path === 'ts/no-initial-keyframe.ts')!;
  assert.equal(nikRow.frames, 15);
  assert.equal(nik.frames, 78);
  // Bitstream findings point into the file: the NAL unit header inside its TS packet (PID 0x101).
  const file = readFileSync(join(DIR, 'ts', 'no-initial-keyframe.ts'));
  const at = (name: string) => nik.issues.find((i) => i.name === name)!.offset;
  assert.equal(at('NO_KEYFRAME_AT_START'), 2 * 188 + 35);
  assert.equal(file[at('NO_KEYFRAME_AT_START')] & 0x1f, 9); // access_unit_delimiter
  assert.equal(at('SLICE_PARAM_SET_MISSING'), 2 * 188 + 64);
  assert.equal(file[at('SLICE_PARAM_SET_MISSING')] & 0x1f, 1); // coded slice of a non-IDR picture
  assert.equal(((file[2 * 188 + 1] & 0x1f) << 8) | file[2 * 188 + 2], 0x101);
  const kf = nik.issues.filter((i) => i.name === 'KEYFRAME_WITHOUT_RANDOM_ACCESS_INDICATOR');
  assert.deepEqual(kf.map((i) => i.frame), [63]);
  // Its muxer pads with adaptation_field_length 183 under adaptation_field_control '11' (2.4.3.5
  // allows 0..182 with payload): low, once per PID, the packets still count.
  assert.equal(nik.issues.filter((i) => i.name === 'ADAPTATION_FIELD_NO_PAYLOAD_ROOM').length, 2);
  assert.equal(nik.transport?.indicators.Continuity_count_error, 0);

  // entry24-segment3.ts: its AUD fails the rbsp_trailing_bits check (H.265 7.3.2.5): a low
  // AUD_MALFORMED is right. Frame 1 starts a PES packet with random_access_indicator but is no IRAP.
  const e24 = await v('entry24-segment3.ts');
  const aud = e24.issues.filter((i) => i.name === 'AUD_MALFORMED');
  assert.ok(aud.length >= 1 && aud.every((i) => i.severity === 'low'));
  assert.deepEqual(e24.issues.filter((i) => i.name === 'RANDOM_ACCESS_INDICATOR_MISMATCH').map((i) => i.frame), [1]);

  // missing-keyframe-labels.ts: as its name says, the 2 keyframes have no random_access_indicator.
  const mkl = await v('missing-keyframe-labels.ts');
  assert.deepEqual(mkl.issues.filter((i) => i.name === 'KEYFRAME_WITHOUT_RANDOM_ACCESS_INDICATOR').map((i) => i.frame), [0, 266]);

  // no-aud.ts: cut at 1 MiB (100 bytes into a packet); duplicate DTS at the start (ffmpeg: "non
  // monotonically increasing dts 3 >= 3"); random_access_indicator on every PES packet although
  // frames 1-8 are P pictures; audio starts 64 ms after video (lag beyond R37's 60 ms).
  const na = await v('no-aud.ts');
  assert.deepEqual(na.issues.filter((i) => i.name === 'TS_PACKET_TRUNCATED').map((i) => i.message), ['the stream ends 100 bytes into a TS packet']);
  assert.equal(na.issues.filter((i) => i.name === 'PES_NON_MONOTONIC_DTS').length, 1);
  assert.deepEqual(na.issues.filter((i) => i.name === 'RANDOM_ACCESS_INDICATOR_MISMATCH').map((i) => i.frame), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(na.av_sync?.max_drift_ms, -64);

  // 0.ts: one PAT and one PMT for 5 s (TR 101 290 1.3/1.5 want them every 0.5 s), no PCR at all
  // (PCR_PID 0x1FFF): the PAT/PMT intervals run on the video decoding times.
  const z = await v('0.ts');
  assert.deepEqual(z.issues.filter((i) => i.name === 'PAT_ERROR' || i.name === 'PMT_ERROR').length, 2);
  assert.equal(z.transport?.pids['0x0000'].packets, 1);
});
