/**
 * Streaming MPEG-TS inspector for live ingest: push transport stream bytes in any chunking;
 * each call returns the video frames completed (with NAL units and bitstream issues, as
 * `Inspector` does), the transport issues (TR 101 290 indicators) and the PES timestamps of
 * the audio and video PIDs, as tables over reused buffers (valid until the next call).
 * Frame and NAL offsets count bytes of the video elementary stream (what the bitstream
 * inspector was fed); issue offsets are offsets in the pushed transport stream.
 *
 * @example
 * const ts = new TsInspector();
 * socket.on('data', (chunk) => {
 *   const r = ts.push(chunk);
 *   for (const i of r.transport) console.warn(i.indicator ?? i.name, i.message, 'packet', i.packet);
 *   for (const f of r.frames) if (f.damaged) console.warn('frame', f.index, 'damaged');
 * });
 * socket.on('end', () => ts.flush());
 */
import { loadTsAddon, type NativeTsConfig, type NativeTsCounters, type NativeTsInspector } from '../../native/mpegts-types.js';
import { toStreamInfo } from '../inspector.js';
import { FRAME_STRIDE, ISSUE_STRIDE, NAL_STRIDE } from '../records.js';
import { FrameTable, IssueTable, NalTable } from '../tables.js';
import type { InspectResult, RecordTable, StreamInfo } from '../types.js';
import { PES_STRIDE, PesTable, TS_ISSUE_STRIDE, TsIssueTable, type PesTiming, type TsIssueInfo } from './records.js';

/** Thresholds of the transport checks (defaults: ISO/IEC 13818-1 and TR 101 290 values). */
export interface TsInspectorOptions {
  /** 'auto' (default) detects 188, 192 (M2TS) or 204-byte packets from the content. */
  packetSize?: 'auto' | 188 | 192 | 204;
  /** PAT_error (1.3): default 500. */
  patIntervalMs?: number;
  /** PMT_error (1.5): default 500. */
  pmtIntervalMs?: number;
  /** PID_error (1.6), the "user specified period": default 5000. */
  pidIntervalMs?: number;
  /** PCR_repetition_error (2.3a): default 100 (DVB: 40). */
  pcrIntervalMs?: number;
  /** PCR_discontinuity_indicator_error (2.3b): default 100. */
  pcrJumpMs?: number;
  /** PTS_error (2.5): default 700. */
  ptsIntervalMs?: number;
  /** A PES timestamp step beyond this is a discontinuity: default 1000. */
  discontinuityMs?: number;
  /** Transport issue records kept per catalogue code (0: all, the default); counters stay exact. */
  maxIssuesPerCode?: number;
  /**
   * Also return the video elementary-stream bytes of each push (`videoEs`): frame offsets count
   * those bytes, so a consumer that cuts frames out (the ingest pipeline) needs them. Default false.
   */
  keepVideoEs?: boolean;
}

/** What one `push()` / `flush()` produced. */
export interface TsInspectResult extends InspectResult {
  /** Transport issues (sync, PSI, continuity, PCR, PES, random access...). */
  transport: RecordTable<TsIssueInfo>;
  /** PES packets with a timestamp on audio and video PIDs. */
  pes: RecordTable<PesTiming>;
  /** With `keepVideoEs`: the video ES bytes this push fed to the bitstream inspector. */
  videoEs?: Uint8Array;
}

/** Running totals: TR 101 290 indicators overall and per PID, and the video inspector's counters. */
export type TsCounters = NativeTsCounters;

const MS_OPTIONS = [
  'patIntervalMs',
  'pmtIntervalMs',
  'pidIntervalMs',
  'pcrIntervalMs',
  'pcrJumpMs',
  'ptsIntervalMs',
  'discontinuityMs',
  'maxIssuesPerCode',
] as const;

/** Checks the options and flattens them for the native side (crossed once). */
export function tsConfig(opts: TsInspectorOptions = {}): NativeTsConfig {
  const size = opts.packetSize ?? 'auto';
  if (size !== 'auto' && size !== 188 && size !== 192 && size !== 204)
    throw new TypeError(`packetSize must be 'auto', 188, 192 or 204, got ${String(size)}`);
  const out: NativeTsConfig = { packetSize: size === 'auto' ? 0 : size };
  for (const k of MS_OPTIONS) {
    const v = opts[k];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new TypeError(`${k} must be a non-negative integer, got ${String(v)}`);
    out[k] = v;
  }
  if (opts.keepVideoEs) out.keepVideoEs = true;
  return out;
}

