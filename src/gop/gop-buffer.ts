export interface GopFrame {
  index: number;
  bytes: Uint8Array;
  /** Starts a GOP: IRAP, or an I picture with a recovery point. */
  keyframe: boolean;
  reference: boolean;
  pts: number | null;
}

export interface Gop {
  readonly startIndex: number;
  readonly frames: readonly GopFrame[];
  readonly bytes: number;
  /** True once the next keyframe has arrived. */
  readonly complete: boolean;
  readonly corrupt: boolean;
}

export interface GopBufferLimits {
  maxGops: number;
  maxFrames: number;
  maxBytes: number;
}

export interface GopBufferOptions extends Partial<GopBufferLimits> {
  /** The current GOP may exceed the frame/byte limits by this factor before it is abandoned. Default 1.5. */
  hardLimitFactor?: number;
  /** Copy frames in (default) so that input chunks are not pinned; 'view' keeps the caller's arrays. */
  retain?: 'copy' | 'view';
}

export interface GopPushResult {
  /** False when the frame was not kept (no GOP open, or the GOP was abandoned). */
  stored: boolean;
  evictedGops: number;
  /** Usage is above the soft limits. */
  overLimit: boolean;
  /** The current GOP went past the hard limit and was dropped. */
  abandoned: boolean;
}

interface MutableGop {
  startIndex: number;
  frames: GopFrame[];
  bytes: number;
  complete: boolean;
  corrupt: boolean;
}

export const DEFAULT_GOP_LIMITS: Readonly<GopBufferLimits> = Object.freeze({
  maxGops: 2,
  maxFrames: 600,
  maxBytes: 32 * 1024 * 1024,
});

/**
 * Keyframe-aligned buffer of the most recent GOPs, bounded by GOP count, frames and bytes.
 * Frames before the first keyframe are not kept. Older whole GOPs are evicted first; the
 * current GOP may go past the frame/byte limits up to the hard factor, then it is abandoned
 * until the next keyframe. `bytes` counts every byte held.
 */
export class GopBuffer {
  private limitsNow: GopBufferLimits;
  private readonly hardFactor: number;
  private readonly copy: boolean;
  private gops: MutableGop[] = [];
  private waitingForKeyframe = true;
  private byteTotal = 0;
  private frameTotal = 0;

  constructor(opts: GopBufferOptions = {}) {
    this.limitsNow = {
      maxGops: opts.maxGops ?? DEFAULT_GOP_LIMITS.maxGops,
      maxFrames: opts.maxFrames ?? DEFAULT_GOP_LIMITS.maxFrames,
      maxBytes: opts.maxBytes ?? DEFAULT_GOP_LIMITS.maxBytes,
    };
    this.hardFactor = opts.hardLimitFactor ?? 1.5;
    this.copy = (opts.retain ?? 'copy') === 'copy';
  }

  get bytes(): number {
    return this.byteTotal;
  }
  get frames(): number {
    return this.frameTotal;
  }
  get gopCount(): number {
    return this.gops.length;
  }
  limits(): Readonly<GopBufferLimits> {
    return { ...this.limitsNow };
  }

  push(frame: GopFrame): GopPushResult {
    let evicted = 0;
    if (frame.keyframe) {
      const last = this.gops[this.gops.length - 1];
      if (last) last.complete = true;
      this.gops.push({ startIndex: frame.index, frames: [], bytes: 0, complete: false, corrupt: false });
      this.waitingForKeyframe = false;
      evicted += this.evictOld(0, 0);
    }
    if (this.waitingForKeyframe) return { stored: false, evictedGops: evicted, overLimit: false, abandoned: false };
    const kept: GopFrame = this.copy ? { ...frame, bytes: frame.bytes.slice() } : frame;
    evicted += this.evictOld(1, kept.bytes.byteLength);
    const cur = this.gops[this.gops.length - 1]!;
    cur.frames.push(kept);
    cur.bytes += kept.bytes.byteLength;
    this.byteTotal += kept.bytes.byteLength;
    this.frameTotal++;
    const overLimit = this.frameTotal > this.limitsNow.maxFrames || this.byteTotal > this.limitsNow.maxBytes;
    if (
      cur.frames.length > this.limitsNow.maxFrames * this.hardFactor ||
      cur.bytes > this.limitsNow.maxBytes * this.hardFactor
    ) {
      this.dropGop(this.gops.length - 1);
      this.waitingForKeyframe = true;
      return { stored: false, evictedGops: evicted, overLimit: true, abandoned: true };
    }
    return { stored: true, evictedGops: evicted, overLimit, abandoned: false };
  }

