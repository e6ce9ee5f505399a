import type { Codec } from '../../inspect/types.js';
import type { RepairRecord } from '../repair-record.js';
import type { StreamFrame } from '../stream.js';
import { audNal, isAudNal, isParameterSetNal, isVclNal, nalTypeOf } from './nal-types.js';

const START_CODE = Uint8Array.of(0, 0, 0, 1);

export interface RepairedFrame {
  bytes: Uint8Array;
  repairs: RepairRecord[];
}

/** Joins NAL units into Annex B form without a leading start code. */
export function joinNals(nals: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const n of nals) size += n.byteLength;
  size += Math.max(0, nals.length - 1) * START_CODE.length;
  const out = new Uint8Array(size);
  let at = 0;
  nals.forEach((n, i) => {
    if (i > 0) {
      out.set(START_CODE, at);
      at += START_CODE.length;
    }
    out.set(n, at);
    at += n.byteLength;
  });
  return out;
}

/** Splits a frame into its NAL units (views), using its NAL records. */
export function frameNals(frame: StreamFrame): Uint8Array[] {
  const base = frame.info.offset;
  return frame.nals.map((n) => frame.bytes.subarray(n.offset - base, n.offset - base + n.size));
}

export interface RepairPlanInput {
  frame: StreamFrame;
  codec: Codec;
  parameterSets: readonly Uint8Array[];
  usesAud: boolean;
  /** NAL index (stream-wide) the issue points at, or -1. */
  brokenNal: number;
}

/**
 * Low-severity repairs, each logged:
 * - strip the frame's last NAL when the issue points at it and it is not VCL;
 * - re-insert the cached parameter sets before an IRAP that carries none (after its AUD);
 * - insert an AUD when the stream uses them and this frame lacks one.
 * Returns null when none applies.
 */
export function planRepairs(input: RepairPlanInput): RepairedFrame | null {
  const { frame, codec } = input;
  let nals = frameNals(frame);
  const types = nals.map((n) => (n.byteLength > 0 ? nalTypeOf(codec, n[0]!) : -1));
  const repairs: RepairRecord[] = [];
  const last = frame.nals[frame.nals.length - 1];

  if (last && nals.length > 1 && last.index === input.brokenNal && !isVclNal(codec, last.type)) {
    repairs.push({ kind: 'strip-trailing-nal', frameIndex: frame.index, nalType: last.type, bytesRemoved: last.size });
    nals = nals.slice(0, -1);
    types.pop();
  }

  const hasParameterSets = types.some((t) => isParameterSetNal(codec, t));
  if (frame.info.irap && !hasParameterSets && input.parameterSets.length > 0) {
    const at = types.length > 0 && isAudNal(codec, types[0]!) ? 1 : 0;
    const inserted = [...input.parameterSets];
    nals = [...nals.slice(0, at), ...inserted, ...nals.slice(at)];
    types.splice(at, 0, ...inserted.map((p) => nalTypeOf(codec, p[0] ?? 0)));
    repairs.push({
      kind: 'insert-parameter-sets',
      frameIndex: frame.index,
      nalTypes: inserted.map((p) => nalTypeOf(codec, p[0] ?? 0)),
      bytesAdded: inserted.reduce((s, p) => s + p.byteLength + START_CODE.length, 0),
    });
  }

  if (input.usesAud && !(types.length > 0 && isAudNal(codec, types[0]!))) {
    const aud = audNal(codec);
    nals = [aud, ...nals];
    repairs.push({ kind: 'insert-aud', frameIndex: frame.index, bytesAdded: aud.byteLength + START_CODE.length });
  }

  return repairs.length === 0 ? null : { bytes: joinNals(nals), repairs };
}
