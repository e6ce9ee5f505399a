import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { issueCatalogue, FRAME_STRIDE, ISSUE_STRIDE, NAL_STRIDE } from '../../src/index.js';
import { loadAddon } from '../../src/native/load.js';
import { ROOT } from '../helpers/fixtures.js';

test('the TypeScript catalogue is native/issues.def, entry for entry', () => {
  const text = readFileSync(join(ROOT, 'native', 'issues.def'), 'utf8');
  const re = /^ISSUE\((\d+), (\w+), (\w+), (\w+), (\w+), "([^"]*)", "([^"]*)"\)$/gm;
  const fromDef = [...text.matchAll(re)].map((m) => ({
    code: Number(m[1]), name: m[2], severity: m[3], type: m[4], kind: m[5], clause: m[6], message: m[7],
  }));
  assert.ok(fromDef.length >= 30);
  assert.equal(text.split('\n').filter((l) => l.startsWith('ISSUE(')).length, fromDef.length, 'every ISSUE line parsed');
  assert.deepEqual(issueCatalogue(), fromDef);
  assert.equal(new Set(fromDef.map((d) => d.code)).size, fromDef.length, 'ids unique');
  assert.equal(new Set(fromDef.map((d) => d.name)).size, fromDef.length, 'names unique');
  const types = ['frame_corruption', 'sync_loss', 'packet_loss', 'timeout', 'buffer_overflow', 'codec_failure',
    'network_disconnect', 'auth_failure', 'resource_exhaustion'];
  for (const d of fromDef) assert.ok(types.includes(d.type), `${d.name}: ${d.type}`);
});

test('record strides agree with the native layout', () => {
  assert.deepEqual(loadAddon().recordLayout(), { frameStride: FRAME_STRIDE, nalStride: NAL_STRIDE, issueStride: ISSUE_STRIDE });
});

test('the addon loads and inspects inside worker_threads (context-aware)', async () => {
  const src = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.entry).then(({ inspectBuffer }) => {
      const fs = require('node:fs');
      const r = inspectBuffer(new Uint8Array(fs.readFileSync(workerData.file)));
      parentPort.postMessage({ frames: r.frames.length, keyframes: r.frames.filter((f) => f.keyframe).length });
    });`;
  const entry = new URL('../../src/index.js', import.meta.url).href;
  const file = join(ROOT, 'test', 'fixtures', 'h264_gop25.264');
  const run = () =>
    new Promise((resolve, reject) => {
      const w = new Worker(src, { eval: true, workerData: { entry, file } });
      w.once('message', resolve);
      w.once('error', reject);
    });
  const results = await Promise.all([run(), run()]);
  assert.deepEqual(results, [{ frames: 50, keyframes: 2 }, { frames: 50, keyframes: 2 }]);
});
