export interface BufferManagerOptions {
  /** Upper bound for the delay added to either elementary stream. */
  maxDelayMs?: number;
}

export interface PlayoutDelays {
  audioDelayMs: number;
  videoDelayMs: number;
}

/**
 * Holds the extra playout delays that realign audio and video. A positive correction
 * (audio leads) delays audio; a negative one delays video. Only the net offset matters,
 * so at most one of the two delays is non-zero.
 */
export class BufferManager {
  private readonly maxDelayMs: number;
  private netMs = 0;

  constructor(opts: BufferManagerOptions = {}) {
    this.maxDelayMs = opts.maxDelayMs ?? 2000;
  }

  /** Adds `deltaMs` of audio delay (negative: video delay); returns the clamped delays. */
  applyCorrection(deltaMs: number): PlayoutDelays {
    this.netMs = Math.max(-this.maxDelayMs, Math.min(this.maxDelayMs, this.netMs + deltaMs));
    return this.delays();
  }

  /** Shifts by whole frames. */
  adjustFrames(frames: number, frameDurationMs: number): PlayoutDelays {
    return this.applyCorrection(frames * frameDurationMs);
  }

  delays(): PlayoutDelays {
    return {
      audioDelayMs: this.netMs > 0 ? this.netMs : 0,
      videoDelayMs: this.netMs < 0 ? -this.netMs : 0,
    };
  }

  reset(): void {
    this.netMs = 0;
  }
}
