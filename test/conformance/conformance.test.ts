/**
 * Conformance over ../shared/conformance (third-party streams; expected values from ffprobe in
 * MANIFEST.tsv). Frames = packet_count (access units as a parser sees them), keyframes =
 * keyframe_count (random-access points), profile, level, width, height.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { validateFile } from '../../src/index.js';
import { CORPUS_DIR, corpusAvailable, manifestRows } from '../helpers/manifest.js';

const DIR = CORPUS_DIR;

/**
 * Where this inspector and the manifest differ, and why the spec is on our side.
 * Each entry lists only the fields that differ.
 */
const EXCEPTIONS: Record<string, { fields: Record<string, unknown>; why: string }> = {
  'h264/sps_subsetsps_bothVUI.264': {
    fields: { profile: 'Constrained Baseline', level: '1.1', width: 160, height: 96 },
    why: 'The file holds an SPS (profile_idc 66, constraint_set1, level_idc 11, 10x6 MBs) and only SVC ' +
      'enhancement-layer slices (nal_unit_type 20). ffprobe reports "unknown"/0x0 because it decodes no picture; ' +
      'the stream summary comes from the SPS (7.4.2.1.1), which says 160x96.',
  },
  'hevc/r416-ibc.hevc': {
    fields: { profile: 'SCC', keyframes: 1 },
    why: 'general_profile_idc 9 is the screen content coding profile family (H.265 A.3.7), which ffmpeg 5.1 ' +
      'does not know (it prints "9" and decodes no frame, so its decoded keyframe count is 0). The one picture ' +
      'is an IDR (nal_unit_type 19/20): a random-access point, as the manifest\'s packet_keyframe_count (1) also says.',
  },
};


const available = corpusAvailable;
const manifest = manifestRows;

test('conformance corpus: h264/ and hevc/ match MANIFEST.tsv', { skip: available ? false : `no corpus at ${DIR}` }, async () => {
  const rows = manifest().filter((r) => /^(h264|hevc)\//.test(r.path) && (r.codec === 'h264' || r.codec === 'hevc'));
  assert.ok(rows.length >= 110, `rows: ${rows.length}`);
  const mismatches: string[] = [];
  for (const row of rows) {
    const r = await validateFile(join(DIR, row.path));
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

/**
 * Clean streams that really violate the spec: the findings of severity medium or above that
 * they must raise (and no others).
 */
const NOT_CLEAN: Record<string, { names: string[]; why: string }> = {
  'h264/high14_intrapcm_cavlc_i.h264': {
    names: ['PARAM_SET_VALUE_OUT_OF_RANGE'],
    why: 'pic_init_qs_minus26 = -36, outside [-26, 25] (H.264 7.4.2.2); the corpus README says a strict validator should flag it.',
  },
  'h264/sps_subsetsps_bothVUI.264': {
    names: ['ACCESS_UNIT_WITHOUT_PICTURE'],
    why: 'Only SVC enhancement slices (nal_unit_type 20): the access unit has no primary coded picture (7.4.1.2.3).',
  },
  'hevc/akiyo.kvazaar.qp_30.265': {
    names: ['SLICE_HEADER_VALUE_OUT_OF_RANGE'],
    why: 'sps_max_dec_pic_buffering_minus1 = 0 while every P slice has num_negative_pics = 1 (H.265 7.4.8: ' +
      'num_negative_pics <= sps_max_dec_pic_buffering_minus1); reported once per GOP.',
  },
  'hevc/dep_slices.h265': {
    names: ['SLICE_HEADER_VALUE_OUT_OF_RANGE'],
    why: 'An entry point lies at or past the end of the slice segment data (H.265 7.4.7.1 entry_point_offset_minus1).',
  },
  'hevc/tiles.h265': {
    names: ['PROFILE_CONSTRAINT_VIOLATED'],
    why: 'Main profile with 2x2 uniform tiles on 256x256 and 64x64 CTBs: ColumnWidthInLumaSamples = 128, ' +
      'below the 256 that H.265 A.3.2 requires of Main-profile tile columns.',
  },
  'hevc/no_filter_across_slices_256x256.h265': {
    names: ['SLICE_HEADER_VALUE_OUT_OF_RANGE'],
    why: 'As dep_slices.h265: entry points of CTB rows coded in later slice segments (H.265 7.4.7.1).',
  },
};

test('clean corpus: no finding of severity medium or above, except real violations (explained)', { skip: available ? false : `no corpus at ${DIR}` }, async () => {
  const rows = manifest().filter((r) => /^(h264|hevc)\//.test(r.path) && (r.codec === 'h264' || r.codec === 'hevc'));
  const unexpected: string[] = [];
  for (const row of rows) {
    const r = await validateFile(join(DIR, row.path));
    const names = [...new Set(r.issues.filter((i) => ['medium', 'high', 'critical'].includes(i.severity)).map((i) => i.name))].sort();
    const want = (NOT_CLEAN[row.path]?.names ?? []).slice().sort();
    if (JSON.stringify(names) !== JSON.stringify(want)) unexpected.push(`${row.path}: ${names.join(',') || '-'} (expected ${want.join(',') || '-'})`);
  }
  assert.deepEqual(unexpected, []);
});

test('corrupt/ inputs: reported, never a crash', { skip: available ? false : `no corpus at ${DIR}` }, async () => {
  for (const row of manifest().filter((r) => r.path.startsWith('corrupt/'))) {
    // Each of these files is broken on purpose: it must come back as a report with findings.
    const r = await validateFile(join(DIR, row.path));
    assert.notEqual(r.verdict, 'clean', row.path);
    assert.ok(r.issues.length > 0, row.path);
  }
  // The IDR-lost JVT stream: frames dropped leave pictures that ffprobe's parser counts (97);
  // with the IDR gone, the stream starts without a keyframe and P pictures lack their reference.
  const lost = await validateFile(join(DIR, 'corrupt', 'BA_MW_D_IDR_LOST.264'));
  assert.equal(lost.frames, 97);
  const names = new Set(lost.issues.map((i) => i.name));
  assert.ok(names.has('NO_KEYFRAME_AT_START') && names.has('MISSING_REFERENCE'), [...names].join());
});
