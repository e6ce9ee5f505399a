// Public API of the recovery engine.

export { StreamError, isStreamError } from './detect/stream-error.js';
export type {
  StreamErrorInit,
  StreamErrorJson,
  StreamErrorContext,
  ErrorComponent,
  CodecFailureReason,
} from './detect/stream-error.js';
export { ErrorDetector } from './detect/error-detector.js';
export type { ErrorDetectorOptions } from './detect/error-detector.js';
export { ERROR_TYPES, isErrorType } from './detect/error-types.js';
export { SEVERITIES, severityRank, atLeast, maxSeverity } from './detect/severity.js';

export type { RecoveryAction, RecoveryActionKind, RecoveryResult } from './recover/action.js';
export type { RepairRecord } from './recover/repair-record.js';
export type { RecoverableStream, StreamFrame, StreamMetadata, StreamOperation } from './recover/stream.js';
export type { RecoveryStrategy, RecoveryContext } from './recover/strategy.js';
export { StrategySelector, fallbackStrategy } from './recover/strategy-selector.js';
export type { SuccessRateSource } from './recover/strategy-selector.js';
export { RecoveryEngine } from './recover/recovery-engine.js';
export type { RecoveryEngineOptions, RecoveryOutcome } from './recover/recovery-engine.js';
export { RecoveryHandler } from './recover/recovery-handler.js';
export type { RecoveryHandlerOptions, HandleResult } from './recover/recovery-handler.js';
export { applyAction } from './recover/apply-action.js';
export { planRepairs } from './recover/repair/repairs.js';
export {
  defaultStrategies,
  AuthFailureStrategy,
  BufferOverflowStrategy,
  CodecFailureStrategy,
  FrameCorruptionStrategy,
  NetworkRecoveryStrategy,
  PacketLossStrategy,
  ResourceExhaustionStrategy,
  SyncLossStrategy,
  TimeoutStrategy,
} from './recover/strategies/index.js';
export type { DefaultStrategiesOptions } from './recover/strategies/index.js';
export { FixedActionStrategy, dropFrameStrategy, resetToGopStrategy } from './recover/strategies/fixed-action.js';
export type { NetworkRecoveryOptions } from './recover/strategies/network-recovery.js';
export { ManualClock, systemClock, realSleep } from './recover/clock.js';
export type { Clock, Sleep } from './recover/clock.js';
export { seededRandom } from './recover/random.js';
export type { Random } from './recover/random.js';
export { TypedEmitter } from './recover/emitter.js';
export type { Unsubscribe } from './recover/emitter.js';

export { CircuitBreaker } from './breaker/circuit-breaker.js';
export type { CircuitBreakerOptions, BreakerTicket } from './breaker/circuit-breaker.js';
export { StreamBreakers } from './breaker/stream-breakers.js';
export type { StreamBreakersOptions, StreamBreakerStateChange } from './breaker/stream-breakers.js';
export { BrokenCircuitError, isBrokenCircuitError } from './breaker/broken-circuit-error.js';
export type { BreakerState, BreakerStateName, BreakerSnapshot, BreakerStateChange } from './breaker/breaker-state.js';

export { GopBuffer, DEFAULT_GOP_LIMITS } from './gop/gop-buffer.js';
export type { Gop, GopFrame, GopBufferLimits, GopBufferOptions, GopPushResult } from './gop/gop-buffer.js';

export { DriftCorrector } from './sync/drift-corrector.js';
export type { DriftCorrectorState } from './sync/drift-corrector.js';
export type { DriftDecision } from './sync/drift-decision.js';
export { DEFAULT_DRIFT_THRESHOLDS, classifyDrift } from './sync/drift-thresholds.js';
export type { DriftThresholds, DriftClass } from './sync/drift-thresholds.js';
export { BufferManager } from './sync/buffer-manager.js';
export type { PlayoutDelays, BufferManagerOptions } from './sync/buffer-manager.js';
export { ptsDiff, audioLeadMs, PTS_MODULUS } from './sync/pts.js';

export { createBackoff, backoffDelays } from './net/backoff.js';
export type { Backoff, BackoffOptions, JitterMode } from './net/backoff.js';
export { Reconnector } from './net/reconnector.js';
export type { ReconnectorOptions, ReconnectOutcome } from './net/reconnector.js';

export { SmartRecovery } from './smart/smart-recovery.js';
export type { SmartChoice, SmartRecoveryOptions, SmartRecoverySnapshot } from './smart/smart-recovery.js';
export { ThompsonBandit } from './smart/thompson-bandit.js';
export type { BanditChoice, BanditSnapshot } from './smart/thompson-bandit.js';
export { ErrorSequence, patternKey } from './smart/pattern.js';
export type { ErrorPattern } from './smart/pattern.js';

export { RecoveryMetrics } from './metrics/recovery-metrics.js';
export type { RecoveryMetricsOptions, StreamCounters } from './metrics/recovery-metrics.js';
export { RecoveryStatistics } from './metrics/recovery-statistics.js';
export type { RecoveryStatisticsSnapshot, RecoveryAttemptRecord } from './metrics/recovery-statistics.js';

export { RecoveryConfigSchema } from './config/schema.js';
export type { RecoveryConfig, RecoveryConfigInput } from './config/schema.js';
export { loadConfig, parseConfig, parseConfigYaml } from './config/load-config.js';
export { ConfigError, isConfigError } from './config/config-error.js';
export type { ConfigIssue } from './config/config-error.js';
export { toRecoveryOptions, createRecoveryEngine, pipelineOptions } from './config/from-config.js';
export type { RecoveryOptions, ConfiguredEngine, EngineDeps } from './config/from-config.js';
export { parseDurationMs, parseSizeBytes } from './config/units.js';

export { FaultInjector } from './fault/fault-injector.js';
export type { FaultInjectorOptions, FaultRecord } from './fault/fault-injector.js';
export { flipBitsAt, dropTsPacketsAt, truncateNalAt, shiftPts } from './fault/byte-faults.js';

export { IngestPipeline } from './pipeline/ingest-pipeline.js';
export type { IngestPipelineOptions, PipelineHooks, PipelineCounters, TimedChunk } from './pipeline/pipeline-options.js';
export type { FrameSource } from './pipeline/frame-source.js';
export type { OutFrame } from './pipeline/out-frame.js';
export { annexBAccessUnit, annexBStream } from './pipeline/out-frame.js';
export type {
  PipelineEvents,
  RecoveryEvent,
  RepairEvent,
  KeyframeRequestEvent,
  ResyncEvent,
  TerminateEvent,
} from './pipeline/pipeline-events.js';
export { pipelineStream } from './pipeline/node-stream.js';
export type { PipelineStreamOptions } from './pipeline/node-stream.js';
