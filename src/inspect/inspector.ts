import { loadAddon } from '../native/load.js';
import type { NativeInspector, NativeSummary } from '../native/addon-types.js';
import { FRAME_STRIDE, ISSUE_STRIDE, NAL_STRIDE } from './records.js';
import { FrameTable, IssueTable, NalTable } from './tables.js';
import type {
  Codec,
  FrameInfo,
  InspectorOptions,
  InspectResult,
  IssueInfo,
  NalInfo,
  PushTimestamps,
  StreamInfo,
} from './types.js';

const CODEC_IDS: Record<Codec | 'auto', number> = { auto: 0, h264: 1, hevc: 2 };

/** Running totals of one inspector (cheap to read: for metrics at scrape time). */
export interface InspectorCounters {
  bytes: number;
  nals: number;
  frames: number;
  keyframes: number;
  damagedFrames: number;
  issues: number;
  /** Repeats of a finding already reported in the same GOP (not listed again). */
  issuesSuppressed: number;
  issuesBySeverity: { info: number; low: number; medium: number; high: number; critical: number };
  /** Count of NAL units per nal_unit_type (index 0..63). */
  nalTypes: number[];
}

export function validateOptions(opts: InspectorOptions): { codec: number; lengthPrefixed: boolean; lengthSize: number } {
  const codec = opts.codec ?? 'auto';
  if (!(codec in CODEC_IDS)) throw new TypeError(`codec must be 'h264', 'hevc' or 'auto', got ${String(codec)}`);
  const framing = opts.framing ?? 'annexb';
  if (framing !== 'annexb' && framing !== 'length-prefixed')
    throw new TypeError(`framing must be 'annexb' or 'length-prefixed', got ${String(framing)}`);
  const lengthSize = opts.lengthSize ?? 4;
  if (lengthSize !== 1 && lengthSize !== 2 && lengthSize !== 4)
    throw new TypeError(`lengthSize must be 1, 2 or 4 (ISO/IEC 14496-15 lengthSizeMinusOne 0, 1 or 3), got ${String(lengthSize)}`);
  return { codec: CODEC_IDS[codec], lengthPrefixed: framing === 'length-prefixed', lengthSize };
}

export function toStreamInfo(s: NativeSummary | null): StreamInfo | null {
  if (!s) return null;
  const level = s.codec === 'h264' ? s.levelIdc / 10 : s.levelIdc / 30;
  const chroma = ['4:0:0', '4:2:0', '4:2:2', '4:4:4'][s.chromaFormatIdc] ?? 'unknown';
  return {
    codec: s.codec,
    // An unnamed profile is shown by its number, as media tools print it.
    profile: s.profile === 'unknown' ? String(s.profileIdc) : s.profile,
    profileIdc: s.profileIdc,
    level: String(Math.round(level * 10) / 10),
    levelIdc: s.levelIdc,
    width: s.width,
    height: s.height,
    codedWidth: s.codedWidth,
    codedHeight: s.codedHeight,
    chromaFormat: chroma,
    bitDepth: s.bitDepth,
    bitDepthChroma: s.bitDepthChroma,
    interlaced: s.interlaced,
    frameRate: s.frameRateNum > 0 && s.frameRateDen > 0 ? s.frameRateNum / s.frameRateDen : null,
  };
}

/**
 * Streaming H.264/HEVC inspector. Push any chunking of a stream; each call returns the
 * frames completed, their NAL units and the issues raised, as tables over reused buffers
 * (valid until the next call).
 *
 * @example
 * const insp = new Inspector({ codec: 'auto' });
 * for await (const chunk of socket) {
 *   const r = insp.push(chunk);
 *   for (const f of r.frames) if (f.keyframe) console.log('keyframe', f.index, f.poc);
 * }
 * insp.flush();
 */
export class Inspector {
  readonly #native: NativeInspector;
  #frames = new Uint32Array(FRAME_STRIDE * 64);
  #nals = new Uint32Array(NAL_STRIDE * 256);
  #issues = new Uint32Array(ISSUE_STRIDE * 64);
  readonly #state = new Uint32Array(6);
  #frameBase = 0;
  #nalBase = 0;
  readonly #elementName = (id: number): string => this.#native.elementName(id);

  constructor(opts: InspectorOptions = {}) {
    const o = validateOptions(opts);
    this.#native = new (loadAddon().Inspector)(o.codec, o.lengthPrefixed, o.lengthSize);
    this.#native.setOutputs(this.#frames, this.#nals, this.#issues, this.#state);
  }

