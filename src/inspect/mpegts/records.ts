/**
 * Layouts of the MPEG-TS records (native/mpegts/ts_records.h), read as 32-bit words.
 * A test checks them against the addon's `TsInspector.layout()`.
 */
import { decodeIssue, ISSUE_STRIDE } from '../records.js';
import { Table } from '../tables.js';
import type { IssueInfo } from '../types.js';

/** A transport issue: the 12 words of an issue record, then packet index (2), PID, indicator. */
export const TS_ISSUE_STRIDE = 16;
export const PES_STRIDE = 8;
const NONE = 0xffffffff;

/** ETSI TR 101 290 5.2.1 / 5.2.2 indicators, in the native order. */
export const TR101290_INDICATORS = [
  'TS_sync_loss',
  'Sync_byte_error',
  'PAT_error',
  'Continuity_count_error',
  'PMT_error',
  'PID_error',
  'Transport_error',
  'CRC_error',
  'PCR_repetition_error',
  'PCR_discontinuity_indicator_error',
  'PTS_error',
  'CAT_error',
] as const;
export type Tr101290Indicator = (typeof TR101290_INDICATORS)[number];

/** Elementary stream codecs (native EsCodec), by index. */
export const ES_CODECS = ['', 'h264', 'hevc', 'video', 'aac', 'aac_latm', 'mpeg_audio', 'ac3', 'eac3', 'dts', 'audio'] as const;

export const PesFlag = {
  video: 1 << 0,
  audio: 1 << 1,
  /** random_access_indicator in the packet that starts the PES packet. */
  randomAccess: 1 << 2,
  /** discontinuity_indicator on the PID since the previous PES packet. */
  discontinuity: 1 << 3,
  /** The PID whose video the bitstream inspector reads. */
  inspected: 1 << 4,
} as const;

/** An issue found in the transport layer, with where in the transport stream. */
export interface TsIssueInfo extends IssueInfo {
  /** PID, or null when the finding concerns no single PID. */
  pid: number | null;
  /** Index of the TS packet being read when it was found (packets read in sync, from 0): for packet-level findings (continuity, TEI, sync, CRC) the packet at `offset`. */
  packet: number;
  /** The TR 101 290 indicator it counts toward, or null. */
  indicator: Tr101290Indicator | null;
}

/** Timestamps of one PES packet of an audio or video PID (90 kHz, unwrapped past 2^33). */
export interface PesTiming {
  pid: number;
  streamType: number;
  codec: string;
  video: boolean;
  audio: boolean;
  randomAccess: boolean;
  discontinuity: boolean;
  inspected: boolean;
  pts: number | null;
  dts: number | null;
  /** Offset of the TS packet that starts the PES packet. */
  offset: number;
}

/** "PID 0x0100". */
export function pidLabel(pid: number): string {
  return `PID 0x${pid.toString(16).padStart(4, '0')}`;
}

function i64(lo: number, hi: number): number {
  return (hi | 0) * 0x100000000 + lo;
}

export function decodeTsIssue(w: Uint32Array, i: number): TsIssueInfo {
  const b = i * TS_ISSUE_STRIDE;
  const pidWord = w[b + 14];
  const pid = pidWord === NONE ? null : pidWord;
  const label = pid === null ? '' : pidLabel(pid);
  const base = decodeIssue(w.subarray(b, b + ISSUE_STRIDE), 0, () => label);
  const ind = w[b + 15];
  return {
    ...base,
    pid,
    packet: w[b + 12] + w[b + 13] * 0x100000000,
    indicator: ind < TR101290_INDICATORS.length ? TR101290_INDICATORS[ind] : null,
  };
}

export function decodePes(w: Uint32Array, i: number): PesTiming {
  const b = i * PES_STRIDE;
  const flags = w[b + 1];
  const pts = i64(w[b + 2], w[b + 3]);
  const dts = i64(w[b + 4], w[b + 5]);
  return {
    pid: w[b] & 0xffff,
    streamType: w[b] >>> 16,
    codec: ES_CODECS[flags >>> 24] ?? '',
    video: (flags & PesFlag.video) !== 0,
    audio: (flags & PesFlag.audio) !== 0,
    randomAccess: (flags & PesFlag.randomAccess) !== 0,
    discontinuity: (flags & PesFlag.discontinuity) !== 0,
    inspected: (flags & PesFlag.inspected) !== 0,
    pts: pts < 0 ? null : pts,
    dts: dts < 0 ? null : dts,
    offset: w[b + 6] + w[b + 7] * 0x100000000,
  };
}

export class TsIssueTable extends Table<TsIssueInfo> {
  static readonly stride = TS_ISSUE_STRIDE;
  get(i: number): TsIssueInfo {
    this.check(i);
    return decodeTsIssue(this.words, i);
  }
}

export class PesTable extends Table<PesTiming> {
  static readonly stride = PES_STRIDE;
  get(i: number): PesTiming {
    this.check(i);
    return decodePes(this.words, i);
  }
}
