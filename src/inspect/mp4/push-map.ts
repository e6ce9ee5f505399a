/**
 * Where the bytes pushed into the inspector came from. The inspector numbers bytes in push
 * order; each push is a whole sample (or a configuration-record preamble), so a sorted list
 * of push start offsets maps any inspector offset back to a sample and a file offset.
 */

export class PushMap {
  #starts = new Float64Array(1024);
  /** Sample index, or −1 − preamble number for a configuration preamble. */
  #owners = new Int32Array(1024);
  /** File offset of the first pushed byte of each push. */
  #fileOffsets = new Float64Array(1024);
  #n = 0;
  #pushed = 0;
  #samples = 0;
  #lastSample = -1;
  #preambles: Array<{ start: number; end: number }> = [];

  /** Bytes pushed so far. */
  get pushed(): number {
    return this.#pushed;
  }

  /** Samples pushed so far. */
  get samples(): number {
    return this.#samples;
  }

  get preambles(): ReadonlyArray<{ start: number; end: number }> {
    return this.#preambles;
  }

  /** Bytes of `sample` (the whole sample, or consecutive parts of it). */
  addSample(sample: number, fileOffset: number, bytes: number): void {
    if (sample !== this.#lastSample) this.#samples++;
    this.#lastSample = sample;
    this.#add(sample, fileOffset, bytes);
  }

  addPreamble(fileOffset: number, bytes: number): void {
    this.#preambles.push({ start: this.#pushed, end: this.#pushed + bytes });
    this.#add(-this.#preambles.length, fileOffset, bytes);
  }

  #add(owner: number, fileOffset: number, bytes: number): void {
    if (bytes === 0) return;
    if (this.#n === this.#starts.length) {
      this.#starts = grow(this.#starts);
      this.#fileOffsets = grow(this.#fileOffsets);
      const o = new Int32Array(this.#owners.length * 2);
      o.set(this.#owners);
      this.#owners = o;
    }
    this.#starts[this.#n] = this.#pushed;
    this.#owners[this.#n] = owner;
    this.#fileOffsets[this.#n] = fileOffset;
    this.#n++;
    this.#pushed += bytes;
  }

  #find(pushedOffset: number): number {
    let lo = 0;
    let hi = this.#n - 1;
    if (hi < 0 || pushedOffset < this.#starts[0]) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.#starts[mid] <= pushedOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The sample holding inspector offset `pushedOffset` (−1 for a preamble or nothing). */
  sampleAt(pushedOffset: number): number {
    const i = this.#find(pushedOffset);
    return i < 0 ? -1 : Math.max(-1, this.#owners[i]);
  }

  #cursor = 0;

  /** As sampleAt() for offsets that never decrease between calls (frames in stream order). */
  sampleAtForward(pushedOffset: number): number {
    let i = this.#cursor;
    if (i >= this.#n || this.#starts[i] > pushedOffset) return this.sampleAt(pushedOffset);
    while (i + 1 < this.#n && this.#starts[i + 1] <= pushedOffset) i++;
    this.#cursor = i;
    return Math.max(-1, this.#owners[i]);
  }

  /** The file offset of inspector offset `pushedOffset`. */
  fileOffset(pushedOffset: number): number {
    const i = this.#find(pushedOffset);
    if (i < 0) return 0;
    // A preamble is not in the file byte for byte: point at its configuration box.
    if (this.#owners[i] < 0) return this.#fileOffsets[i];
    return this.#fileOffsets[i] + (pushedOffset - this.#starts[i]);
  }

  /** True when [from, to) overlaps a preamble. */
  overlapsPreamble(from: number, to: number): boolean {
    for (const p of this.#preambles) if (from < p.end && to > p.start) return true;
    return false;
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
