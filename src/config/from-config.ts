import type { Registry } from 'prom-client';
import type { CircuitBreakerOptions } from '../breaker/circuit-breaker.js';
import { StreamBreakers } from '../breaker/stream-breakers.js';
import type { ErrorDetectorOptions } from '../detect/error-detector.js';
import type { FaultInjectorOptions } from '../fault/fault-injector.js';
import type { GopBufferOptions } from '../gop/gop-buffer.js';
import { RecoveryMetrics } from '../metrics/recovery-metrics.js';
import { RecoveryStatistics } from '../metrics/recovery-statistics.js';
import { systemClock, type Clock, type Sleep } from '../recover/clock.js';
import { seededRandom, type Random } from '../recover/random.js';
import { RecoveryEngine } from '../recover/recovery-engine.js';
import { defaultStrategies } from '../recover/strategies/index.js';
import type { NetworkRecoveryOptions } from '../recover/strategies/network-recovery.js';
import { StrategySelector } from '../recover/strategy-selector.js';
import { SmartRecovery } from '../smart/smart-recovery.js';
import { DriftCorrector } from '../sync/drift-corrector.js';
import type { DriftThresholds } from '../sync/drift-thresholds.js';
import type { IngestPipelineOptions } from '../pipeline/pipeline-options.js';
import type { RecoveryConfig } from './schema.js';

/** The configuration mapped onto the components' option objects (camelCase, units in names). */
export interface RecoveryOptions {
  breaker: Omit<CircuitBreakerOptions, 'clock' | 'initialState'>;
  breakerIdleTtlMs: number;
  network: NetworkRecoveryOptions;
  drift: DriftThresholds;
  gopBuffer: GopBufferOptions;
  detector: Omit<ErrorDetectorOptions, 'streamId' | 'clock' | 'drift'>;
  timeoutRecheckMs: number;
  smart: { enabled: boolean; discount: number; sequenceLength: number; seed: number | undefined };
  metrics: { enabled: boolean; prefix: string; perStreamLabels: boolean };
  faults: FaultInjectorOptions & {
    enabled: boolean;
    flipBitsProbability: number;
    dropTsPacketProbability: number;
    truncateNalProbability: number;
    cutConnectionProbability: number;
    audioShiftMs: number;
    stallMs: number;
  };
}

export function toRecoveryOptions(c: RecoveryConfig): RecoveryOptions {
  return {
    breaker: {
      failureThreshold: c.breaker.failure_threshold,
      resetTimeoutMs: c.breaker.reset_timeout,
      successThreshold: c.breaker.success_threshold,
      halfOpenMaxProbes: c.breaker.half_open_max_probes,
      maxHalfOpenDwellMs: c.breaker.max_half_open_dwell,
    },
    breakerIdleTtlMs: c.breaker.idle_ttl,
    network: {
      maxRetries: c.retry.max_retries,
      initialDelayMs: c.retry.initial_delay,
      maxDelayMs: c.retry.max_delay,
      multiplier: c.retry.multiplier,
      jitter: c.retry.jitter,
    },
    drift: {
      alpha: c.drift.ema_alpha,
      deadbandMs: c.drift.deadband,
      leadThresholdMs: c.drift.lead_threshold,
      lagThresholdMs: c.drift.lag_threshold,
      gradualMaxMs: c.drift.gradual_max,
      resyncThresholdMs: c.drift.resync_threshold,
      resyncPersistenceMs: c.drift.resync_persistence,
      discontinuityMs: c.drift.discontinuity,
      maxSlewRate: c.drift.max_slew_rate,
      stepThresholdMs: c.drift.step_threshold,
      stepConfirmMs: c.drift.step_confirm,
      frameDurationMs: c.drift.frame_duration,
    },
    gopBuffer: {
      maxGops: c.gop_buffer.max_gops,
      maxFrames: c.gop_buffer.max_frames,
      maxBytes: c.gop_buffer.max_bytes,
      hardLimitFactor: c.gop_buffer.hard_limit_factor,
    },
    detector: { noDataTimeoutMs: c.timeouts.no_data_timeout, memoryBudgetBytes: c.memory.budget },
    timeoutRecheckMs: c.timeouts.timeout_recheck,
    smart: {
      enabled: c.smart_recovery.enabled,
      discount: c.smart_recovery.discount,
      sequenceLength: c.smart_recovery.sequence_length,
      seed: c.smart_recovery.seed,
    },
    metrics: {
      enabled: c.metrics.enabled,
      prefix: c.metrics.prefix,
      perStreamLabels: c.metrics.per_stream_labels,
    },
    faults: {
      enabled: c.fault_injection.enabled,
      seed: c.fault_injection.seed,
      probability: c.fault_injection.probability,
      errorTypes: c.fault_injection.error_types,
      flipBitsProbability: c.fault_injection.flip_bits_probability,
      dropTsPacketProbability: c.fault_injection.drop_ts_packet_probability,
      truncateNalProbability: c.fault_injection.truncate_nal_probability,
      cutConnectionProbability: c.fault_injection.cut_connection_probability,
      audioShiftMs: c.fault_injection.audio_shift,
      stallMs: c.fault_injection.stall,
    },
  };
}

export interface EngineDeps {
  /** Required when metrics are enabled. */
  registry?: Registry;
  clock?: Clock;
  sleep?: Sleep;
  /** Random source for smart recovery and jitter; default seeded from the config, else Math.random. */
  random?: Random;
}

export interface ConfiguredEngine {
  engine: RecoveryEngine;
  breakers: StreamBreakers;
  statistics: RecoveryStatistics;
  metrics: RecoveryMetrics | null;
  smart: SmartRecovery | null;
  options: RecoveryOptions;
}

/** Builds breakers, statistics, metrics, smart recovery and the engine from a validated config. */
export function createRecoveryEngine(config: RecoveryConfig, deps: EngineDeps = {}): ConfiguredEngine {
  const options = toRecoveryOptions(config);
  const clock = deps.clock ?? systemClock;
  const random =
    deps.random ?? (options.smart.seed !== undefined ? seededRandom(options.smart.seed) : Math.random);
  const breakers = new StreamBreakers({ clock, breaker: options.breaker, idleTtlMs: options.breakerIdleTtlMs });
  const statistics = new RecoveryStatistics();
  let metrics: RecoveryMetrics | null = null;
  if (options.metrics.enabled) {
    if (!deps.registry) throw new Error('metrics are enabled in the configuration but no Registry was given');
    metrics = new RecoveryMetrics({
      registry: deps.registry,
      prefix: options.metrics.prefix,
      perStreamLabels: options.metrics.perStreamLabels,
      breakers,
    });
  }
  const smart = options.smart.enabled
    ? new SmartRecovery({ random, discount: options.smart.discount, sequenceLength: options.smart.sequenceLength })
    : null;
  const strategies = defaultStrategies({
    network: { ...options.network, random },
    drift: options.drift,
    timeoutRecheckMs: options.timeoutRecheckMs,
  });
  const engine = new RecoveryEngine({
    selector: new StrategySelector(strategies, statistics),
    breakers,
    statistics,
    clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(metrics ? { metrics } : {}),
    ...(smart ? { smart } : {}),
  });
  return { engine, breakers, statistics, metrics, smart, options };
}

/** The per-stream part of the options for one `IngestPipeline` (a fresh drift corrector each call). */
export function pipelineOptions(options: RecoveryOptions): Pick<IngestPipelineOptions, 'gopBuffer' | 'detector'> {
  return {
    gopBuffer: { ...options.gopBuffer },
    detector: { ...options.detector, drift: new DriftCorrector(options.drift) },
  };
}
