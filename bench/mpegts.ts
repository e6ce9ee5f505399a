/**
 * The MPEG-TS case of `npm run bench`: a transport stream looped in memory through the
 * TsInspector (demux, TR 101 290 checks, PES, the video pushed packet by packet into the
 * bitstream inspector), with 1 MiB and 1316-byte (7 packets, one UDP datagram) pushes, side
 * by side with the Annex B inspector on the same video (its ES, extracted here, 1 MiB pushes).
 * GB/s counts input bytes: TS bytes for the TS rows, ES bytes for the Annex B row.
 */
import { Inspector, TsInspector } from '../src/index.js';

interface Row {
  seconds: number;
  bytes: number;
  frames: number;
}

function tsRun(buf: Buffer, chunk: number, targetBytes: number): Row {
  const ts = new TsInspector();
  const loops = Math.max(1, Math.round(targetBytes / buf.length));
  let frames = 0;
  const t0 = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) {
    for (let o = 0; o < buf.length; o += chunk) frames += ts.push(buf.subarray(o, Math.min(o + chunk, buf.length))).frames.length;
  }
  frames += ts.flush().frames.length;
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, bytes: loops * buf.length, frames };
}

function annexbRun(es: Buffer, targetBytes: number): Row {
  const insp = new Inspector({ codec: 'auto' });
  const loops = Math.max(1, Math.round(targetBytes / es.length));
  let frames = 0;
  const t0 = process.hrtime.bigint();
  for (let l = 0; l < loops; l++) {
    for (let o = 0; o < es.length; o += 1 << 20) frames += insp.push(es.subarray(o, Math.min(o + (1 << 20), es.length))).frames.length;
  }
  frames += insp.flush().frames.length;
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, bytes: loops * es.length, frames };
}

/** The video elementary stream of a 188-byte-packet TS: the payloads of `pid` after each PES header. */
function videoEs(buf: Buffer, pid: number): Buffer {
  const parts: Buffer[] = [];
  for (let p = 0; p + 188 <= buf.length; p += 188) {
    if ((((buf[p + 1] & 0x1f) << 8) | buf[p + 2]) !== pid) continue;
    const afc = (buf[p + 3] >> 4) & 3;
    if (!(afc & 1)) continue;
    let at = p + 4 + (afc & 2 ? 1 + buf[p + 4] : 0);
    if (buf[p + 1] & 0x40) at += 9 + buf[at + 8]; // PES header (2.4.3.6)
    if (at < p + 188) parts.push(buf.subarray(at, p + 188));
  }
  return Buffer.concat(parts);
}

export function printTsBench(name: string, buf: Buffer, targetBytes: number): void {
  const probe = new TsInspector();
  probe.push(buf);
  probe.flush();
  const pid = probe.counters().videoPid;
  tsRun(buf, 1 << 20, Math.min(targetBytes, 1 << 28)); // warm-up
  const big = tsRun(buf, 1 << 20, targetBytes);
  const small = tsRun(buf, 1316, targetBytes);
  const gbps = (r: Row) => r.bytes / r.seconds / 1e9;
  const fps = (r: Row) => r.frames / r.seconds / 1e3;
  console.log(`\n${name}  (MPEG-TS, ${(buf.length / 1e6).toFixed(2)} MB, looped to ${(big.bytes / 1e9).toFixed(2)} GB)`);
  const row = (label: string, r: Row) =>
    console.log(`  ${label.padEnd(44)} ${gbps(r).toFixed(2).padStart(7)} GB/s  ${fps(r).toFixed(1).padStart(7)} k frames/s`);
  row('TsInspector, 1 MiB pushes', big);
  row('TsInspector, 1316-byte pushes', small);
  if (pid !== null && probe.counters().packetSize === 188) {
    const es = videoEs(buf, pid);
    const ab = annexbRun(es, targetBytes);
    row(`Annex B inspector, same video ES (${(es.length / 1e6).toFixed(2)} MB), 1 MiB`, ab);
    console.log(`  ratio TsInspector(1 MiB) / Annex B inspector: ${(gbps(big) / gbps(ab)).toFixed(2)}x (bytes), ` +
      `${(fps(big) / fps(ab)).toFixed(2)}x (frames)`);
  }
}
