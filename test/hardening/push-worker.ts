/**
 * Worker body for the worker_threads tests (workers.test.ts): inspects a fixture in
 * 1,316-byte pushes and posts its counters, or, with `forever`, keeps creating inspectors and
 * pushing until terminated. Does nothing when loaded outside a worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Inspector } from '../../src/index.js';

export interface PushJob {
  bytes: Uint8Array;
  /** Loop until terminated, posting 'pushing' once pushes are under way. */
  forever: boolean;
}

export interface PushCounts {
  frames: number;
  keyframes: number;
  nals: number;
  issues: number;
}

export function inspectInPushes(bytes: Uint8Array): PushCounts {
  const insp = new Inspector({ codec: 'auto' });
  let frames = 0;
  let keyframes = 0;
  let nals = 0;
  let issues = 0;
  const take = (r: ReturnType<Inspector['push']>): void => {
    for (const f of r.frames) {
      frames++;
      if (f.keyframe) keyframes++;
    }
    nals += r.nals.length;
    issues += r.issues.length;
  };
  for (let o = 0; o < bytes.length; o += 1316) take(insp.push(bytes.subarray(o, Math.min(o + 1316, bytes.length))));
  take(insp.flush());
  return { frames, keyframes, nals, issues };
}

if (!isMainThread && parentPort) {
  const job = workerData as PushJob;
  if (!job.forever) {
    parentPort.postMessage(inspectInPushes(job.bytes));
  } else {
    let announced = false;
    for (;;) {
      const insp = new Inspector({ codec: 'auto' });
      for (let o = 0; o < job.bytes.length; o += 1316) {
        insp.push(job.bytes.subarray(o, Math.min(o + 1316, job.bytes.length)));
        if (!announced && o > 20 * 1316) {
          announced = true;
          parentPort.postMessage('pushing');
        }
      }
    }
  }
}
