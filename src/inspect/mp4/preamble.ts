/**
 * The parameter sets of a sample entry's configuration records, framed like the samples,
 * pushed into the inspector before the first sample that uses the entry: the out-of-band
 * SPS/PPS/VPS a decoder would be given (ISO/IEC 14496-15 5.3.2, 8.3.2).
 */
import type { RawSampleEntry } from './sample-entries.js';
import type { SampleFraming } from './framing.js';

export interface Preamble {
  bytes: Uint8Array;
  /** File offset of the first configuration box (where findings in the preamble point). */
  fileOffset: number;
  /** NAL units too long for the length field size (not pushed). */
  unframed: number;
}

export function buildPreamble(entry: RawSampleEntry, framing: SampleFraming): Preamble {
  const units: Uint8Array[] = [];
  let fileOffset = entry.offset;
  for (const c of entry.configs) {
    if (!c.parse.ok) continue;
    if (units.length === 0) fileOffset = c.offset;
    for (const a of c.parse.record.arrays) units.push(...a.nalUnits.filter((u) => u.length > 0));
  }
  const prefix = framing.kind === 'annexb' ? 4 : framing.lengthSize;
  const max = framing.kind === 'annexb' ? Number.MAX_SAFE_INTEGER : 2 ** (8 * prefix) - 1;
  const framed = units.filter((u) => u.length <= max);
  const bytes = new Uint8Array(framed.reduce((n, u) => n + prefix + u.length, 0));
  let p = 0;
  for (const u of framed) {
    if (framing.kind === 'annexb') bytes.set([0, 0, 0, 1], p);
    else for (let k = 0; k < prefix; k++) bytes[p + k] = Math.floor(u.length / 2 ** (8 * (prefix - 1 - k))) & 0xff;
    bytes.set(u, p + prefix);
    p += prefix + u.length;
  }
  return { bytes, fileOffset, unframed: units.length - framed.length };
}
