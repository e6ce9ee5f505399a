/**
 * MP4/MOV files of ../shared/conformance (third-party; expected values from ffprobe in
 * MANIFEST.tsv): frames = packet_count (samples as access units), keyframes = keyframe_count
 * (random-access points), profile, level, width, height for every mp4/ row, plus the
 * container findings each notable file must produce.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { validateFile, type ValidationReport } from '../../src/index.js';
import { CORPUS_DIR, corpusSkip, manifestRows, type ManifestRow } from '../helpers/manifest.js';

const DIR = CORPUS_DIR;
const skip = corpusSkip;

/** Where this validator and the manifest differ, and why the spec is on our side. */
const EXCEPTIONS: Record<string, { fields: Record<string, unknown>; why: string }> = {
  'mp4/iibbibb_editlist_videoonly.mp4': {
    fields: { keyframes: 5 },
    why: 'The 13 samples hold 5 random-access points (an IDR and 4 I pictures with recovery-point SEI, ' +
      'H.264 D.2.8), as packet_keyframe_count (5) says. The edit list (ISO/IEC 14496-12 8.6.6) starts at ' +
      'media time 2.5 s, after the composition time (2 s) of the first sample, so a player presents 12 ' +
      'frames and ffprobe decodes 4 keyframes. Frames count the 13 access units of the track (packet_count).',
  },
};

type Row = ManifestRow;

const manifest = manifestRows;

const reports = new Map<string, ValidationReport>();
async function report(path: string): Promise<ValidationReport> {
  let r = reports.get(path);
  if (!r) {
    r = await validateFile(join(DIR, path));
    reports.set(path, r);
  }
  return r;
}

function issues(r: ValidationReport, name: string) {
  return r.issues.filter((i) => i.name === name).map((i) => ({ frame: i.frame, offset: i.offset, message: i.message }));
}

