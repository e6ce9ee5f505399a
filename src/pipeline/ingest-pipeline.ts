export type { IngestPipelineOptions, PipelineCounters, PipelineHooks, TimedChunk } from './pipeline-options.js';
import { FrameFlag } from '../inspect/records.js';
import { atLeast, severityRank } from '../detect/severity.js';
import { ErrorDetector } from '../detect/error-detector.js';
import type { StreamError, StreamErrorContext } from '../detect/stream-error.js';
import { GopBuffer, type GopPushResult } from '../gop/gop-buffer.js';
import type {
  Codec,
  ErrorType,
  FrameInfo,
  Framing,
  InspectResult,
  IssueInfo,
  NalInfo,
  PushTimestamps,
  RecordTable,
  Severity,
} from '../inspect/types.js';
import type { RecoveryMetrics } from '../metrics/recovery-metrics.js';
import { realSleep, systemClock, type Clock } from '../recover/clock.js';
import { TypedEmitter, type Unsubscribe } from '../recover/emitter.js';
import { RecoveryEngine, type RecoveryOutcome } from '../recover/recovery-engine.js';
import { RecoveryHandler, type HandleResult } from '../recover/recovery-handler.js';
import { isAudNal, nalTypeOf } from '../recover/repair/nal-types.js';
import { frameNals, planRepairs } from '../recover/repair/repairs.js';
import type { RepairRecord } from '../recover/repair-record.js';
import type { RecoverableStream, StreamFrame, StreamMetadata, StreamOperation } from '../recover/stream.js';
import { BufferManager } from '../sync/buffer-manager.js';
import { ChunkStore } from './chunk-store.js';
import type { FrameSource } from './frame-source.js';
import type { IngestPipelineOptions, PipelineCounters, PipelineHooks, TimedChunk } from './pipeline-options.js';
import type { OutFrame } from './out-frame.js';
import { ParameterSetCache } from './parameter-set-cache.js';
import type { PipelineEvents } from './pipeline-events.js';
import { toAnnexB } from './to-annexb.js';

type Disposition = 'pass' | 'repaired' | 'dropped';

interface FrameState {
  frame: StreamFrame;
  disposition: Disposition;
  repairs: RepairRecord[];
}

/**
 * One live stream end to end: chunks → inspector → detector → recovery engine → actions →
 * clean frames. Frame-level recovery is synchronous (a push returns the frames that
 * survived it); stream-level errors (timeouts, drift, host reports) run through a
 * `RecoveryHandler` and may wait (reconnect backoff). Implements the engine's
 * `RecoverableStream` over its GOP buffer, drift corrector and buffer manager.
 *
 * @example
 * const p = new IngestPipeline({ streamId: 'cam1', source: new Inspector(), hooks: { requestKeyframe: sendPli } });
 * p.on('keyframe-request', (e) => log.info(e));
 * for await (const frame of p.run(socketChunks)) forward(frame.bytes);
 */
