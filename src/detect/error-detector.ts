import type { GopPushResult } from '../gop/gop-buffer.js';
import type { IssueKind } from '../inspect/catalogue.js';
import type { ErrorType, IssueInfo, Severity } from '../inspect/types.js';
import { systemClock, type Clock } from '../recover/clock.js';
import { TypedEmitter, type Unsubscribe } from '../recover/emitter.js';
import { DriftCorrector } from '../sync/drift-corrector.js';
import type { DriftDecision } from '../sync/drift-decision.js';
import { atLeast } from './severity.js';
import { StreamError, type CodecFailureReason, type ErrorComponent, type StreamErrorContext } from './stream-error.js';

export interface ErrorDetectorOptions {
  streamId: string;
  clock?: Clock;
  /** No data for this long raises a medium timeout; for 3× as long, a high one. Default 5000. */
  noDataTimeoutMs?: number;
  /** Memory above this raises resource_exhaustion (high; critical above 1.5×). Default 256 MiB. */
  memoryBudgetBytes?: number;
  /** Native issues below this severity are not turned into errors. Default 'low'. */
  minIssueSeverity?: Severity;
  drift?: DriftCorrector;
  /**
   * Catalogue kind of an issue code (e.g. `(c) => issueByCode(c).kind`). With it, any
   * codec failure of kind 'unsupported' terminates; without it, names decide.
   */
  issueKind?: (code: number) => IssueKind | undefined;
}

interface DetectorEvents {
  error: StreamError;
}

/**
 * Turns everything that can go wrong on a stream into `StreamError`s: native inspector
 * issues, timing monitors (no data, A/V drift), buffer and memory limits, and errors the
 * host reports (network disconnect, auth failure, …). Each method returns the error it
 * raised (or null) and also emits it to `onError` listeners.
 */
export class ErrorDetector {
  readonly streamId: string;
  readonly drift: DriftCorrector;
  private readonly clock: Clock;
  private readonly noDataTimeoutMs: number;
  private readonly memoryBudgetBytes: number;
  private readonly minIssueSeverity: Severity;
  private readonly issueKind: ((code: number) => IssueKind | undefined) | undefined;
  private readonly events = new TypedEmitter<DetectorEvents>();
  private lastDataMs: number;
  /** Highest timeout severity already raised for the current idle period. */
  private idleRaised: Severity | null = null;
  /** Highest memory severity already raised for the current excursion over the budget. */
  private memoryRaised: Severity | null = null;

  constructor(opts: ErrorDetectorOptions) {
    this.streamId = opts.streamId;
    this.clock = opts.clock ?? systemClock;
    this.noDataTimeoutMs = opts.noDataTimeoutMs ?? 5000;
    this.memoryBudgetBytes = opts.memoryBudgetBytes ?? 256 * 1024 * 1024;
    this.minIssueSeverity = opts.minIssueSeverity ?? 'low';
    this.issueKind = opts.issueKind;
    this.drift = opts.drift ?? new DriftCorrector();
    this.lastDataMs = this.clock.nowMs();
  }

  onError(listener: (err: StreamError) => void): Unsubscribe {
    return this.events.on('error', listener);
  }

  /** A native catalogue issue. */
  fromIssue(issue: IssueInfo): StreamError | null {
    if (!atLeast(issue.severity, this.minIssueSeverity)) return null;
    const context: StreamErrorContext = {
      issueCode: issue.code,
      issueName: issue.name,
      clause: issue.clause,
      frameIndex: issue.frame,
      nalIndex: issue.nal,
      byteOffset: issue.offset,
    };
    if (issue.type === 'codec_failure') context.codecReason = codecReasonOf(issue.name, this.issueKind?.(issue.code));
    return this.raise(issue.type, issue.severity, `${issue.name}: ${issue.message}`, 'inspector', context);
  }

  /** Data arrived: re-arms the no-data monitor. */
  dataReceived(): void {
    this.lastDataMs = this.clock.nowMs();
    this.idleRaised = null;
  }