  /** Feeds bytes; `ts` (90 kHz) applies to the first access unit starting in `chunk`. */
  push(chunk: Uint8Array, ts?: PushTimestamps): InspectResult {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('push(chunk) takes a Uint8Array or Buffer');
    this.#native.push(chunk, ts?.pts ?? -1, ts?.dts ?? -1);
    return this.#result();
  }

  /**
   * Length-prefixed input: one whole container sample (an access unit), then its end — the same
   * as `push(sample, ts)` followed by `endSample()`, in one call into native code.
   */
  pushSample(sample: Uint8Array, ts?: PushTimestamps): InspectResult {
    if (!(sample instanceof Uint8Array)) throw new TypeError('pushSample(sample) takes a Uint8Array or Buffer');
    this.#native.push(sample, ts?.pts ?? -1, ts?.dts ?? -1, true);
    return this.#result();
  }

  /** Length-prefixed input: marks the end of one container sample (resynchronises there). */
  endSample(): InspectResult {
    this.#native.endSample();
    return this.#result();
  }

  /** End of stream: the last NAL unit and frame come out. */
  flush(): InspectResult {
    this.#native.flush();
    return this.#result();
  }

  /** Stream summary from the active SPS, or null before any SPS. */
  streamInfo(): StreamInfo | null {
    return toStreamInfo(this.#native.summary());
  }

  get codec(): Codec | null {
    const c = this.#native.codec();
    return c === 1 ? 'h264' : c === 2 ? 'hevc' : null;
  }

  counters(): InspectorCounters {
    const c = this.#native.counters();
    const s = c.issuesBySeverity;
    return {
      bytes: c.bytes,
      nals: c.nals,
      frames: c.frames,
      keyframes: c.keyframes,
      damagedFrames: c.damagedFrames,
      issues: c.issues,
      issuesSuppressed: c.issuesSuppressed,
      issuesBySeverity: { info: s[0], low: s[1], medium: s[2], high: s[3], critical: s[4] },
      nalTypes: c.nalTypes,
    };
  }

  /** Adds an issue found outside the bitstream (e.g. by a container reader). */
  addIssue(code: number, offset: number, found = 0): InspectResult {
    this.#native.addIssue(code, offset, undefined, found);
    return this.#result();
  }

  #result(): InspectResult {
    const st = this.#state;
    if (st[3] > st[0] || st[4] > st[1] || st[5] > st[2]) {
      // More records than the buffers hold: grow (doubling) and copy again.
      this.#frames = grow(this.#frames, st[3]);
      this.#nals = grow(this.#nals, st[4]);
      this.#issues = grow(this.#issues, st[5]);
      this.#native.setOutputs(this.#frames, this.#nals, this.#issues, st);
      this.#native.drain();
    }
    const nf = st[0] / FRAME_STRIDE;
    const nn = st[1] / NAL_STRIDE;
    const r: InspectResult = {
      frames: new FrameTable(this.#frames, nf, this.#frameBase),
      nals: new NalTable(this.#nals, nn, this.#nalBase),
      issues: new IssueTable(this.#issues, st[2] / ISSUE_STRIDE, 0, this.#elementName),
    };
    this.#frameBase += nf;
    this.#nalBase += nn;
    return r;
  }
}

function grow(a: Uint32Array<ArrayBuffer>, words: number): Uint32Array<ArrayBuffer> {
  if (words <= a.length) return a;
  let n = a.length;
  while (n < words) n *= 2;
  return new Uint32Array(n);
}

export interface InspectionOutput {
  frames: FrameInfo[];
  nals: NalInfo[];
  issues: IssueInfo[];
  info: StreamInfo | null;
  counters: InspectorCounters;
}

/** Inspects a whole in-memory stream (objects for every record: not for the hot path). */
export function inspectBuffer(buf: Uint8Array, opts: InspectorOptions = {}): InspectionOutput {
  const insp = new Inspector(opts);
  const out: InspectionOutput = { frames: [], nals: [], issues: [], info: null, counters: insp.counters() };
  const take = (r: InspectResult): void => {
    for (const f of r.frames) out.frames.push(f);
    for (const n of r.nals) out.nals.push(n);
    for (const i of r.issues) out.issues.push(i);
  };
  take(insp.push(buf));
  take(insp.flush());
  out.info = insp.streamInfo();
  out.counters = insp.counters();
  return out;
}
