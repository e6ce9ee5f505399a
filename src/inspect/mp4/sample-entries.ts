/**
 * Video sample entries and their configuration boxes, found by walking the moov bytes
 * (ISO/IEC 14496-12 8.5.2 stsd, 12.1.3 VisualSampleEntry). Done here rather than through
 * mp4box so that a malformed avcC/hvcC is reported exactly instead of aborting the whole
 * moov parse: such a box is renamed 'free' in the bytes handed to mp4box.
 */
import { parseConfigRecord, type ConfigParse } from './config-record.js';

export interface ConfigBox {
  kind: 'avcC' | 'hvcC' | 'lhvC';
  /** File offset of the box. */
  offset: number;
  parse: ConfigParse;
}

export interface RawSampleEntry {
  /** The sample entry four-character code ('avc1', 'hev1', 'encv', …). */
  fourcc: string;
  /** 'frma' original format of a protected entry, else the fourcc. */
  format: string;
  offset: number;
  configs: ConfigBox[];
}

/** Sample entries of every track, keyed by track_ID (tkhd). */
export type SampleEntryMap = Map<number, RawSampleEntry[]>;

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
const CONFIG_KINDS = new Set(['avcC', 'hvcC', 'lhvC']);
/** VisualSampleEntry fields after the box header (12.1.3.2). */
const VISUAL_ENTRY_FIELDS = 78;

interface Child {
  type: string;
  start: number;
  payload: number;
  end: number;
}

function* children(b: Uint8Array, from: number, to: number): Generator<Child> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = from;
  while (p + 8 <= to) {
    let size = dv.getUint32(p);
    let hdr = 8;
    if (size === 1) {
      if (p + 16 > to) return;
      const large = dv.getBigUint64(p + 8);
      size = large > BigInt(to - p) ? to - p + 1 : Number(large);
      hdr = 16;
    } else if (size === 0) size = to - p;
    if (size < hdr || p + size > to) return;
    yield { type: String.fromCharCode(b[p + 4], b[p + 5], b[p + 6], b[p + 7]), start: p, payload: p + hdr, end: p + size };
    p += size;
  }
}

/**
 * Walks `moov` (the box bytes, at file offset `fileOffset`); fills `out`. Invalid config boxes
 * are renamed 'free' in `moov` itself when `sanitize` is set.
 */
export function scanSampleEntries(moov: Uint8Array, fileOffset: number, sanitize: boolean, out: SampleEntryMap = new Map()): SampleEntryMap {
  const dv = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const walk = (from: number, to: number, trackId: number): number => {
    for (const c of children(moov, from, to)) {
      if (c.type === 'trak') {
        walk(c.payload, c.end, trackIdOf(moov, dv, c));
      } else if (CONTAINERS.has(c.type)) {
        walk(c.payload, c.end, trackId);
      } else if (c.type === 'stsd' && c.payload + 8 <= c.end) {
        const list = out.get(trackId) ?? [];
        out.set(trackId, list);
        for (const e of children(moov, c.payload + 8, c.end)) list.push(entryOf(moov, e, fileOffset, sanitize));
      }
    }
    return trackId;
  };
  walk(8, moov.length, -1);
  return out;
}

function trackIdOf(b: Uint8Array, dv: DataView, trak: Child): number {
  for (const c of children(b, trak.payload, trak.end)) {
    if (c.type !== 'tkhd' || c.payload + 24 > c.end) continue;
    const version = b[c.payload];
    return dv.getUint32(c.payload + (version === 1 ? 20 : 12));
  }
  return -1;
}

function entryOf(b: Uint8Array, e: Child, fileOffset: number, sanitize: boolean): RawSampleEntry {
  const entry: RawSampleEntry = { fourcc: e.type, format: e.type, offset: fileOffset + e.start, configs: [] };
  if (e.payload + VISUAL_ENTRY_FIELDS > e.end) return entry;
  for (const c of children(b, e.payload + VISUAL_ENTRY_FIELDS, e.end)) {
    if (c.type === 'sinf') {
      for (const s of children(b, c.payload, c.end)) {
        if (s.type === 'frma' && s.payload + 4 <= s.end) entry.format = String.fromCharCode(...b.subarray(s.payload, s.payload + 4));
      }
    }
    if (!CONFIG_KINDS.has(c.type)) continue;
    const parse = parseConfigRecord(c.type, b.slice(c.payload, c.end));
    entry.configs.push({ kind: c.type as ConfigBox['kind'], offset: fileOffset + c.start, parse });
    if (!parse.ok && sanitize) b.set([0x66, 0x72, 0x65, 0x65], c.start + 4); // 'free'
  }
  return entry;
}
