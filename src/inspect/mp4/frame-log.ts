/**
 * Collects what the inspector emits while samples are pushed: frame records (kept as the
 * native 32-bit words, compact for long files), the sample each frame came from, which
 * parameter sets each frame carried in-band, and issues with file offsets.
 */
import { decodeFrame, FRAME_STRIDE, FrameFlag, frameFlags } from '../records.js';
import { FrameTable } from '../tables.js';
import type { Codec, InspectResult, IssueInfo } from '../types.js';
import type { PushMap } from './push-map.js';

/** Bits of `FrameLog.inBand`. */
export const PS_SPS = 1;
export const PS_PPS = 2;
export const PS_VPS = 4;

export class FrameLog {
  #words = new Uint32Array(FRAME_STRIDE * 1024);
  #sampleOfFrame = new Int32Array(1024);
  #inBand = new Uint8Array(1024);
  #count = 0;
  readonly issues: IssueInfo[] = [];

  constructor(
    private readonly map: PushMap,
    private readonly codec: Codec,
  ) {}

  get count(): number {
    return this.#count;
  }

  /** Sample index of frame `f` (the sample holding its last byte), −1 if none. */
  sampleOf(f: number): number {
    return this.#sampleOfFrame[f];
  }

  /** Parameter sets (PS_* bits) frame `f` carried in its sample, not counting configuration records. */
  inBand(f: number): number {
    return this.#inBand[f];
  }

  frames(): FrameTable {
    return new FrameTable(this.#words.subarray(0, this.#count * FRAME_STRIDE), this.#count, 0);
  }

  take(r: InspectResult): void {
    // Called twice per sample: no iterator, no object unless there is a record.
    const nf = r.frames.length;
    if (nf) this.#takeFrames(r, nf);
    const ni = r.issues.length;
    for (let k = 0; k < ni; k++) {
      const i = r.issues.get(k);
      i.offset = this.map.fileOffset(i.offset);
      this.issues.push(i);
    }
  }

  #takeFrames(r: InspectResult, nf: number): void {
    this.#reserve(this.#count + nf);
    const first = this.#count;
    const src = r.frames instanceof FrameTable ? r.frames.words : null;
    if (src) this.#words.set(src.subarray(0, nf * FRAME_STRIDE), first * FRAME_STRIDE);
    for (let k = 0; k < nf; k++) {
      const f = this.#count++;
      const info = src ? decodeFrame(this.#words, f, f) : r.frames.get(k);
      // Frames come out in stream order: the push map is searched forward from the last hit.
      this.#sampleOfFrame[f] = this.map.sampleAtForward(info.offset + Math.max(info.size, 1) - 1);
      const flags = src ? frameFlags(this.#words, f) : 0;
      let mask = (flags & FrameFlag.hasSps ? PS_SPS : 0) | (flags & FrameFlag.hasPps ? PS_PPS : 0) | (flags & FrameFlag.hasVps ? PS_VPS : 0);
      if (this.map.overlapsPreamble(info.offset, info.offset + info.size)) {
        // The frame opens with a configuration record's sets: count only its own NAL units.
        mask = 0;
        for (const n of r.nals) {
          if (n.frame !== info.index || this.map.sampleAt(n.offset) < 0) continue;
          mask |= parameterSetBit(this.codec, n.type, n.refIdcOrLayerId);
        }
      }
      this.#inBand[f] = mask;
    }
  }

  #reserve(n: number): void {
    if (n <= this.#sampleOfFrame.length) return;
    let cap = this.#sampleOfFrame.length;
    while (cap < n) cap *= 2;
    const w = new Uint32Array(cap * FRAME_STRIDE);
    w.set(this.#words);
    this.#words = w;
    const s = new Int32Array(cap);
    s.set(this.#sampleOfFrame);
    this.#sampleOfFrame = s;
    const b = new Uint8Array(cap);
    b.set(this.#inBand);
    this.#inBand = b;
  }
}

/** PS_* bit of a NAL unit type (H.264 Table 7-1; H.265 Table 7-1, base layer only). */
export function parameterSetBit(codec: Codec, type: number, layer: number): number {
  if (codec === 'h264') return type === 7 ? PS_SPS : type === 8 ? PS_PPS : 0;
  if (layer !== 0) return 0;
  return type === 33 ? PS_SPS : type === 34 ? PS_PPS : type === 32 ? PS_VPS : 0;
}
