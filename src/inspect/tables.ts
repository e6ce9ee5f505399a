import type { FrameInfo, IssueInfo, NalInfo, RecordTable } from './types.js';
import { decodeFrame, decodeIssue, decodeNal, FRAME_STRIDE, ISSUE_STRIDE, NAL_STRIDE } from './records.js';

/** A table over `length` records of `stride` words starting at `words[0]`; `base` is the index of the first. */
export abstract class Table<T> implements RecordTable<T> {
  constructor(
    readonly words: Uint32Array,
    readonly length: number,
    readonly base: number,
  ) {}
  abstract get(i: number): T;
  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
  protected check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError(`record ${i} out of [0, ${this.length})`);
  }
}

export class FrameTable extends Table<FrameInfo> {
  static readonly stride = FRAME_STRIDE;
  get(i: number): FrameInfo {
    this.check(i);
    return decodeFrame(this.words, i, this.base + i);
  }
}

export class NalTable extends Table<NalInfo> {
  static readonly stride = NAL_STRIDE;
  get(i: number): NalInfo {
    this.check(i);
    return decodeNal(this.words, i, this.base + i);
  }
}

export class IssueTable extends Table<IssueInfo> {
  static readonly stride = ISSUE_STRIDE;
  constructor(
    words: Uint32Array,
    length: number,
    base: number,
    private readonly elementName: (id: number) => string,
  ) {
    super(words, length, base);
  }
  get(i: number): IssueInfo {
    this.check(i);
    return decodeIssue(this.words, i, this.elementName);
  }
}
