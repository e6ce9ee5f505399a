/**
 * Child process of finalizer.test.ts, run with --expose-gc and MI_FINALIZER_CHILD=1: creates
 * and drops inspectors in rounds (each fed a real stream head so the native side allocates its
 * state), collects garbage after every round and prints one JSON line of RSS samples.
 */
import { readFileSync } from 'node:fs';
import { Inspector } from '../../src/index.js';

if (process.env.MI_FINALIZER_CHILD === '1') {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const total = Number(process.env.MI_FINALIZER_COUNT ?? 100_000);
  const rounds = 20;
  const head = new Uint8Array(readFileSync(process.argv[2])).subarray(0, 4096);
  const rss: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < total / rounds; i++) {
      const insp = new Inspector({ codec: 'auto' });
      insp.push(head);
    }
    // Finalizers run after collection; a second pass and a macrotask let them all run.
    gc();
    await new Promise((res) => setImmediate(res));
    gc();
    rss.push(process.memoryUsage().rss);
  }
  process.stdout.write(JSON.stringify({ created: total, rss }) + '\n');
}
