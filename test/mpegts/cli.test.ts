/** `mirror-inspect validate` on MPEG-TS: the JSON contract's transport and av_sync sections, the human lines, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { corruptTs, scratch, TS_DIR, tsFixture } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => {
    out += s;
  });
  return { code, out };
}

test('validate --json on a TS file: container mpegts, transport and av_sync sections', async () => {
  const { code, out } = await run(['validate', '--json', join(TS_DIR, 'ts_h264_aac.ts')]);
  const r = JSON.parse(out);
  assert.equal(code, 0);
  assert.equal(r.container, 'mpegts');
  assert.equal(r.frames, 75);
  assert.deepEqual(Object.keys(r.transport), ['packet_size', 'packets', 'indicators', 'pids', 'skipped_bytes', 'damage']);
  assert.deepEqual(Object.keys(r.av_sync), ['audio_codec', 'max_drift_ms', 'mean_drift_ms', 'series', 'discontinuities']);
  assert.ok(r.av_sync.series.length > 0 && r.av_sync.series.length <= 200);
});

test('validate (human) on a damaged TS: the transport line, the damage sentence, exit code 2', async () => {
  const c = await corruptTs();
  // A file named .mts or .m2ts is read by its content as well.
  const path = scratch('lost.mts', c.dropPackets(tsFixture('ts_h264_aac.ts'), [358, 359, 360]));
  const { code, out } = await run(['validate', path]);
  assert.equal(code, 2);
  assert.match(out, /transport: 909 packets of 188 bytes, TR 101 290: Continuity_count_error 1/);
  assert.match(out, /A\/V sync \(aac\): max drift 21\.333 ms/);
  assert.match(out, /3 TS packet\(s\) lost on PID 0x0100 \(packet 358\) → frame 29 damaged → 21 frame\(s\) unplayable until the keyframe at 3\.480 s/);
});
