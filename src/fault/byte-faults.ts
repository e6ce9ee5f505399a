import { PTS_MODULUS } from '../sync/pts.js';

export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;

/** Copy of `bytes` with bit `bit` (0 = LSB) of each listed byte offset inverted. */
export function flipBitsAt(bytes: Uint8Array, flips: ReadonlyArray<{ offset: number; bit: number }>): Uint8Array {
  const out = bytes.slice();
  for (const { offset, bit } of flips) {
    if (offset < 0 || offset >= out.length) throw new RangeError(`flip offset ${offset} outside [0, ${out.length})`);
    out[offset]! ^= 1 << (bit & 7);
  }
  return out;
}

/** Copy of a TS byte stream without the packets at the given indices (188-byte packets). */
export function dropTsPacketsAt(ts: Uint8Array, indices: ReadonlySet<number>): Uint8Array {
  const count = Math.floor(ts.length / TS_PACKET_SIZE);
  const kept: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (!indices.has(i)) kept.push(ts.subarray(i * TS_PACKET_SIZE, (i + 1) * TS_PACKET_SIZE));
  }
  const out = new Uint8Array(kept.length * TS_PACKET_SIZE + (ts.length % TS_PACKET_SIZE));
  kept.forEach((p, i) => out.set(p, i * TS_PACKET_SIZE));
  out.set(ts.subarray(count * TS_PACKET_SIZE), kept.length * TS_PACKET_SIZE);
  return out;
}

/** Copy of `bytes` where the NAL at [nalOffset, nalOffset + nalSize) keeps only `keepBytes` bytes. */
export function truncateNalAt(bytes: Uint8Array, nalOffset: number, nalSize: number, keepBytes: number): Uint8Array {
  if (nalOffset < 0 || nalOffset + nalSize > bytes.length) throw new RangeError('NAL outside the buffer');
  const keep = Math.max(0, Math.min(nalSize, keepBytes));
  const out = new Uint8Array(bytes.length - (nalSize - keep));
  out.set(bytes.subarray(0, nalOffset + keep), 0);
  out.set(bytes.subarray(nalOffset + nalSize), nalOffset + keep);
  return out;
}

/** 90 kHz timestamps shifted by `shiftMs`, wrapped to 33 bits. */
export function shiftPts(pts: readonly number[], shiftMs: number): number[] {
  const ticks = Math.round(shiftMs * 90);
  return pts.map((p) => (((p + ticks) % PTS_MODULUS) + PTS_MODULUS) % PTS_MODULUS);
}

/** Copy of `bytes` with `deleteCount` bytes at `offset` replaced by `insert`. */
export function spliceBytes(bytes: Uint8Array, offset: number, deleteCount: number, insert: ArrayLike<number> = []): Uint8Array {
  if (offset < 0 || offset + deleteCount > bytes.length) throw new RangeError('splice outside the buffer');
  const out = new Uint8Array(bytes.length - deleteCount + insert.length);
  out.set(bytes.subarray(0, offset), 0);
  out.set(insert, offset);
  out.set(bytes.subarray(offset + deleteCount), offset + insert.length);
  return out;
}
