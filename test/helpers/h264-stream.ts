/** Running hand-built H.264 NAL units through the inspector, and reading the findings compactly. */
import { inspectBuffer } from '../../src/index.js';
import type { InspectionOutput, IssueInfo } from '../../src/index.js';
import { annexB, lengthPrefixed } from './bit-writer.js';
import { pps, slice, sps } from './h264-builder.js';

/** Annex B with 4-byte start codes. */
export function run(nals: number[][]): InspectionOutput {
  return inspectBuffer(annexB(nals));
}

/** 4-byte length fields (ISO/IEC 14496-15). */
export function runLengthPrefixed(bytes: Uint8Array): InspectionOutput {
  return inspectBuffer(bytes, { framing: 'length-prefixed', lengthSize: 4 });
}

/** [name, frame, found] of every finding, in report order. */
export function brief(r: InspectionOutput): Array<[string, number, number]> {
  return r.issues.map((i: IssueInfo) => [i.name, i.frame, i.found]);
}

/** The single finding named `name` (fails when there is not exactly one). */
export function only(r: InspectionOutput, name: string): IssueInfo {
  const all = r.issues.filter((i) => i.name === name);
  if (all.length !== 1) throw new Error(`${all.length} ${name} findings: ${JSON.stringify(brief(r))}`);
  return all[0];
}

/** Absolute offset of the first byte (NAL unit header) of each unit in annexB(nals). */
export function annexBOffsets(nals: number[][]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const n of nals) {
    out.push(at + 4);
    at += 4 + n.length;
  }
  return out;
}

/** The default SPS and PPS, an IDR picture and reference P pictures with frame_num 1..n. */
export function gop(n: number): number[][] {
  const out = [sps(), pps(), slice({ idr: true })];
  for (let k = 1; k <= n; k++) out.push(slice({ frameNum: k }));
  return out;
}
