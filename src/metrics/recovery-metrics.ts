import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { StreamBreakers } from '../breaker/stream-breakers.js';
import { BREAKER_STATE_VALUE, type BreakerStateName } from '../breaker/breaker-state.js';
import type { StreamError } from '../detect/stream-error.js';
import type { ErrorType } from '../inspect/types.js';
import type { Unsubscribe } from '../recover/emitter.js';

/** Per-stream pipeline counters, read at scrape time (never incremented per frame in prom-client). */
export interface StreamCounters {
  bytesIn: number;
  framesIn: number;
  framesOut: number;
  framesDropped: number;
  framesRepaired: number;
  issues: number;
}

const COUNTER_KEYS: readonly (keyof StreamCounters)[] = [
  'bytesIn',
  'framesIn',
  'framesOut',
  'framesDropped',
  'framesRepaired',
  'issues',
];

export interface RecoveryMetricsOptions {
  /** Where the metrics register; required, nothing goes to the global registry. */
  registry: Registry;
  /** Prefix for every metric name. Default ''. */
  prefix?: string;
  /** Breakers whose states the `circuit_breaker_state` gauge reports and whose trips are counted. */
  breakers?: StreamBreakers;
  /** Also report each stream's breaker state with a `stream_id` label (removed when the stream ends). */
  perStreamLabels?: boolean;
  durationBucketsSeconds?: number[];
}

type AttemptLabels = 'error_type' | 'strategy';

/**
 * Recovery metrics on prom-client. Counters are labelled only with bounded values
 * (error type, severity, strategy, breaker state); per-stream labels are opt-in.
 * The breaker gauge, the recovery rate and the inspector counters are computed in
 * `collect()` at scrape time. Default process metrics are never registered here.
 */
export class RecoveryMetrics {
  readonly attempts: Counter<AttemptLabels>;
  readonly successes: Counter<AttemptLabels>;
  readonly duration: Histogram<AttemptLabels>;
  readonly breakerState: Gauge<'state' | 'stream_id'>;
  readonly breakerTrips: Counter<string>;
  readonly errorsDetected: Counter<'error_type' | 'severity'>;
  readonly recoveryRate: Gauge<string>;
  /** The scrape-time counters over the registered pipelines. */
  readonly inspectorCounters: Readonly<Record<keyof StreamCounters, Counter<string>>>;
  private readonly sources = new Map<string, () => StreamCounters>();
  private readonly retired: StreamCounters = zeroCounters();
  private attemptTotal = 0;
  private successTotal = 0;
  private readonly unsubscribe: Unsubscribe | null;

  constructor(opts: RecoveryMetricsOptions) {
    const p = opts.prefix ?? '';
    const registers = [opts.registry];
    const breakers = opts.breakers;
    const perStream = opts.perStreamLabels ?? false;
    const self = this;

    this.attempts = new Counter({
      name: `${p}recovery_attempts_total`,
      help: 'Recovery attempts by error type and strategy',
      labelNames: ['error_type', 'strategy'],
      registers,
    });
    this.successes = new Counter({
      name: `${p}recovery_successes_total`,
      help: 'Successful recovery attempts by error type and strategy',
      labelNames: ['error_type', 'strategy'],
      registers,
    });
    this.duration = new Histogram({
      name: `${p}recovery_duration_seconds`,
      help: 'Time from the start of a recovery attempt to its outcome',
      labelNames: ['error_type', 'strategy'],
      buckets: opts.durationBucketsSeconds ?? [0.0001, 0.001, 0.01, 0.1, 0.5, 1, 5, 30, 120],
      registers,
    });
    this.breakerState = new Gauge({
      name: `${p}circuit_breaker_state`,
      help: 'Circuit breakers per state (with stream_id: 0 closed, 1 half-open, 2 open, 3 isolated)',
      labelNames: ['state', 'stream_id'],
      registers,
      collect() {
        if (!breakers) return;
        this.reset();
        const counts = breakers.countByState();
        for (const state of Object.keys(counts) as BreakerStateName[]) this.set({ state }, counts[state]);
        if (perStream) {
          for (const [id, state] of breakers.states()) this.set({ stream_id: id }, BREAKER_STATE_VALUE[state]);
        }
      },
    });
    this.breakerTrips = new Counter({
      name: `${p}circuit_breaker_trips_total`,
      help: 'Times a circuit breaker opened',
      registers,
    });
    this.errorsDetected = new Counter({
      name: `${p}errors_detected_total`,
      help: 'Stream errors detected by error type and severity',
      labelNames: ['error_type', 'severity'],
      registers,
    });
    this.recoveryRate = new Gauge({
      name: `${p}error_recovery_rate`,
      help: 'Successful recovery attempts / all attempts (0 before any attempt)',
      registers,
      collect() {
        this.set(self.attemptTotal === 0 ? 0 : self.successTotal / self.attemptTotal);
      },
    });
    const inspectorCounter = (key: keyof StreamCounters, name: string, help: string): Counter<string> =>
      new Counter({
        name: `${p}${name}`,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(self.inspectorTotal(key));
        },
      });
    this.inspectorCounters = {
      bytesIn: inspectorCounter('bytesIn', 'inspector_bytes_total', 'Bytes pushed into inspected streams'),
      framesIn: inspectorCounter('framesIn', 'inspector_frames_total', 'Frames completed by the inspector'),
      framesOut: inspectorCounter('framesOut', 'pipeline_frames_out_total', 'Frames passed on by ingest pipelines'),
      framesDropped: inspectorCounter('framesDropped', 'pipeline_frames_dropped_total', 'Frames dropped by recovery'),
      framesRepaired: inspectorCounter('framesRepaired', 'pipeline_frames_repaired_total', 'Frames repaired'),
      issues: inspectorCounter('issues', 'inspector_issues_total', 'Issues raised by the inspector'),
    };
    this.unsubscribe = breakers
      ? breakers.onStateChange((c) => {
          if (c.to === 'open') this.breakerTrips.inc();
        })
      : null;
  }

  recordError(err: StreamError): void {
    this.errorsDetected.inc({ error_type: err.type, severity: err.severity });
  }

  recordAttempt(errorType: ErrorType, strategy: string, success: boolean, durationMs: number): void {
    const labels = { error_type: errorType, strategy };
    this.attempts.inc(labels);
    this.attemptTotal++;
    if (success) {
      this.successes.inc(labels);
      this.successTotal++;
    }
    this.duration.observe(labels, durationMs / 1000);
  }

  /** Registers a stream's counters; the returned function folds its last values in and removes it. */
  addInspectorSource(streamId: string, read: () => StreamCounters): Unsubscribe {
    if (this.sources.has(streamId)) throw new Error(`inspector source "${streamId}" is already registered`);
    this.sources.set(streamId, read);
    return () => {
      if (this.sources.get(streamId) !== read) return;
      const last = read();
      for (const k of COUNTER_KEYS) this.retired[k] += last[k];
      this.sources.delete(streamId);
    };
  }

  /** Stops listening to the breakers (the metrics stay registered). */
  dispose(): void {
    this.unsubscribe?.();
  }

  private inspectorTotal(key: keyof StreamCounters): number {
    let total = this.retired[key];
    for (const read of this.sources.values()) total += read()[key];
    return total;
  }
}

function zeroCounters(): StreamCounters {
  return { bytesIn: 0, framesIn: 0, framesOut: 0, framesDropped: 0, framesRepaired: 0, issues: 0 };
}
