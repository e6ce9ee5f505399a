// Seeds for the length-prefixed fuzz target (test/fuzz/fuzz_length_prefixed.cc): each Annex B
// file's first NAL units rewritten with 4-byte and 2-byte big-endian length fields (ISO/IEC
// 14496-15 5.3.2), at most 4 KiB, behind the two configuration bytes of test/fuzz/fuzz_body.h
// (byte 0: codec = mode % 3, length size from (mode >> 3) % 3; the target forces the
// length-prefixed bit). Usage: node scripts/annexb-to-length-prefixed-seeds.mjs OUTDIR FILE...
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const [out, ...files] = process.argv.slice(2);

/** NAL units of an Annex B stream (start codes and their leading zeros removed). */
function units(buf) {
  const starts = [];
  for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) starts.push(i + 3);
  return starts.map((s, k) => {
    let e = k + 1 < starts.length ? starts[k + 1] - 3 : buf.length;
    while (e > s && buf[e - 1] === 0) e--;
    return buf.subarray(s, e);
  });
}

let n = 0;
for (const f of files) {
  const hevc = f.endsWith('.265');
  const nals = units(readFileSync(f));
  // 4-byte lengths: mode 22 (H.264) / 20 (HEVC); 2-byte: 13 / 14.
  for (const [mode, size] of [[hevc ? 20 : 22, 4], [hevc ? 14 : 13, 2]]) {
    const parts = [Buffer.from([mode, n & 255])];
    let len = 2;
    for (const u of nals) {
      if (len >= 4098 || (size === 2 && u.length > 0xffff)) break;
      const head = Buffer.alloc(size);
      if (size === 4) head.writeUInt32BE(u.length);
      else head.writeUInt16BE(u.length);
      parts.push(head, u);
      len += size + u.length;
    }
    writeFileSync(join(out, `lp_${basename(f)}_${size}`), Buffer.concat(parts).subarray(0, 4098));
    n++;
  }
}