function grow(a: Uint32Array<ArrayBuffer>, words: number): Uint32Array<ArrayBuffer> {
  if (words <= a.length) return a;
  let n = a.length;
  while (n < words) n *= 2;
  return new Uint32Array(n);
}

export class TsInspector {
  readonly #native: NativeTsInspector;
  // frames, nals, video issues, transport issues, PES records
  #out: Array<Uint32Array<ArrayBuffer>> = [
    new Uint32Array(FRAME_STRIDE * 64),
    new Uint32Array(NAL_STRIDE * 256),
    new Uint32Array(ISSUE_STRIDE * 64),
    new Uint32Array(TS_ISSUE_STRIDE * 64),
    new Uint32Array(PES_STRIDE * 64),
  ];
  readonly #state = new Uint32Array(10);
  #frameBase = 0;
  #nalBase = 0;
  readonly #elementName = (id: number): string => this.#native.elementName(id);
  readonly #empty: TsInspectResult = Object.freeze({
    frames: new FrameTable(new Uint32Array(0), 0, 0),
    nals: new NalTable(new Uint32Array(0), 0, 0),
    issues: new IssueTable(new Uint32Array(0), 0, 0, () => ''),
    transport: new TsIssueTable(new Uint32Array(0), 0, 0),
    pes: new PesTable(new Uint32Array(0), 0, 0),
  });

  readonly #keepEs: boolean;

  constructor(opts: TsInspectorOptions = {}) {
    this.#keepEs = opts.keepVideoEs === true;
    this.#native = new (loadTsAddon().TsInspector)(tsConfig(opts));
    this.#bind();
  }

  /** Feeds transport stream bytes (any chunking; a packet may straddle pushes). */
  push(chunk: Uint8Array): TsInspectResult {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('push(chunk) takes a Uint8Array or Buffer');
    return this.#withEs(this.#native.push(chunk));
  }

  /** End of stream: the last packets, PES packets and frames come out; absence checks run. */
  flush(): TsInspectResult {
    return this.#withEs(this.#native.flush());
  }

  /** True with `keepVideoEs`: frame offsets index the `videoEs` bytes, not the pushed input. */
  get indexesVideoEs(): boolean {
    return this.#keepEs;
  }

  #withEs(es: Buffer | undefined): TsInspectResult {
    const r = this.#result();
    return es && es.length ? { ...r, videoEs: es } : r;
  }

  /** Summary of the inspected video stream (active SPS), or null before one. */
  streamInfo(): StreamInfo | null {
    return toStreamInfo(this.#native.summary());
  }

  /** Running totals, cheap enough for a metrics scrape. */
  counters(): TsCounters {
    return this.#native.counters();
  }

  #bind(): void {
    const [f, n, vi, ti, p] = this.#out;
    this.#native.setOutputs(f, n, vi, ti, p, this.#state);
  }

  #result(): TsInspectResult {
    const st = this.#state;
    // Most pushes of a few packets complete no record: one shared empty result for them.
    if ((st[0] | st[1] | st[2] | st[3] | st[4] | st[5] | st[6] | st[7] | st[8] | st[9]) === 0) return this.#empty;
    let short = false;
    for (let i = 0; i < 5; i++) {
      if (st[5 + i] > st[i]) {
        this.#out[i] = grow(this.#out[i], st[5 + i]);
        short = true;
      }
    }
    if (short) {
      // More records than the buffers hold: grow (doubling) and copy again.
      this.#bind();
      this.#native.drain();
    }
    const [f, n, vi, ti, p] = this.#out;
    const nf = st[0] / FRAME_STRIDE;
    const nn = st[1] / NAL_STRIDE;
    const r: TsInspectResult = {
      frames: new FrameTable(f, nf, this.#frameBase),
      nals: new NalTable(n, nn, this.#nalBase),
      issues: new IssueTable(vi, st[2] / ISSUE_STRIDE, 0, this.#elementName),
      transport: new TsIssueTable(ti, st[3] / TS_ISSUE_STRIDE, 0),
      pes: new PesTable(p, st[4] / PES_STRIDE, 0),
    };
    this.#frameBase += nf;
    this.#nalBase += nn;
    return r;
  }
}
