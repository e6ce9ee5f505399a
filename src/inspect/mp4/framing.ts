/**
 * How the samples are framed, decided from the first samples' bytes: NAL unit length fields
 * of the size the configuration record declares (ISO/IEC 14496-15 5.3.2, 8.3.2), of another
 * size, or Annex B start codes (a muxer that skipped the conversion).
 */

export type SampleFraming = { kind: 'length-prefixed'; lengthSize: 1 | 2 | 4 } | { kind: 'annexb' };

/** True when `sample` is exactly a sequence of non-empty [length][NAL unit] items. */
export function walksExactly(sample: Uint8Array, lengthSize: number): boolean {
  let p = 0;
  const n = sample.length;
  while (p < n) {
    if (p + lengthSize > n) return false;
    let len = 0;
    for (let k = 0; k < lengthSize; k++) len = len * 256 + sample[p + k];
    if (len === 0) return false;
    p += lengthSize + len;
  }
  return p === n;
}

function startsWithStartCode(s: Uint8Array): boolean {
  return s.length >= 4 && s[0] === 0 && s[1] === 0 && (s[2] === 1 || (s[2] === 0 && s[3] === 1));
}

/**
 * The framing that reads the most of `samples` exactly, preferring the declared length size
 * (null when the record declares none that is legal) on a tie; Annex B only when no length
 * size reads any sample and the samples open with a start code.
 */
export function detectFraming(samples: readonly Uint8Array[], declared: 1 | 2 | 4 | null): SampleFraming {
  const sizes: Array<1 | 2 | 4> = declared ? [declared, ...([4, 2, 1] as const).filter((s) => s !== declared)] : [4, 2, 1];
  let best: 1 | 2 | 4 = declared ?? 4;
  let bestScore = -1;
  for (const size of sizes) {
    let score = 0;
    for (const s of samples) if (walksExactly(s, size)) score++;
    if (score > bestScore) {
      best = size;
      bestScore = score;
    }
  }
  if (bestScore === 0 && samples.length > 0 && samples.every(startsWithStartCode)) return { kind: 'annexb' };
  return { kind: 'length-prefixed', lengthSize: bestScore === 0 ? (declared ?? 4) : best };
}

/** Bytes of an access unit delimiter NAL unit (with its length field or start code) opening `sample`, else 0. */
export function leadingAudBytes(sample: Uint8Array, framing: SampleFraming, codec: 'h264' | 'hevc'): number {
  const isAud = (header: number): boolean => (codec === 'h264' ? (header & 0x1f) === 9 : ((header >> 1) & 0x3f) === 35);
  if (framing.kind === 'length-prefixed') {
    const l = framing.lengthSize;
    let len = 0;
    for (let k = 0; k < l && k < sample.length; k++) len = len * 256 + sample[k];
    return len > 0 && l + len <= sample.length && isAud(sample[l]) ? l + len : 0;
  }
  if (!startsWithStartCode(sample)) return 0;
  const h = sample[2] === 1 ? 3 : 4;
  if (!isAud(sample[h])) return 0;
  for (let j = h + 1; j + 2 < sample.length; j++) {
    if (sample[j] === 0 && sample[j + 1] === 0 && sample[j + 2] === 1) return sample[j - 1] === 0 && j - 1 > h ? j - 1 : j;
  }
  return 0;
}