export class IngestPipeline implements RecoverableStream {
  readonly id: string;
  readonly detector: ErrorDetector;
  readonly gop: GopBuffer;
  readonly buffers: BufferManager;
  readonly engine: RecoveryEngine;
  private readonly handler: RecoveryHandler;
  private readonly source: FrameSource;
  private readonly framing: Framing;
  private readonly metrics: RecoveryMetrics | undefined;
  private readonly hooks: PipelineHooks;
  private readonly clock: Clock;
  private readonly events = new TypedEmitter<PipelineEvents>();
  private readonly chunks: ChunkStore;
  private readonly paramSets = new ParameterSetCache();
  private readonly pendingIssues = new Map<number, IssueInfo[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly disposers: Unsubscribe[] = [];
  private readonly startedAtMs: number;
  private readonly repairLog: RepairRecord[] = [];
  private readonly count: PipelineCounters = {
    bytesIn: 0,
    framesIn: 0,
    framesOut: 0,
    framesDropped: 0,
    framesRepaired: 0,
    issues: 0,
    framesDroppedDependent: 0,
    repairs: 0,
    keyframeRequests: 0,
    issuesSuppressed: 0,
  };
  private current: FrameState | null = null;
  private awaitingIrap = false;
  /** After resuming at a CRA / recovery point: drop its leading pictures (POC below it). */
  private leadingAfter: { poc: number } | null = null;
  private retries = 0;
  private terminated: string | null = null;
  private usesAud = false;
  private nextFrameIndex = 0;
  private gopOver = false;
  private ended = false;
  private readonly restoreParameterSets: boolean;
  private codec: Codec | null = null;

  constructor(opts: IngestPipelineOptions) {
    this.id = opts.streamId;
    this.source = opts.source;
    this.framing = opts.framing ?? 'annexb';
    this.clock = opts.clock ?? systemClock;
    this.metrics = opts.metrics;
    this.hooks = opts.hooks ?? {};
    const sleep = opts.sleep ?? realSleep;
    this.engine =
      opts.engine ?? new RecoveryEngine({ clock: this.clock, sleep, ...(opts.metrics ? { metrics: opts.metrics } : {}) });
    this.detector = new ErrorDetector({ ...opts.detector, streamId: this.id, clock: this.clock });
    // Output frames are already views of the pushed chunks (which must not be reused), so
    // the GOP buffer keeps views too instead of copying every frame; override with retain: 'copy'.
    this.gop = new GopBuffer({ retain: 'view', ...opts.gopBuffer });
    this.buffers = new BufferManager(opts.bufferManager);
    this.chunks = new ChunkStore(opts.maxPendingBytes);
    this.restoreParameterSets = opts.restoreParameterSets ?? true;
    this.startedAtMs = this.clock.nowMs();
    this.handler = new RecoveryHandler({
      engine: this.engine,
      stream: this,
      clock: this.clock,
      sleep,
      onOutcome: (o) => this.emitRecovery(o, null, o.success as boolean),
    });
    this.disposers.push(
      this.engine.breakers.onStateChange((c) => {
        if (c.streamId === this.id) this.events.emit('breaker-state', c);
      }),
    );
    if (this.metrics) this.disposers.push(this.metrics.addInspectorSource(this.id, () => ({ ...this.count })));
  }

  on<K extends keyof PipelineEvents>(event: K, listener: (payload: PipelineEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Pushes input bytes; returns the clean frames completed by them. */
  push(chunk: Uint8Array, ts?: PushTimestamps): OutFrame[] {
    if (this.terminated || this.ended) return [];
    this.count.bytesIn += chunk.byteLength;
    // Frames are cut from the bytes their offsets index: the input itself, or (MPEG-TS) the
    // video elementary stream the source extracted from it.
    const es = this.source.indexesVideoEs === true;
    if (!es) this.chunks.append(chunk);
    this.detector.dataReceived();
    const res = this.source.push(chunk, ts);
    if (es && res.videoEs && res.videoEs.byteLength) this.chunks.append(res.videoEs);
    const out = this.consume(res);
    this.checkMemory();
    return out;
  }

  /**
   * Pushes one whole length-prefixed sample (e.g. an MP4/RTMP video sample with its
   * timestamps) and marks its end, so a damaged sample cannot desynchronise the next.
   */
  pushSample(sample: Uint8Array, ts?: PushTimestamps): OutFrame[] {
    const out = this.push(sample, ts);
    if (this.terminated || this.ended || !this.source.endSample) return out;
    return [...out, ...this.consume(this.source.endSample())];
  }

  /** End of input: flushes the last frame and releases per-stream state. */
  end(): OutFrame[] {
    if (this.ended) return [];
    let out: OutFrame[] = [];
    if (!this.terminated) {
      const res = this.source.flush();
      if (this.source.indexesVideoEs === true && res.videoEs && res.videoEs.byteLength) this.chunks.append(res.videoEs);
      out = this.consume(res);
    }
    this.ended = true;
    for (const d of this.disposers.splice(0)) d();
    this.engine.forgetStream(this.id);
    return out;
  }

  /** Pulls chunks from `input` and yields clean frames until the input ends or the stream terminates. */
  async *run(input: AsyncIterable<Uint8Array | TimedChunk> | Iterable<Uint8Array | TimedChunk>): AsyncGenerator<OutFrame> {
    for await (const c of input) {
      yield* c instanceof Uint8Array ? this.push(c) : this.push(c.bytes, c.ts);
      if (this.terminated) break;
    }
    yield* this.end();
  }

  /** Timing monitors: call periodically (no data → timeout). */
  tick(): Promise<HandleResult> | null {
    const err = this.detector.checkTimeout();
    return err ? this.handleStreamError(err) : null;
  }

  /** One A/V drift sample (audio lead in ms). */
  observeDrift(audioLeadMs: number): Promise<HandleResult> | null {
    const err = this.detector.observeDrift(audioLeadMs);
    return err ? this.handleStreamError(err) : null;
  }

  /** One pair of presentation timestamps (90 kHz) for drift monitoring. */
  observePts(videoPts: number, audioPts: number): Promise<HandleResult> | null {
    const err = this.detector.observePts(videoPts, audioPts);
    return err ? this.handleStreamError(err) : null;
  }

  /** An error the host observed (network disconnect, auth failure, …). */
  reportError(type: ErrorType, severity: Severity, message: string, context: StreamErrorContext = {}): Promise<HandleResult> {
    return this.handleStreamError(this.detector.report(type, severity, message, context));
  }

  /** Resolves when every asynchronous recovery started so far has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  counters(): Readonly<PipelineCounters> {
    return { ...this.count };
  }

  repairs(): readonly RepairRecord[] {
    return this.repairLog;
  }

  get terminatedReason(): string | null {
    return this.terminated;
  }

  // ---- RecoverableStream ----

  currentFrame(): StreamFrame | null {
    return this.current?.frame ?? null;
  }

  replaceFrame(bytes: Uint8Array, repairs: readonly RepairRecord[]): void {
    const cur = this.current;
    if (!cur) return;
    cur.frame = { ...cur.frame, bytes };
    cur.disposition = 'repaired';
    cur.repairs.push(...repairs);
    this.repairLog.push(...repairs);
    this.count.repairs += repairs.length;
  }

  dropFrame(dependents: boolean): void {
    if (this.current) this.current.disposition = 'dropped';
    if (dependents) this.awaitingIrap = true;
  }

  resetToGop(): boolean {
    const valid = this.gop.resetToLastValidGop();
    this.awaitingIrap = true;
    if (this.current && !this.current.frame.info.irap) this.current.disposition = 'dropped';
    return valid !== null;
  }

  requestKeyframe(reason: string): void {
    this.count.keyframeRequests++;
    this.events.emit('keyframe-request', {
      reason,
      frameIndex: this.current?.frame.index ?? null,
      atMs: this.clock.nowMs(),
    });
    const r = this.hooks.requestKeyframe?.(reason);
    if (r) this.track(r);
  }

  requestResync(driftMs: number): void {
    this.buffers.reset();
    this.events.emit('resync', { driftMs, atMs: this.clock.nowMs() });
    this.hooks.resync?.(driftMs);
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
    return {
      codec: this.codecOf(),
      info: this.source.streamInfo(),
      parameterSets: this.paramSets.ordered(),
      usesAud: this.usesAud,
      startedAtMs: this.startedAtMs,
      framesIn: this.count.framesIn,
    };
  }

  timeDriftMs(): number {
    return this.detector.drift.state().emaMs;
  }

  perform(op: StreamOperation, signal?: AbortSignal): boolean | Promise<boolean> {
    switch (op.kind) {
      case 'restart':
        this.gop.clear();
        this.detector.drift.reset();
        this.buffers.reset();
        this.awaitingIrap = true;
        if (this.current) this.current.disposition = 'dropped';
        this.hooks.restart?.();
        this.requestKeyframe('restart');
        return true;
      case 'slew':
        this.hooks.slew?.(op.rate, op.driftMs);
        return true;
      case 'buffer-adjust':
        this.hooks.bufferAdjust?.(this.buffers.applyCorrection(op.adjustMs));
        return true;
      case 'shed':
        this.gop.shedNonReference();
        this.gop.shrink(op.factor);
        return true;
      case 'release-memory':
        this.gop.release(op.keepGops);
        return true;
      case 'reinitialise':
        this.codec = null;
        this.hooks.reinitialise?.();
        return true;
      case 'terminate':
        this.terminate(op.reason);
        return true;
      case 'reconnect':
        return this.hooks.reconnect ? this.hooks.reconnect(signal) : false;
    }
  }

  // ---- internals ----

  private consume(res: InspectResult): OutFrame[] {
    const streamIssues: IssueInfo[] = [];
    for (const issue of res.issues) {
      this.count.issues++;
      if (issue.frame < this.nextFrameIndex) streamIssues.push(issue);
      else {
        const list = this.pendingIssues.get(issue.frame);
        if (list) list.push(issue);
        else this.pendingIssues.set(issue.frame, [issue]);
      }
    }
    for (const issue of streamIssues) {
      const err = this.detector.fromIssue(issue);
      if (err) void this.handleStreamError(err);
    }
    const out: OutFrame[] = [];
    for (const info of res.frames) {
      const issues = this.pendingIssues.get(info.index) ?? [];
      this.pendingIssues.delete(info.index);
      const f = this.terminated ? null : this.processFrame(info, res.nals, issues);
      if (f) out.push(f);
      this.nextFrameIndex = info.index + 1;
      this.chunks.releaseBefore(info.offset + info.size);
    }
    return out;
  }

  private processFrame(info: FrameInfo, nalTable: RecordTable<NalInfo>, issues: IssueInfo[]): OutFrame | null {
    this.count.framesIn++;
    const bytes = this.chunks.read(info.offset, info.size);
    const keyframe = info.irap || info.recoveryPoint;
    if (!bytes) {
      this.count.framesDropped++;
      return null;
    }
    if (this.awaitingIrap) {
      if (keyframe) {
        this.awaitingIrap = false;
        // Resuming at an open-GOP random access point: its leading pictures (H.265 RASL,
        // H.264 pictures after a recovery point with a lower POC) predict from the frames just
        // dropped. A decoder that started here would skip them (H.265 8.1.3); in the middle of
        // a stream it would decode them, so they go too.
        this.leadingAfter = info.idr ? null : { poc: info.poc };
      } else {
        this.count.framesDropped++;
        this.count.framesDroppedDependent++;
        this.count.issuesSuppressed += issues.length;
        return null;
      }
    } else if (this.leadingAfter) {
      const leading = (info.flags & FrameFlag.rasl) !== 0 || (info.poc < this.leadingAfter.poc && !info.keyframe);
      if (leading) {
        this.count.framesDropped++;
        this.count.framesDroppedDependent++;
        this.count.issuesSuppressed += issues.length;
        return null;
      }
      if (info.poc > this.leadingAfter.poc || info.keyframe) this.leadingAfter = null;
    }
    // NAL records become objects only when something reads them (a repair, parameter-set
    // learning on a keyframe, length-prefixed conversion): most frames never need them.
    let nals: NalInfo[] | null = null;
    let frame: StreamFrame = {
      index: info.index,
      bytes,
      info,
      get nals(): NalInfo[] {
        return (nals ??= nalsOfFrame(nalTable, info));
      },
    };
    if (this.framing === 'length-prefixed') frame = toAnnexB(frame);
    const codec = this.codecOf();
    this.current = { frame, disposition: 'pass', repairs: [] };

    const errors: StreamError[] = [];
    for (const issue of issues) {
      const err = this.detector.fromIssue(issue);
      if (err) errors.push(err);
    }
    errors.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    for (const err of errors) this.metrics?.recordError(err);
    for (const err of errors) {
      const cur = this.current;
      if (cur.disposition === 'dropped' || this.terminated) break;
      if (cur.disposition === 'repaired' && !atLeast(err.severity, 'medium')) continue;
      this.recoverFrameError(err, info.index);
    }

    const cur = this.current;
    this.current = null;
    if (cur.disposition === 'dropped' || this.terminated) {
      this.count.framesDropped++;
      return null;
    }
    if (!errors.some((e) => atLeast(e.severity, 'medium'))) this.learn(cur.frame, info);
    if (this.restoreParameterSets && info.irap && cur.disposition === 'pass' && codec) this.restore(cur, codec);
    if (cur.disposition === 'repaired') this.count.framesRepaired++;
    this.count.framesOut++;
    this.checkGop(
      this.gop.push({ index: info.index, bytes: cur.frame.bytes, keyframe, reference: info.reference, pts: info.pts }),
    );
    return {
      index: info.index,
      bytes: cur.frame.bytes,
      pts: info.pts,
      dts: info.dts,
      keyframe,
      repairs: cur.repairs,
      info,
    };
  }

  private recoverFrameError(err: StreamError, frameIndex: number): void {
    const outcome = this.engine.recover({ nowMs: this.clock.nowMs(), attempt: 1 }, this, err);
    if (typeof outcome.success === 'boolean') this.emitRecovery(outcome, frameIndex, outcome.success);
    else {
      this.emitRecovery(outcome, frameIndex, null);
      this.track(outcome.success);
    }
    if (outcome.result.shouldTerminate && !this.terminated) this.terminate(outcome.result.message);
  }

  private handleStreamError(err: StreamError): Promise<HandleResult> {
    this.metrics?.recordError(err);
    const p = this.handler.handleError(err).then((r) => {
      if (r.terminated && !this.terminated) this.terminate(r.outcomes[r.outcomes.length - 1]?.result.message ?? err.message);
      return r;
    });
    this.track(p);
    return p;
  }

  private emitRecovery(o: RecoveryOutcome, frameIndex: number | null, success: boolean | null): void {
    this.events.emit('recovery', {
      error: o.error,
      strategy: o.strategy,
      action: o.result.action,
      success,
      attempted: o.attempted,
      confidence: o.confidence,
      frameIndex,
      message: o.result.message,
    });
  }

  /** Proactive repair of an IRAP that arrived without parameter sets. */
  private restore(cur: FrameState, codec: Codec): void {
    const repaired = planRepairs({
      frame: cur.frame,
      codec,
      parameterSets: this.paramSets.ordered(),
      usesAud: this.usesAud,
      brokenNal: -1,
    });
    if (!repaired) return;
    cur.frame = { ...cur.frame, bytes: repaired.bytes };
    cur.disposition = 'repaired';
    cur.repairs.push(...repaired.repairs);
    this.repairLog.push(...repaired.repairs);
    this.count.repairs += repaired.repairs.length;
    this.events.emit('repair', { frameIndex: cur.frame.index, repairs: repaired.repairs });
  }

  /** The stream's codec, asked of the source until known (not per frame after that). */
  private codecOf(): Codec | null {
    if (!this.codec) {
      this.codec = this.source.streamInfo()?.codec ?? null;
      if (this.codec) this.paramSets.setCodec(this.codec);
    }
    return this.codec;
  }

  /**
   * Notes AUD use (from the first NAL header byte, no records needed) and caches the
   * parameter sets of keyframes and I pictures, where encoders put them.
   */
  private learn(frame: StreamFrame, info: FrameInfo): void {
    const codec = this.codecOf();
    if (!codec || frame.bytes.byteLength === 0) return;
    if (isAudNal(codec, nalTypeOf(codec, frame.bytes[0]!))) this.usesAud = true;
    if (!(info.irap || info.recoveryPoint || info.pictureType === 'I')) return;
    const nals = frameNals(frame);
    for (const nal of nals) if (nal.byteLength > 0) this.paramSets.offer(nalTypeOf(codec, nal[0]!), nal);
  }

  private checkGop(push: GopPushResult): void {
    const over = push.overLimit || push.abandoned;
    if (over && !this.gopOver) {
      const limits = this.gop.limits();
      const err = this.detector.checkGopBuffer(push, {
        bytes: this.gop.bytes,
        frames: this.gop.frames,
        maxBytes: limits.maxBytes,
        maxFrames: limits.maxFrames,
      });
      if (err) void this.handleStreamError(err);
    }
    this.gopOver = over;
  }

  private checkMemory(): void {
    const err = this.detector.checkMemory(this.gop.bytes + this.chunks.bytes);
    if (err) void this.handleStreamError(err);
  }

  private terminate(reason: string): void {
    if (this.terminated) return;
    this.terminated = reason;
    if (this.current) this.current.disposition = 'dropped';
    this.events.emit('terminate', { reason, atMs: this.clock.nowMs() });
  }

  private track(p: Promise<unknown>): void {
    const guarded = p.catch(() => undefined);
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }
}

/** The frame's NAL records from the push result (by index; a scan when indices do not line up). */
function nalsOfFrame(table: RecordTable<NalInfo>, info: FrameInfo): NalInfo[] {
  if (table.length > 0) {
    const base = table.get(0).index;
    const out: NalInfo[] = [];
    for (let k = 0; k < info.nalCount; k++) {
      const i = info.firstNal - base + k;
      if (i < 0 || i >= table.length) break;
      const n = table.get(i);
      if (n.frame !== info.index) break;
      out.push(n);
    }
    if (out.length === info.nalCount) return out;
  }
  const found: NalInfo[] = [];
  for (const n of table) if (n.frame === info.index) found.push(n);
  return found;
}
