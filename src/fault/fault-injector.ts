import { ERROR_TYPES } from '../detect/error-types.js';
import { SEVERITIES } from '../detect/severity.js';
import { StreamError } from '../detect/stream-error.js';
import type { ErrorType, Severity } from '../inspect/types.js';
import { seededRandom, type Random } from '../recover/random.js';
import { dropTsPacketsAt, flipBitsAt, shiftPts, TS_PACKET_SIZE, truncateNalAt } from './byte-faults.js';

export interface FaultInjectorOptions {
  seed: number;
  /** Chance that `maybeError()` produces an error. Default 0. */
  probability?: number;
  errorTypes?: readonly ErrorType[];
  severities?: readonly Severity[];
}

/** Every fault injected, in order, so a test can compare what came out with what went in. */
export type FaultRecord =
  | { kind: 'error'; type: ErrorType; severity: Severity }
  | { kind: 'flip-bits'; flips: Array<{ offset: number; bit: number }> }
  | { kind: 'drop-ts-packets'; packets: number[] }
  | { kind: 'truncate-nal'; nalOffset: number; removedBytes: number }
  | { kind: 'cut-connection'; atChunk: number }
  | { kind: 'shift-audio'; shiftMs: number; samples: number }
  | { kind: 'stall'; durationMs: number };

/**
 * Seedable fault injection. Error level: synthetic StreamErrors with a probability and a
 * set of types. Byte level: flip bits, drop TS packets, truncate NAL units, cut the
 * connection, shift audio timestamps, stall. The same seed gives the same faults.
 */
export class FaultInjector {
  readonly random: Random;
  private readonly probability: number;
  private readonly errorTypes: readonly ErrorType[];
  private readonly severities: readonly Severity[];
  private readonly records: FaultRecord[] = [];

  constructor(opts: FaultInjectorOptions) {
    this.random = seededRandom(opts.seed);
    this.probability = opts.probability ?? 0;
    this.errorTypes = opts.errorTypes ?? ERROR_TYPES;
    this.severities = opts.severities ?? SEVERITIES.filter((s) => s !== 'info');
    if (this.errorTypes.length === 0) throw new RangeError('errorTypes must not be empty');
  }

  get log(): readonly FaultRecord[] {
    return this.records;
  }

  /** With the configured probability, a synthetic error of a random type and severity. */
  maybeError(streamId: string, nowMs: number): StreamError | null {
    if (this.random() >= this.probability) return null;
    const type = pick(this.random, this.errorTypes);
    const severity = pick(this.random, this.severities);
    this.records.push({ kind: 'error', type, severity });
    return new StreamError({
      type,
      severity,
      message: `injected ${type}`,
      streamId,
      component: 'fault-injector',
      timestampMs: nowMs,
    });
  }

  /** Flips `count` random bits inside [start, end) of a copy of `bytes`. */
  flipBits(bytes: Uint8Array, count: number, start = 0, end = bytes.length): Uint8Array {
    const flips = Array.from({ length: count }, () => ({
      offset: start + Math.floor(this.random() * (end - start)),
      bit: Math.floor(this.random() * 8),
    }));
    this.records.push({ kind: 'flip-bits', flips });
    return flipBitsAt(bytes, flips);
  }

  /** Drops each 188-byte TS packet with probability `p` (never the first `keepFirst`). */
  dropTsPackets(ts: Uint8Array, p: number, keepFirst = 0): Uint8Array {
    const count = Math.floor(ts.length / TS_PACKET_SIZE);
    const dropped: number[] = [];
    for (let i = keepFirst; i < count; i++) if (this.random() < p) dropped.push(i);
    this.records.push({ kind: 'drop-ts-packets', packets: dropped });
    return dropTsPacketsAt(ts, new Set(dropped));
  }

  /** Cuts a NAL unit to a random length in [minKeep, size − 1]. */
  truncateNal(bytes: Uint8Array, nalOffset: number, nalSize: number, minKeep = 1): Uint8Array {
    const keep = minKeep + Math.floor(this.random() * Math.max(1, nalSize - minKeep));
    this.records.push({ kind: 'truncate-nal', nalOffset, removedBytes: nalSize - Math.min(keep, nalSize) });
    return truncateNalAt(bytes, nalOffset, nalSize, keep);
  }

  /** Returns the chunks up to a cut (each chunk after the first may be cut with probability `p`). */
  cutConnection<T>(chunks: readonly T[], p: number): { delivered: T[]; cutAt: number | null } {
    for (let i = 1; i < chunks.length; i++) {
      if (this.random() < p) {
        this.records.push({ kind: 'cut-connection', atChunk: i });
        return { delivered: chunks.slice(0, i), cutAt: i };
      }
    }
    return { delivered: [...chunks], cutAt: null };
  }

  /** Audio timestamps (90 kHz) shifted by `shiftMs`. */
  shiftAudio(pts: readonly number[], shiftMs: number): number[] {
    this.records.push({ kind: 'shift-audio', shiftMs, samples: pts.length });
    return shiftPts(pts, shiftMs);
  }

  /** With probability `p`, a stall of `durationMs` (else 0); the driver advances its clock by it. */
  stall(p: number, durationMs: number): number {
    if (this.random() >= p) return 0;
    this.records.push({ kind: 'stall', durationMs });
    return durationMs;
  }

  /** Counts of injected faults by kind. */
  counts(): Partial<Record<FaultRecord['kind'], number>> {
    const out: Partial<Record<FaultRecord['kind'], number>> = {};
    for (const r of this.records) out[r.kind] = (out[r.kind] ?? 0) + 1;
    return out;
  }
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
