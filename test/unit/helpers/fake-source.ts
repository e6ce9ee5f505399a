import type { FrameInfo, InspectResult, IssueInfo, NalInfo, RecordTable, StreamInfo } from '../../../src/inspect/types.js';
import type { FrameSource } from '../../../src/pipeline/frame-source.js';
import { frameInfo } from './fake-stream.js';

function table<T>(rows: T[]): RecordTable<T> {
  return { length: rows.length, get: (i) => rows[i]!, [Symbol.iterator]: () => rows[Symbol.iterator]() };
}

export interface FakeFrameSpec {
  /** NAL payloads (first byte is the H.264 NAL header). */
  nals: number[][];
  info?: Partial<FrameInfo>;
  /** Issues on this frame: severity and type, NAL position within the frame (default: last). */
  issues?: Array<Partial<IssueInfo> & { nalInFrame?: number; early?: boolean }>;
}

export interface FakeStreamBytes {
  bytes: Uint8Array;
  frames: FrameInfo[];
  nals: NalInfo[];
  issues: IssueInfo[];
  /** Issues flagged `early`, raised in the push that delivers the frame's first byte. */
  early: Set<IssueInfo>;
}

/** Builds an Annex B byte stream (4-byte start codes) and the records an inspector would give. */
export function buildStream(specs: FakeFrameSpec[]): FakeStreamBytes {
  const parts: number[] = [];
  const frames: FrameInfo[] = [];
  const nals: NalInfo[] = [];
  const issues: IssueInfo[] = [];
  const early = new Set<IssueInfo>();
  specs.forEach((spec, index) => {
    const firstNal = nals.length;
    let offset = -1;
    for (const payload of spec.nals) {
      parts.push(0, 0, 0, 1);
      if (offset < 0) offset = parts.length;
      nals.push({
        index: nals.length,
        offset: parts.length,
        size: payload.length,
        type: payload[0]! & 0x1f,
        refIdcOrLayerId: (payload[0]! >> 5) & 3,
        temporalId: 0,
        frame: index,
        emulationPreventionBytes: 0,
      });
      parts.push(...payload);
    }
    const irap = spec.nals.some((n) => (n[0]! & 0x1f) === 5);
    frames.push(
      frameInfo({
        index,
        offset,
        size: parts.length - offset,
        firstNal,
        nalCount: spec.nals.length,
        irap,
        idr: irap,
        keyframe: irap,
        pictureType: irap ? 'I' : 'P',
        ...spec.info,
      }),
    );
    for (const is of spec.issues ?? []) {
      const nalIdx = firstNal + (is.nalInFrame ?? spec.nals.length - 1);
      const issue: IssueInfo = {
        code: 99,
        name: 'TEST_ISSUE',
        severity: 'medium',
        type: 'frame_corruption',
        clause: '',
        offset: nals[nalIdx]!.offset,
        nal: nalIdx,
        frame: index,
        expected: 0,
        found: 0,
        message: 'test',
        ...is,
        kind: is.kind ?? 'broken',
      };
      issues.push(issue);
      if (is.early) early.add(issue);
    }
  });
  return { bytes: Uint8Array.from(parts), frames, nals, issues, early };
}

/**
 * A FrameSource over a prebuilt stream: frame k completes in the push that delivers the
 * first byte of frame k + 1 (or at flush), as a real inspector does. Stream-level issues
 * (`frame: -1`) can be scheduled at a byte position.
 */
export class FakeSource implements FrameSource {
  private received = 0;
  private next = 0;
  private readonly raisedEarly = new Set<IssueInfo>();
  private readonly streamIssues: Array<{ atByte: number; issue: IssueInfo }> = [];
  info: StreamInfo | null = {
    codec: 'h264',
    profile: 'High',
    profileIdc: 100,
    level: '3',
    levelIdc: 30,
    width: 320,
    height: 240,
    codedWidth: 320,
    codedHeight: 240,
    chromaFormat: '4:2:0',
    bitDepth: 8,
    bitDepthChroma: 8,
    interlaced: false,
    frameRate: 25,
  };

  constructor(private readonly s: FakeStreamBytes) {}

  scheduleStreamIssue(atByte: number, issue: Partial<IssueInfo>): void {
    this.streamIssues.push({
      atByte,
      issue: {
        code: 98,
        name: 'STREAM_ISSUE',
        severity: 'medium',
        type: 'packet_loss',
        kind: 'broken',
        clause: '',
        offset: atByte,
        nal: -1,
        frame: -1,
        expected: 0,
        found: 0,
        message: 'stream-level',
        ...issue,
      },
    });
  }

  push(chunk: Uint8Array): InspectResult {
    this.received += chunk.length;
    let end = this.next;
    while (end < this.s.frames.length - 1 && this.s.frames[end + 1]!.offset < this.received) end++;
    return this.emit(end);
  }

  flush(): InspectResult {
    return this.emit(this.s.frames.length);
  }

  streamInfo(): StreamInfo | null {
    return this.info;
  }

  private emit(end: number): InspectResult {
    const frames = this.s.frames.slice(this.next, end);
    const idx = new Set(frames.map((f) => f.index));
    const issues: IssueInfo[] = [];
    for (const { atByte, issue } of this.streamIssues.splice(0)) {
      if (atByte < this.received) issues.push(issue);
      else this.streamIssues.push({ atByte, issue });
    }
    for (const is of this.s.early) {
      if (!this.raisedEarly.has(is) && this.s.frames[is.frame]!.offset < this.received) {
        this.raisedEarly.add(is);
        issues.push(is);
      }
    }
    for (const is of this.s.issues) if (idx.has(is.frame) && !this.s.early.has(is)) issues.push(is);
    this.next = end;
    return { frames: table(frames), nals: table(this.s.nals.filter((n) => idx.has(n.frame))), issues: table(issues) };
  }
}
