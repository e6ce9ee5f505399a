import type { FrameInfo } from '../inspect/types.js';
import type { RepairRecord } from '../recover/repair-record.js';

/** A clean frame leaving the pipeline. */
export interface OutFrame {
  index: number;
  /** The access unit's NAL units in Annex B form, without a leading start code. */
  bytes: Uint8Array;
  pts: number | null;
  dts: number | null;
  keyframe: boolean;
  /** Repairs made to this frame (empty when untouched). */
  repairs: readonly RepairRecord[];
  info: Readonly<FrameInfo>;
}

const START_CODE = Uint8Array.of(0, 0, 0, 1);

/** The frame as Annex B bytes with a leading 4-byte start code (a copy). */
export function annexBAccessUnit(frame: OutFrame): Uint8Array {
  const out = new Uint8Array(START_CODE.length + frame.bytes.byteLength);
  out.set(START_CODE, 0);
  out.set(frame.bytes, START_CODE.length);
  return out;
}

/** Concatenates frames into one Annex B elementary stream. */
export function annexBStream(frames: readonly OutFrame[]): Uint8Array {
  let size = 0;
  for (const f of frames) size += START_CODE.length + f.bytes.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const f of frames) {
    out.set(START_CODE, at);
    out.set(f.bytes, at + START_CODE.length);
    at += START_CODE.length + f.bytes.byteLength;
  }
  return out;
}
