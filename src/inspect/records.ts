/**
 * Layouts of the native records (native/inspect/records.h), read as 32-bit words.
 * A test checks these strides against the addon's `recordLayout()`.
 */
import type { FrameInfo, IssueInfo, NalInfo, PictureType } from './types.js';
import { issueByCode, renderMessage } from './catalogue.js';

export const FRAME_STRIDE = 16;
export const NAL_STRIDE = 8;
export const ISSUE_STRIDE = 12;
const NONE = 0xffffffff;

export const FrameFlag = {
  keyframe: 1 << 0,
  idr: 1 << 1,
  irap: 1 << 2,
  recoveryPoint: 1 << 3,
  field: 1 << 4,
  bottomField: 1 << 5,
  fieldPair: 1 << 6,
  mbaff: 1 << 7,
  hasSps: 1 << 8,
  hasPps: 1 << 9,
  hasVps: 1 << 10,
  hasAud: 1 << 11,
  reference: 1 << 12,
  rasl: 1 << 13,
  radl: 1 << 14,
  cra: 1 << 15,
  bla: 1 << 16,
  endOfSequence: 1 << 17,
  cutByEof: 1 << 18,
  noPicture: 1 << 19,
  hasSei: 1 << 20,
  paramSetChanged: 1 << 21,
  damageInherited: 1 << 22,
  leadingSkipped: 1 << 23,
  unpairedField: 1 << 24,
} as const;

/** Bits of FrameInfo.issueFlags: one per issue kind, plus `damaged` (severity medium or above). */
export const IssueClass = {
  needMoreData: 1 << 0,
  broken: 1 << 1,
  missingReference: 1 << 2,
  unsupported: 1 << 3,
  event: 1 << 4,
  damaged: 1 << 5,
} as const;

const PIC_TYPES: PictureType[] = ['unknown', 'I', 'P', 'B'];

function u64(lo: number, hi: number): number {
  return hi * 0x100000000 + lo;
}
function i64(lo: number, hi: number): number {
  return (hi | 0) * 0x100000000 + lo;
}

export function decodeFrame(w: Uint32Array, i: number, index: number): FrameInfo {
  const b = i * FRAME_STRIDE;
  const flags = w[b + 5];
  const ids = w[b + 9];
  const pts = i64(w[b + 12], w[b + 13]);
  const dts = i64(w[b + 14], w[b + 15]);
  return {
    index,
    offset: u64(w[b], w[b + 1]),
    size: w[b + 2],
    firstNal: w[b + 3],
    nalCount: w[b + 4],
    pictureType: PIC_TYPES[w[b + 6]] ?? 'unknown',
    keyframe: (flags & FrameFlag.keyframe) !== 0,
    idr: (flags & FrameFlag.idr) !== 0,
    irap: (flags & FrameFlag.irap) !== 0,
    recoveryPoint: (flags & FrameFlag.recoveryPoint) !== 0,
    field: (flags & FrameFlag.field) !== 0,
    bottomField: (flags & FrameFlag.bottomField) !== 0,
    fieldPair: (flags & FrameFlag.fieldPair) !== 0,
    reference: (flags & FrameFlag.reference) !== 0,
    poc: w[b + 7] | 0,
    frameNum: w[b + 8],
    spsId: ids & 0xff,
    ppsId: (ids >>> 8) & 0xff,
    temporalId: ids >>> 24,
    vclNalType: w[b + 10] & 0xff,
    sliceCount: w[b + 10] >>> 8,
    issueFlags: w[b + 11],
    damaged: (w[b + 11] & IssueClass.damaged) !== 0,
    dependsOnDamaged: (flags & FrameFlag.damageInherited) !== 0,
    skippedLeading: (flags & FrameFlag.leadingSkipped) !== 0,
    flags,
    pts: pts < 0 ? null : pts,
    dts: dts < 0 ? null : dts,
  };
}

export function frameFlags(w: Uint32Array, i: number): number {
  return w[i * FRAME_STRIDE + 5];
}

export function decodeNal(w: Uint32Array, i: number, index: number): NalInfo {
  const b = i * NAL_STRIDE;
  const h = w[b + 3];
  return {
    index,
    offset: u64(w[b], w[b + 1]),
    size: w[b + 2],
    type: h & 0xff,
    refIdcOrLayerId: (h >>> 8) & 0xff,
    temporalId: (h >>> 16) & 0xff,
    frame: w[b + 4] === NONE ? -1 : w[b + 4],
    emulationPreventionBytes: w[b + 5],
  };
}

/** `elementName(id)` resolves the syntax-element id of the record. */
export function decodeIssue(w: Uint32Array, i: number, elementName: (id: number) => string): IssueInfo {
  const b = i * ISSUE_STRIDE;
  const code = w[b];
  const def = issueByCode(code);
  const element = elementName(w[b + 5]);
  const found = i64(w[b + 6], w[b + 7]);
  const min = i64(w[b + 8], w[b + 9]);
  const max = i64(w[b + 10], w[b + 11]);
  return {
    code,
    name: def.name,
    severity: def.severity,
    type: def.type,
    kind: def.kind,
    clause: def.clause,
    offset: u64(w[b + 1], w[b + 2]),
    nal: w[b + 3] === NONE ? -1 : w[b + 3],
    frame: w[b + 4] === NONE ? -1 : w[b + 4],
    expected: min,
    found,
    message: renderMessage(def.message, { element, found, min, max }),
  };
}
