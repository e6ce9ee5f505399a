/**
 * npm run bench [-- FILE...]: scan+parse throughput of the inspector over the bundled
 * fixtures (looped in memory) and any files given, side by side with a
 * Buffer.indexOf([0, 0, 1]) loop over the same bytes, in one run.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Inspector } from '../src/index.js';
import { loadAddon } from '../src/native/load.js';
import { sniffContainer } from '../src/inspect/sniff.js';
import { printMp4Bench } from './mp4.js';
import { printTsBench } from './mpegts.js';
import { printManyStreamsBench } from './many-streams.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 2 ** 30); // bytes processed per measurement

interface Result {
  seconds: number;
  bytes: number;
  nals: number;
}

/** Pushes `buf` in `chunk`-byte pieces, looping until TARGET_BYTES have been processed. */
function inspectorRun(buf: Buffer, chunk: number): Result {
  const insp = new Inspector({ codec: 'auto' });
  const loops = Math.max(1, Math.round(TARGET_BYTES / buf.length));
  const t0 = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) {
    for (let o = 0; o < buf.length; o += chunk) insp.push(buf.subarray(o, Math.min(o + chunk, buf.length)));
  }
  insp.flush();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, bytes: loops * buf.length, nals: insp.counters().nals };
}

/** The baseline: find every 00 00 01 with Buffer.indexOf. */
function indexOfRun(buf: Buffer): Result {
  const pattern = Buffer.from([0, 0, 1]);
  const loops = Math.max(1, Math.round(TARGET_BYTES / buf.length));
  let nals = 0;
  const t0 = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) {
    let i = buf.indexOf(pattern, 0);
    while (i !== -1) {
      nals++;
      i = buf.indexOf(pattern, i + 3);
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, bytes: loops * buf.length, nals };
}

const gbps = (r: Result) => r.bytes / r.seconds / 1e9;
const mnals = (r: Result) => r.nals / r.seconds / 1e6;

function bench(name: string, buf: Buffer): void {
  inspectorRun(buf, 1 << 20); // warm-up
  const big = inspectorRun(buf, 1 << 20);
  const small = inspectorRun(buf, 1316);
  const idx = indexOfRun(buf);
  console.log(`\n${name}  (${(buf.length / 1e6).toFixed(2)} MB, looped to ${(big.bytes / 1e9).toFixed(2)} GB)`);
  const row = (label: string, r: Result) =>
    console.log(`  ${label.padEnd(34)} ${gbps(r).toFixed(2).padStart(7)} GB/s  ${mnals(r).toFixed(2).padStart(7)} M NAL/s`);
  row('inspector, 1 MiB pushes', big);
  row('inspector, 1316-byte pushes', small);
  row('Buffer.indexOf([0,0,1]) loop', idx);
  console.log(`  ratio inspector(1 MiB) / indexOf: ${(gbps(big) / gbps(idx)).toFixed(2)}x` +
    `   inspector(1316 B) / indexOf: ${(gbps(small) / gbps(idx)).toFixed(2)}x`);
}

const files = process.argv.slice(2);
console.log(`mirror-inspect bench — start-code scanner: ${loadAddon().startCodeImpl()}, ${TARGET_BYTES / 2 ** 20} MiB per measurement`);
const inputs = files.length
  ? files
  : ['bench_1080p_6mbps.264', 'h264_gop25.264', 'hevc_gop25.265'].map((f) => join(ROOT, 'test', 'fixtures', f));
for (const f of inputs) {
  const buf = readFileSync(f);
  const container = sniffContainer(buf.subarray(0, 4096));
  if (container === 'mp4') await printMp4Bench(f, TARGET_BYTES, null);
  else if (container === 'mpegts') printTsBench(basename(f), buf, TARGET_BYTES);
  else bench(basename(f), buf);
}
if (!files.length) {
  // The Annex B video above, in an MP4: the MP4 path side by side with the inspector on the same bytes.
  const video = readFileSync(join(ROOT, 'test', 'fixtures', 'bench_1080p_6mbps.264'));
  const annexb = inspectorRun(video, 1 << 20);
  await printMp4Bench(join(ROOT, 'test', 'fixtures', 'mp4', 'bench_1080p_6mbps.mp4'), TARGET_BYTES,
    { label: 'Annex B inspector, same video, 1 MiB pushes', seconds: annexb.seconds, bytes: annexb.bytes });
  // The same kind of video in MPEG-TS (test/fixtures/make-ts-fixtures.sh), next to the Annex B inspector on its ES.
  const ts = join(ROOT, 'test', 'fixtures', 'mpegts', 'bench_1080p_6mbps.ts');
  printTsBench(basename(ts), readFileSync(ts), TARGET_BYTES);
  // 1,000 live streams on one thread (bench/many-streams.ts).
  printManyStreamsBench(Number(process.env.BENCH_STREAMS ?? 1000), TARGET_BYTES);
}
