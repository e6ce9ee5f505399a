import { StreamError, type StreamErrorContext } from '../../../src/detect/stream-error.js';
import type { ErrorType, FrameInfo, NalInfo, Severity } from '../../../src/inspect/types.js';
import type { RepairRecord } from '../../../src/recover/repair-record.js';
import type { RecoverableStream, StreamFrame, StreamMetadata, StreamOperation } from '../../../src/recover/stream.js';

export function frameInfo(over: Partial<FrameInfo> = {}): FrameInfo {
  return {
    index: 0,
    offset: 0,
    size: 0,
    firstNal: 0,
    nalCount: 0,
    pictureType: 'P',
    keyframe: false,
    idr: false,
    irap: false,
    recoveryPoint: false,
    field: false,
    bottomField: false,
    fieldPair: false,
    reference: true,
    poc: 0,
    frameNum: 0,
    spsId: 0,
    ppsId: 0,
    temporalId: 0,
    vclNalType: 1,
    sliceCount: 1,
    issueFlags: 0,
    damaged: false,
    dependsOnDamaged: false,
    skippedLeading: false,
    flags: 0,
    pts: null,
    dts: null,
    ...over,
  };
}

/** Builds a frame from NAL payloads joined with 4-byte start codes (first start code excluded). */
export function buildFrame(index: number, nalPayloads: Uint8Array[], over: Partial<FrameInfo> = {}, offset = 1000, firstNal = 0): StreamFrame {
  const parts: number[] = [];
  const nals: NalInfo[] = [];
  nalPayloads.forEach((p, i) => {
    if (i > 0) parts.push(0, 0, 0, 1);
    nals.push({
      index: firstNal + i,
      offset: offset + parts.length,
      size: p.length,
      type: p[0]! & 0x1f,
      refIdcOrLayerId: (p[0]! >> 5) & 3,
      temporalId: 0,
      frame: index,
      emulationPreventionBytes: 0,
    });
    parts.push(...p);
  });
  const bytes = Uint8Array.from(parts);
  return {
    index,
    bytes,
    nals,
    info: frameInfo({ index, offset, size: bytes.length, firstNal, nalCount: nals.length, ...over }),
  };
}

export function streamError(type: ErrorType, severity: Severity, context: StreamErrorContext = {}, streamId = 's1'): StreamError {
  return new StreamError({ type, severity, message: `${type}/${severity}`, streamId, component: 'host', timestampMs: 0, context });
}

export type Call =
  | ['replaceFrame', number]
  | ['dropFrame', boolean]
  | ['resetToGop']
  | ['requestKeyframe', string]
  | ['requestResync', number]
  | ['perform', StreamOperation['kind']];

/** A RecoverableStream that records what was asked of it. */
export class FakeStream implements RecoverableStream {
  calls: Call[] = [];
  frame: StreamFrame | null = null;
  retries = 0;
  driftMs = 0;
  meta: StreamMetadata = {
    codec: 'h264',
    info: null,
    parameterSets: [],
    usesAud: false,
    startedAtMs: 0,
    framesIn: 0,
  };
  /** Result of perform(), per operation kind (default true). */
  performResult: Partial<Record<StreamOperation['kind'], boolean | Promise<boolean>>> = {};
  repaired: { bytes: Uint8Array; repairs: readonly RepairRecord[] } | null = null;

  constructor(readonly id = 's1') {}

  currentFrame(): StreamFrame | null {
    return this.frame;
  }
  replaceFrame(bytes: Uint8Array, repairs: readonly RepairRecord[]): void {
    this.repaired = { bytes, repairs };
    this.calls.push(['replaceFrame', bytes.length]);
  }
  dropFrame(dependents: boolean): void {
    this.calls.push(['dropFrame', dependents]);
  }
  resetToGop(): boolean {
    this.calls.push(['resetToGop']);
    return true;
  }
  requestKeyframe(reason: string): void {
    this.calls.push(['requestKeyframe', reason]);
  }
  requestResync(driftMs: number): void {
    this.calls.push(['requestResync', driftMs]);
  }
  retryCount(): number {
    return this.retries;
  }
  incrementRetry(): number {
    return ++this.retries;
  }
  resetRetries(): void {
    this.retries = 0;
  }
  metadata(): StreamMetadata {
    return this.meta;
  }
  timeDriftMs(): number {
    return this.driftMs;
  }
  perform(op: StreamOperation): boolean | Promise<boolean> {
    this.calls.push(['perform', op.kind]);
    return this.performResult[op.kind] ?? true;
  }
}
