import type { NalInfo } from '../inspect/types.js';
import { frameNals, joinNals } from '../recover/repair/repairs.js';
import type { StreamFrame } from '../recover/stream.js';

/**
 * Rewrites a length-prefixed frame as Annex B (4-byte start codes), with NAL records
 * whose offsets point into the new bytes (based at the frame's offset).
 */
export function toAnnexB(frame: StreamFrame): StreamFrame {
  const nals = frameNals(frame);
  const bytes = joinNals(nals);
  let at = frame.info.offset;
  const records: NalInfo[] = frame.nals.map((n) => {
    const r = { ...n, offset: at };
    at += n.size + 4;
    return r;
  });
  return { index: frame.index, bytes, info: { ...frame.info, size: bytes.byteLength }, nals: records };
}
