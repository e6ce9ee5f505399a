import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { fixture } from '../helpers/fixtures.js';
import { inspectInPushes } from './push-worker.js';
import type { PushCounts, PushJob } from './push-worker.js';

const WORKER = new URL('./push-worker.js', import.meta.url);
// ffprobe -show_entries packet=flags on h264_gop25.264: 50 packets, 2 with K.
const EXPECTED = { frames: 50, keyframes: 2, issues: 0 };

function start(job: PushJob): Worker {
  return new Worker(WORKER, { workerData: job });
}

test('the addon in the main thread and two workers at once: same records everywhere', async () => {
  const bytes = fixture('h264_gop25.264');
  const workers = [start({ bytes, forever: false }), start({ bytes, forever: false })];
  const results = workers.map((w) => once(w, 'message').then(([m]) => m as PushCounts));
  // The main thread pushes while the workers do (they start running as soon as they are created).
  const mine: PushCounts[] = [];
  for (let i = 0; i < 5; i++) mine.push(inspectInPushes(bytes));
  const theirs = await Promise.all(results);
  for (const c of [...mine, ...theirs]) {
    assert.equal(c.frames, EXPECTED.frames);
    assert.equal(c.keyframes, EXPECTED.keyframes);
    assert.equal(c.issues, EXPECTED.issues);
    assert.equal(c.nals, mine[0].nals);
  }
  await Promise.all(workers.map((w) => w.terminate()));
});

test('worker.terminate() in the middle of pushes: the process and the addon carry on', async () => {
  const bytes = fixture('h264_gop25.264');
  for (let round = 0; round < 3; round++) {
    const pair = [start({ bytes, forever: true }), start({ bytes, forever: true })];
    await Promise.all(pair.map((w) => once(w, 'message')));
    // Both workers are inside their push loops: stop them there.
    const codes = await Promise.all(pair.map((w) => w.terminate()));
    assert.deepEqual(codes, [1, 1]);
  }
  // The main thread still inspects, and a new worker still loads the addon and gets the same result.
  const after = inspectInPushes(bytes);
  assert.equal(after.frames, EXPECTED.frames);
  const w = start({ bytes, forever: false });
  const [m] = (await once(w, 'message')) as [PushCounts];
  assert.deepEqual(m, after);
  await w.terminate();
});
