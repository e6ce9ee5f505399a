/**
 * The many-streams case of `npm run bench`: 1,000 live streams on one thread. Each stream is an
 * Inspector fed the 1080p 6 Mbit/s fixture from its first keyframe, looped; the streams are
 * served round-robin, one 1,316-byte push (one UDP datagram of 7 TS packets' worth of bytes)
 * each per round, as an ingest server's socket loop would. Reported:
 *   - aggregate GB/s and the share of one core that 1,000 x 6 Mbit/s (750 MB/s) would take;
 *   - bytes per idle stream (created, nothing pushed) and per active stream (after 2 s of video
 *     each), from process RSS and from the native heap (glibc mallinfo2), measured in a child
 *     process run with --expose-gc so collections are forced before each reading.
 * Variants run side by side in one run (same process, same input), so ratios hold on a loaded machine.
 *
 * Standalone: node dist/bench/many-streams.js [STREAMS]
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inspector } from '../src/index.js';
import { loadAddon } from '../src/native/load.js';

const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const DATAGRAM = 1316;
const STREAM_RATE = 6e6 / 8; // bytes/s of one 6 Mbit/s stream

export interface ManyRow {
  label: string;
  seconds: number;
  bytes: number;
  frames: number;
}

/** Round-robin pushes of `rounds` datagrams into each of `streams` inspectors, one push() per datagram. */
function pushEach(video: Buffer, streams: number, rounds: number): ManyRow {
  const insps = Array.from({ length: streams }, () => new Inspector({ codec: 'h264' }));
  const pos = new Array<number>(streams).fill(0);
  let frames = 0;
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (let s = 0; s < streams; s++) {
      const o = pos[s];
      const end = Math.min(o + DATAGRAM, video.length);
      frames += insps[s].push(video.subarray(o, end)).frames.length;
      bytes += end - o;
      pos[s] = end === video.length ? 0 : end;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { label: 'push() per datagram', seconds, bytes, frames };
}

export function manyStreamsThroughput(video: Buffer, streams: number, bytesTotal: number): ManyRow[] {
  const rounds = Math.max(1, Math.round(bytesTotal / streams / DATAGRAM));
  pushEach(video, streams, Math.min(rounds, 50)); // warm-up
  return [pushEach(video, streams, rounds)];
}

export interface MemoryReading {
  streams: number;
  idleRss: number;
  idleHeap: number;
  activeRss: number;
  activeHeap: number;
}

/** Child-process body (--expose-gc): per-stream memory idle and active. */
function measureMemory(video: Buffer, streams: number): MemoryReading {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory readings need --expose-gc');
  const heap = (): number => loadAddon().nativeHeapBytes?.() ?? 0;
  const read = (): { rss: number; heap: number } => {
    gc();
    gc();
    return { rss: process.memoryUsage().rss, heap: heap() };
  };
  // Warm the allocator and the JS heap with one stream's worth of work, then take the base.
  const warm = new Inspector({ codec: 'h264' });
  warm.push(video);
  const base = read();
  const insps = Array.from({ length: streams }, () => new Inspector({ codec: 'h264' }));
  const idle = read();
  const rounds = Math.round((2 * STREAM_RATE) / DATAGRAM); // 2 s of video per stream
  const pos = new Array<number>(streams).fill(0);
  for (let r = 0; r < rounds; r++) {
    for (let s = 0; s < streams; s++) {
      const end = Math.min(pos[s] + DATAGRAM, video.length);
      insps[s].push(video.subarray(pos[s], end));
      pos[s] = end === video.length ? 0 : end;
    }
  }
  const active = read();
  return {
    streams,
    idleRss: (idle.rss - base.rss) / streams,
    idleHeap: (idle.heap - base.heap) / streams,
    activeRss: (active.rss - base.rss) / streams,
    activeHeap: (active.heap - base.heap) / streams,
  };
}

function memoryInChild(streams: number): MemoryReading | null {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', self, '--memory', String(streams)], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  (memory reading failed: ${r.stderr.trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null') as MemoryReading;
}

const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`;

export function printManyStreamsBench(streams: number, bytesTotal: number): void {
  const video = readFileSync(join(ROOT, 'test', 'fixtures', 'bench_1080p_6mbps.264'));
  const rows = manyStreamsThroughput(video, streams, bytesTotal);
  console.log(`\nmany streams: ${streams} x bench_1080p_6mbps.264 from its keyframe, round-robin ${DATAGRAM}-byte pushes` +
    ` (${(rows[0].bytes / 1e9).toFixed(2)} GB per variant)`);
  const need = (streams * STREAM_RATE) / 1e9;
  for (const r of rows) {
    const gbps = r.bytes / r.seconds / 1e9;
    console.log(`  ${r.label.padEnd(34)} ${gbps.toFixed(2).padStart(6)} GB/s  ${streams} x 6 Mbit/s = ` +
      `${((need / gbps) * 100).toFixed(0).padStart(3)} % of a core  (${r.frames} frames)`);
  }
  if (rows.length > 1) console.log(`  ratio ${rows[rows.length - 1].label} / ${rows[0].label}: ` +
    `${((rows[rows.length - 1].bytes / rows[rows.length - 1].seconds) / (rows[0].bytes / rows[0].seconds)).toFixed(2)}x`);
  const m = memoryInChild(streams);
  if (m) {
    console.log(`  per idle stream:   ${kb(m.idleRss).padStart(9)} RSS   ${kb(m.idleHeap).padStart(9)} native heap`);
    console.log(`  per active stream: ${kb(m.activeRss).padStart(9)} RSS   ${kb(m.activeHeap).padStart(9)} native heap  (after 2 s of video each)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const video = readFileSync(join(ROOT, 'test', 'fixtures', 'bench_1080p_6mbps.264'));
  if (process.argv[2] === '--memory') {
    process.stdout.write(JSON.stringify(measureMemory(video, Number(process.argv[3] ?? 1000))) + '\n');
  } else {
    printManyStreamsBench(Number(process.argv[2] ?? 1000), Number(process.env.BENCH_BYTES ?? 2 ** 30));
  }
}