test('mp4/ rows and the corrupt MP4 match MANIFEST.tsv', { skip }, async () => {
  const rows = manifest().filter((r) => r.path.startsWith('mp4/') || r.path === 'corrupt/sample_with_invalid_nalu.mp4');
  assert.equal(rows.length, 20);
  const mismatches: string[] = [];
  for (const row of rows) {
    const r = await report(row.path);
    assert.equal(r.container, 'mp4', row.path);
    const got: Record<string, unknown> = {
      frames: r.frames, keyframes: r.keyframes, codec: r.video.codec,
      profile: r.video.profile, level: r.video.level, width: r.video.width, height: r.video.height,
    };
    const want: Record<string, unknown> = {
      frames: row.packets, keyframes: row.keyframes, codec: row.codec,
      profile: row.profile, level: row.level, width: row.width, height: row.height,
      ...(EXCEPTIONS[row.path]?.fields ?? {}),
    };
    for (const k of Object.keys(want)) {
      if (got[k] !== want[k]) mismatches.push(`${row.path}: ${k} = ${String(got[k])}, manifest ${String(want[k])}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test('annex-b.mp4: Annex B samples detected and read as such; the cut file reported sample by sample', { skip }, async () => {
  const r = await report('mp4/annex-b.mp4');
  // Samples open with 00 00 00 01 (ISO/IEC 14496-15 5.3.2 wants length fields); the empty avcC has nothing to say.
  assert.deepEqual(issues(r, 'MP4_ANNEXB_SAMPLES'), [{ frame: null, offset: 48, message:
    "samples hold Annex B start codes instead of NAL unit length fields (sample entry 'avc1'): read as Annex B" }]);
  assert.deepEqual(issues(r, 'MP4_CONFIG_RECORD_INVALID').map((i) => i.offset), [92223]);
  assert.equal(r.mp4?.nal_length_size, null);
  // The moov (at 91712) declares 745 samples; sample 5 runs from the mdat into the moov, 6.. lie past the end.
  assert.deepEqual(issues(r, 'MP4_SAMPLE_OUTSIDE_MDAT').map((i) => i.offset), [69408]);
  assert.deepEqual(issues(r, 'MP4_SAMPLE_OUT_OF_FILE'), [{ frame: null, offset: 100437, message:
    'sample 6 lies past the end of the file (samples 6..744: 739 samples, 1212584 bytes; the file ends at 100000)' }]);
  assert.equal(r.mp4?.samples_read, 6);
});

test('iibbibb_editlist_videoonly.mp4 and dolbyVision-hdr.MOV: edit lists that hide a sample are reported', { skip }, async () => {
  const a = await report('mp4/iibbibb_editlist_videoonly.mp4');
  assert.deepEqual(issues(a, 'EDIT_LIST').map((i) => i.message), ['track 1 edit list: 1 of 13 sample(s) outside the edit, not presented']);
  assert.deepEqual(a.mp4?.tracks[0].edits, [{ segment_duration: 12500, media_time: 40960, media_rate: 1 }]);
  // 5 samples, the edit shows 64/600 s of them: the sample composed at 80/600 s is not presented (ffprobe: 4 frames).
  const b = await report('mp4/dolbyVision-hdr.MOV');
  assert.deepEqual(issues(b, 'EDIT_LIST').map((i) => i.message), ['track 1 edit list: 1 of 5 sample(s) outside the edit, not presented']);
  // Dolby Vision RPU NAL units (type 62, unspecified in H.265 Table 7-1) are named, once.
  assert.deepEqual(issues(b, 'UNSPECIFIED_NAL_TYPE').map((i) => [i.frame, i.offset]), [[0, 33013]]);
});

test('water_180_mvhevc_5frames.mov: the nuh_layer_id 1 pictures are reported, not dropped', { skip }, async () => {
  const r = await report('mp4/water_180_mvhevc_5frames.mov');
  assert.equal(r.frames, 5);
  // The second view's slices (H.265 Annex F, nuh_layer_id 1) share each sample with the base layer: the
  // first one, in sample 0 at byte 23072, is named (the inspector follows the base layer only).
  assert.deepEqual(issues(r, 'LAYER_NOT_BASE'), [{ frame: 0, offset: 23072, message:
    'NAL units with nuh_layer_id 1 (multi-layer stream): counted, not decoded by this inspector' }]);
  assert.deepEqual(r.mp4?.tracks.map((t) => t.sample_entry), ['hvc1']);
});

test('corrupt/sample_with_invalid_nalu.mp4: the empty NAL unit length field is found in sample 28, no crash', { skip }, async () => {
  const r = await report('corrupt/sample_with_invalid_nalu.mp4');
  // Sample 28 (90044, 530 bytes) = one 522-byte NAL unit, then a 4-byte length field of 0 at 90570: a NAL unit
  // with no bytes (ISO/IEC 14496-15 5.3.2; H.264 7.4.1 requires at least the header). ffmpeg fails to split
  // that sample and decodes 29 frames.
  assert.deepEqual(issues(r, 'EMPTY_NAL_UNIT'), [{ frame: 28, offset: 90570, message: 'NAL unit with no bytes' }]);
  assert.equal(r.issues.length, 1);
  assert.equal(r.frames, 30);
});

test('sample_2_byte_NAL_length.mp4: lengthSizeMinusOne = 1 honoured', { skip }, async () => {
  const r = await report('mp4/sample_2_byte_NAL_length.mp4');
  assert.equal(r.mp4?.nal_length_size, 2);
  assert.equal(issues(r, 'CONFIG_RECORD_MISMATCH').length, 0);
  assert.equal(r.issues.filter((i) => i.severity !== 'info' && i.severity !== 'low').length, 0);
});

test('prog_8s.mp4, sample_fragmented.mp4: video composed two frames late with no edit list → audio leads', { skip }, async () => {
  // Without an edit list, composition time is presentation time (ISO/IEC 14496-12 8.6.6): the first video
  // sample is composed at 6000/90000 s (prog_8s) or 2002/30000 s (sample_fragmented), the audio at 0.
  const a = await report('mp4/prog_8s.mp4');
  assert.equal(a.av_sync?.max_drift_ms, 66.667);
  assert.deepEqual(issues(a, 'AV_SYNC_AUDIO_LEADING').map((i) => i.message), ['audio leads video by 67 ms (more than 40 ms) from 0 s']);
  const b = await report('mp4/sample_fragmented.mp4');
  assert.equal(b.mp4?.fragmented, true);
  assert.equal(b.av_sync?.max_drift_ms, 66.733);
  // With the composition delay in an edit list (sample.mp4) the only offset left is the 44 ms empty edit of the audio.
  const c = await report('mp4/sample.mp4');
  assert.equal(c.av_sync?.max_drift_ms, -44);
  assert.deepEqual(issues(c, 'EDIT_LIST').map((i) => i.message), ['track 2 edit list: presentation delayed by 44 ms (empty edit)']);
});
