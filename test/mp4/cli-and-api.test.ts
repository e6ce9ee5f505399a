/**
 * The MP4 path end to end: `mirror-inspect validate` sniffs MP4 by content whatever the
 * name, keeps the JSON contract (container "mp4", the mp4 and av_sync sections), and the
 * event loop keeps turning while a file is read (it yields after every read batch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { validateMp4File } from '../../src/inspect/mp4/validate.js';
import { statSync } from 'node:fs';
import { mp4Fixture } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => {
    out += s;
  });
  return { code, out };
}

test('validate --json: an MP4 named .m4s is sniffed by content; the JSON contract', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-mp4-cli-'));
  try {
    const path = join(dir, 'segment.m4s');
    copyFileSync(mp4Fixture('h264_aac.mp4'), path);
    const { code, out } = await run(['validate', '--json', path]);
    const r = JSON.parse(out);
    assert.equal(code, 0);
    assert.equal(r.container, 'mp4');
    assert.deepEqual(r.video, {
      codec: 'h264', profile: 'High', level: '1.3', width: 320, height: 240,
      chroma_format: '4:2:0', bit_depth: 8, interlaced: false, frame_rate: 25,
    });
    assert.deepEqual([r.frames, r.keyframes, r.verdict], [25, 3, 'clean']);
    assert.deepEqual(r.picture_types, { I: 3, P: 8, B: 14, unknown: 0 });
    assert.deepEqual(r.mp4.brands, ['isom', 'isom', 'iso2', 'avc1', 'mp41']);
    assert.deepEqual(r.mp4.tracks.map((t: { id: number; type: string; sample_entry: string; samples: number }) => [t.id, t.type, t.sample_entry, t.samples]),
      [[1, 'video', 'avc1', 25], [2, 'audio', 'mp4a', 48]]);
    assert.equal(r.av_sync.max_drift_ms, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: the exit code follows the verdict (unreadable MP4 → 3, damaged → 2)', async () => {
  assert.equal((await run(['validate', '--json', mp4Fixture('no_moov.mp4')])).code, 3);
  assert.equal((await run(['validate', '--json', mp4Fixture('stss_wrong.mp4')])).code, 2);
});

test('the event loop turns between read batches', async () => {
  const path = mp4Fixture('bench_1080p_6mbps.mp4');
  let ticks = 0;
  let running = true;
  const tick = (): void => {
    ticks++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  // 1.5 MB in 64 KiB reads (samples up to ~140 KB get a buffer of their own size).
  const r = await validateMp4File(path, statSync(path).size, { readBytes: 64 << 10 });
  running = false;
  assert.equal(r.frames, 50);
  assert.ok(ticks >= 20, `ticks ${ticks}`);
});