  /** Checks the no-data monitor; raises at most one medium then one high error per idle period. */
  checkTimeout(): StreamError | null {
    const idleMs = this.clock.nowMs() - this.lastDataMs;
    const severity: Severity | null =
      idleMs >= 3 * this.noDataTimeoutMs ? 'high' : idleMs >= this.noDataTimeoutMs ? 'medium' : null;
    if (!severity || (this.idleRaised && atLeast(this.idleRaised, severity))) return null;
    this.idleRaised = severity;
    return this.raise('timeout', severity, `no data for ${idleMs} ms`, 'timing', { idleMs });
  }

  /** One A/V drift sample (audio lead, ms); raises sync_loss when the corrector wants an action. */
  observeDrift(audioLeadMs: number): StreamError | null {
    const decision = this.drift.observe(audioLeadMs, this.clock.nowMs());
    return this.fromDriftDecision(decision);
  }

  /** Same, from presentation timestamps (90 kHz; the 33-bit wrap is not drift). */
  observePts(videoPts: number, audioPts: number): StreamError | null {
    return this.fromDriftDecision(this.drift.observePts(videoPts, audioPts, this.clock.nowMs()));
  }

  /** Checks a GOP buffer push: over the soft limit → medium; GOP abandoned → high. */
  checkGopBuffer(push: GopPushResult, usage: { bytes: number; frames: number; maxBytes: number; maxFrames: number }): StreamError | null {
    if (!push.overLimit && !push.abandoned) return null;
    return this.raise(
      'buffer_overflow',
      push.abandoned ? 'high' : 'medium',
      push.abandoned ? 'GOP too large for the buffer: abandoned until the next keyframe' : 'GOP buffer over its limits',
      'gop-buffer',
      { usedBytes: usage.bytes, limitBytes: usage.maxBytes, usedFrames: usage.frames, limitFrames: usage.maxFrames },
    );
  }

  /**
   * Checks memory use against the budget: raises once per excursion over it (high, or
   * critical above 1.5×), once more if a high excursion grows to critical; re-armed when
   * usage is back within the budget.
   */
  checkMemory(usedBytes: number): StreamError | null {
    if (usedBytes <= this.memoryBudgetBytes) {
      this.memoryRaised = null;
      return null;
    }
    const severity: Severity = usedBytes > 1.5 * this.memoryBudgetBytes ? 'critical' : 'high';
    if (this.memoryRaised && atLeast(this.memoryRaised, severity)) return null;
    this.memoryRaised = severity;
    return this.raise('resource_exhaustion', severity, `memory ${usedBytes} B over budget`, 'memory', {
      usedBytes,
      limitBytes: this.memoryBudgetBytes,
    });
  }

  /** An error the host observed (network disconnect, auth failure, …). */
  report(
    type: ErrorType,
    severity: Severity,
    message: string,
    context: StreamErrorContext = {},
    component: ErrorComponent = 'host',
  ): StreamError {
    return this.raise(type, severity, message, component, context);
  }

  private fromDriftDecision(decision: DriftDecision): StreamError | null {
    if (decision.kind === 'none') return null;
    const severity: Severity = decision.kind === 'slew' ? 'low' : decision.kind === 'buffer-adjust' ? 'medium' : 'high';
    return this.raise('sync_loss', severity, `A/V drift ${decision.driftMs.toFixed(1)} ms: ${decision.kind}`, 'drift', {
      driftMs: decision.driftMs,
      drift: decision,
    });
  }

  private raise(
    type: ErrorType,
    severity: Severity,
    message: string,
    component: ErrorComponent,
    context: StreamErrorContext,
  ): StreamError {
    const err = new StreamError({
      type,
      severity,
      message,
      streamId: this.streamId,
      component,
      timestampMs: this.clock.nowMs(),
      context,
    });
    this.events.emit('error', err);
    return err;
  }
}

function codecReasonOf(issueName: string, kind: IssueKind | undefined): CodecFailureReason {
  if (kind === 'unsupported' || /UNSUPPORTED|UNKNOWN_CODEC/.test(issueName)) return 'unsupported';
  if (/CHANGE/.test(issueName)) return 'parameter-change';
  return 'unknown';
}
