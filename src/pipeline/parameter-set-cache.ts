import type { Codec } from '../inspect/types.js';
import { H264_NAL, HEVC_NAL } from '../recover/repair/nal-types.js';

const PER_TYPE = 8;

/**
 * The parameter-set NAL units seen in band, copied, distinct by content, at most 8 per
 * type, oldest first. `ordered()` gives them in decoding order (VPS, SPS, PPS) with the
 * newest last within a type, so a re-sent set with the same id wins when re-inserted.
 */
export class ParameterSetCache {
  private readonly byType = new Map<number, Uint8Array[]>();

  constructor(private codec: Codec | null = null) {}

  setCodec(codec: Codec): void {
    if (this.codec !== codec) this.byType.clear();
    this.codec = codec;
  }

  offer(type: number, nal: Uint8Array): void {
    if (!this.codec || !this.types().includes(type)) return;
    const list = this.byType.get(type) ?? [];
    const i = list.findIndex((p) => equalBytes(p, nal));
    if (i >= 0) list.splice(i, 1);
    list.push(nal.slice());
    if (list.length > PER_TYPE) list.shift();
    this.byType.set(type, list);
  }

  ordered(): Uint8Array[] {
    return this.types().flatMap((t) => this.byType.get(t) ?? []);
  }

  get size(): number {
    let n = 0;
    for (const l of this.byType.values()) n += l.length;
    return n;
  }

  clear(): void {
    this.byType.clear();
  }

  private types(): number[] {
    if (this.codec === 'h264') return [H264_NAL.SPS, H264_NAL.PPS];
    if (this.codec === 'hevc') return [HEVC_NAL.VPS, HEVC_NAL.SPS, HEVC_NAL.PPS];
    return [];
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
