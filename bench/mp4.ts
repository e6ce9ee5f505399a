/**
 * The MP4 case of `npm run bench`: the same 1080p video as the Annex B case, in an MP4
 * (test/fixtures/mp4/bench_1080p_6mbps.mp4), three ways:
 *  - the MP4 sample path looped to the target size: samples read from the file in large
 *    sequential reads into reused buffers and pushed as views, with endSample() per sample;
 *  - whole validations of the file (open, box walk, mp4box, reads, inspection, report);
 *  - mp4box.js extracting the same samples itself (onSamples, one copy per sample).
 */
import { readFileSync, statSync } from 'node:fs';
import { createFile, MP4BoxBuffer } from 'mp4box';
import { decodeTimes } from '../src/inspect/mp4/decode-times.js';
import { feedSamples } from '../src/inspect/mp4/feed.js';
import { FileSource } from '../src/inspect/mp4/file-source.js';
import { parseMovie } from '../src/inspect/mp4/movie.js';
import { DEFAULT_PLAN, planReads, type ReadPlan } from '../src/inspect/mp4/read-plan.js';
import { readTopLevelBoxes } from '../src/inspect/mp4/top-level-boxes.js';
import { pickVideoTrack } from '../src/inspect/mp4/track.js';
import { validateMp4File } from '../src/inspect/mp4/validate.js';

export interface Mp4Row {
  label: string;
  seconds: number;
  bytes: number;
}

/** `plan` repeated `k` times (the same samples read and pushed again: a long file of one GOP pattern). */
function loopPlan(plan: ReadPlan, k: number): ReadPlan {
  const n = plan.order.length;
  const order = new Int32Array(n * k);
  const present = new Float64Array(n * k);
  const batches = [];
  for (let l = 0; l < k; l++) {
    order.set(plan.order, l * n);
    present.set(plan.present, l * n);
    for (const b of plan.batches) batches.push({ ...b, first: b.first + l * n, end: b.end + l * n });
  }
  return { order, present, batches, issues: [] };
}

/** Sample path, looped: the file is read through the batch reader each loop (page cache). */
async function samplePath(path: string, targetBytes: number): Promise<Mp4Row> {
  const size = statSync(path).size;
  const src = await FileSource.open(path, size); // not held in memory: every loop reads
  try {
    const layout = await readTopLevelBoxes(src);
    const { movie } = await parseMovie(src, layout.boxes);
    const choice = movie && pickVideoTrack(movie.file, movie.info, movie.entries);
    if (!movie || !choice?.track) throw new Error(`${path}: no video track`);
    const track = choice.track;
    const times = decodeTimes(movie.file, track);
    const plan = planReads(track.samples, size, DEFAULT_PLAN);
    let sampleBytes = 0;
    for (const p of plan.present) sampleBytes += p;
    const k = Math.max(1, Math.round(targetBytes / sampleBytes));
    await feedSamples(src, track, times, loopPlan(plan, Math.max(2, k >> 3)), { bufferBytes: DEFAULT_PLAN.batchBytes }); // warm-up
    const looped = loopPlan(plan, k);
    const t0 = process.hrtime.bigint();
    const fed = await feedSamples(src, track, times, looped, { bufferBytes: DEFAULT_PLAN.batchBytes });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (fed.log.count !== plan.order.length * k) throw new Error(`frames ${fed.log.count}, expected ${plan.order.length * k}`);
    return { label: 'MP4 samples → inspector (8 MiB reads)', seconds, bytes: sampleBytes * k };
  } finally {
    await src.close();
  }
}

async function wholeFiles(path: string, targetBytes: number): Promise<Mp4Row> {
  const size = statSync(path).size;
  for (let i = 0; i < 10; i++) await validateMp4File(path, size);
  const n = Math.max(20, Math.min(2000, Math.round(targetBytes / size / 4)));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await validateMp4File(path, size);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { label: `validateMp4File, whole file (${(seconds / n * 1e3).toFixed(2)} ms each)`, seconds, bytes: size * n };
}

/** mp4box.js extracting every video sample (its data copied into a new buffer per sample). */
function mp4boxExtraction(path: string, targetBytes: number): Mp4Row {
  const buf = readFileSync(path);
  const once = (): number => {
    const file = createFile(true);
    let bytes = 0;
    file.onReady = (info) => {
      const t = info.videoTracks[0];
      file.setExtractionOptions(t.id, null, { nbSamples: t.nb_samples });
      file.start();
    };
    file.onSamples = (_id, _user, samples) => {
      for (const s of samples) bytes += s.data?.length ?? 0;
    };
    const ab = new MP4BoxBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    ab.fileStart = 0;
    file.appendBuffer(ab, true);
    file.flush();
    return bytes;
  };
  once();
  const n = Math.max(5, Math.round(targetBytes / 8 / buf.length));
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) bytes += once();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { label: 'mp4box.js sample extraction (onSamples)', seconds, bytes };
}

export async function benchMp4(path: string, targetBytes: number): Promise<Mp4Row[]> {
  return [await samplePath(path, targetBytes), await wholeFiles(path, targetBytes), mp4boxExtraction(path, targetBytes)];
}

/** Prints the MP4 rows, with the Annex B inspector on the same video when given. */
export async function printMp4Bench(path: string, targetBytes: number, annexb: Mp4Row | null): Promise<void> {
  const rows = await benchMp4(path, targetBytes);
  const gbps = (r: Mp4Row): number => r.bytes / r.seconds / 1e9;
  console.log(`\n${path.split('/').pop()}  (MP4, ${(statSync(path).size / 1e6).toFixed(2)} MB; GB/s of video sample bytes)`);
  for (const r of annexb ? [rows[0], annexb, ...rows.slice(1)] : rows) {
    console.log(`  ${r.label.padEnd(52)} ${gbps(r).toFixed(2).padStart(7)} GB/s`);
  }
  console.log(`  ratio MP4 sample path / mp4box.js extraction: ${(gbps(rows[0]) / gbps(rows[2])).toFixed(1)}x`);
}