  /** Most recent complete GOP not marked corrupt, or null. */
  lastValidGop(): Gop | null {
    for (let i = this.gops.length - 1; i >= 0; i--) {
      const g = this.gops[i]!;
      if (g.complete && !g.corrupt) return g;
    }
    return null;
  }

  /** Current (open) GOP, or null while waiting for a keyframe. */
  currentGop(): Gop | null {
    if (this.waitingForKeyframe) return null;
    return this.gops[this.gops.length - 1] ?? null;
  }

  /** Marks the open GOP corrupt, drops it, and waits for the next keyframe; returns the last valid GOP. */
  resetToLastValidGop(): Gop | null {
    const last = this.gops[this.gops.length - 1];
    if (last && !last.complete) {
      last.corrupt = true;
      this.dropGop(this.gops.length - 1);
    }
    this.waitingForKeyframe = true;
    return this.lastValidGop();
  }

  /** Removes non-reference frames from every GOP; returns how many were removed. */
  shedNonReference(): number {
    let removed = 0;
    for (const g of this.gops) {
      const keep = g.frames.filter((f) => f.reference || f.keyframe);
      for (const f of g.frames) {
        if (!f.reference && !f.keyframe) {
          g.bytes -= f.bytes.byteLength;
          this.byteTotal -= f.bytes.byteLength;
          this.frameTotal--;
          removed++;
        }
      }
      g.frames = keep;
    }
    return removed;
  }

  /** Scales frame/byte limits by `factor` (0 < factor ≤ 1) and drops to at least one GOP fewer; returns the new limits. */
  shrink(factor: number): GopBufferLimits {
    if (!(factor > 0 && factor <= 1)) throw new RangeError(`shrink factor must be in (0, 1], got ${factor}`);
    this.limitsNow = {
      maxGops: Math.max(1, this.limitsNow.maxGops - 1),
      maxFrames: Math.max(1, Math.floor(this.limitsNow.maxFrames * factor)),
      maxBytes: Math.max(1, Math.floor(this.limitsNow.maxBytes * factor)),
    };
    this.evictOld(0, 0);
    return this.limits();
  }

  /** Keeps only the newest `keepGops` GOPs; returns the bytes released. */
  release(keepGops: number): number {
    const before = this.byteTotal;
    while (this.gops.length > Math.max(0, keepGops)) this.dropGop(0);
    if (this.gops.length === 0) this.waitingForKeyframe = true;
    return before - this.byteTotal;
  }

  clear(): void {
    this.gops = [];
    this.byteTotal = 0;
    this.frameTotal = 0;
    this.waitingForKeyframe = true;
  }

  /** Evicts oldest GOPs (never the newest) until adding `extraFrames`/`extraBytes` fits. */
  private evictOld(extraFrames: number, extraBytes: number): number {
    let evicted = 0;
    while (
      this.gops.length > 1 &&
      (this.gops.length > this.limitsNow.maxGops ||
        this.frameTotal + extraFrames > this.limitsNow.maxFrames ||
        this.byteTotal + extraBytes > this.limitsNow.maxBytes)
    ) {
      this.dropGop(0);
      evicted++;
    }
    return evicted;
  }

  private dropGop(i: number): void {
    const [g] = this.gops.splice(i, 1);
    if (!g) return;
    this.byteTotal -= g.bytes;
    this.frameTotal -= g.frames.length;
  }
}
