import { z } from 'zod';
import { ERROR_TYPES } from '../detect/error-types.js';
import { duration, size } from './units.js';

const errorType = z.enum(ERROR_TYPES);
const probability = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();

/** Section shapes; also the source of "did you mean" hints for unknown keys. */
export const SECTION_SHAPES = {
  breaker: {
    failure_threshold: positiveInt.default(5),
    reset_timeout: duration.default(30_000),
    success_threshold: positiveInt.default(3),
    half_open_max_probes: positiveInt.default(3),
    max_half_open_dwell: duration.default(60_000),
    idle_ttl: duration.default(600_000),
  },
  retry: {
    max_retries: z.number().int().nonnegative().default(5),
    initial_delay: duration.default(100),
    max_delay: duration.default(30_000),
    multiplier: z.number().min(1).default(2),
    jitter: z.enum(['none', 'full', 'decorrelated']).default('full'),
  },
  drift: {
    ema_alpha: z.number().gt(0).max(1).default(1 / 32),
    deadband: duration.default(20),
    lead_threshold: duration.default(40),
    lag_threshold: duration.default(60),
    gradual_max: duration.default(100),
    resync_threshold: duration.default(1000),
    resync_persistence: duration.default(1000),
    discontinuity: duration.default(2000),
    max_slew_rate: z.number().gt(0).max(0.01).default(0.01),
    step_threshold: duration.default(100),
    step_confirm: duration.default(200),
    frame_duration: duration.default(40),
  },
  gop_buffer: {
    max_gops: positiveInt.default(2),
    max_frames: positiveInt.default(600),
    max_bytes: size.default(32 * 1024 * 1024),
    hard_limit_factor: z.number().min(1).default(1.5),
  },
  timeouts: {
    no_data_timeout: duration.default(5000),
    timeout_recheck: duration.default(1000),
  },
  memory: {
    budget: size.default(256 * 1024 * 1024),
  },
  smart_recovery: {
    enabled: z.boolean().default(false),
    discount: z.number().gt(0).max(1).default(0.995),
    sequence_length: z.number().int().min(0).max(8).default(2),
    seed: z.number().int().optional(),
  },
  metrics: {
    enabled: z.boolean().default(true),
    prefix: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$|^$/, 'must be a valid Prometheus name prefix').default(''),
    per_stream_labels: z.boolean().default(false),
  },
  fault_injection: {
    enabled: z.boolean().default(false),
    seed: z.number().int().default(1),
    probability: probability.default(0),
    error_types: z.array(errorType).default([...ERROR_TYPES]),
    flip_bits_probability: probability.default(0),
    drop_ts_packet_probability: probability.default(0),
    truncate_nal_probability: probability.default(0),
    cut_connection_probability: probability.default(0),
    audio_shift: duration.default(0),
    stall: duration.default(0),
  },
} as const;

export type ConfigSection = keyof typeof SECTION_SHAPES;

/** The recovery configuration; the YAML file uses these snake_case keys. Durations come out in ms, sizes in bytes. */
export const RecoveryConfigSchema = z
  .strictObject({
    breaker: z.strictObject(SECTION_SHAPES.breaker).prefault({}),
    retry: z.strictObject(SECTION_SHAPES.retry).prefault({}),
    drift: z.strictObject(SECTION_SHAPES.drift).prefault({}),
    gop_buffer: z.strictObject(SECTION_SHAPES.gop_buffer).prefault({}),
    timeouts: z.strictObject(SECTION_SHAPES.timeouts).prefault({}),
    memory: z.strictObject(SECTION_SHAPES.memory).prefault({}),
    smart_recovery: z.strictObject(SECTION_SHAPES.smart_recovery).prefault({}),
    metrics: z.strictObject(SECTION_SHAPES.metrics).prefault({}),
    fault_injection: z.strictObject(SECTION_SHAPES.fault_injection).prefault({}),
  })
  .superRefine((c, ctx) => {
    if (c.retry.initial_delay > c.retry.max_delay) {
      ctx.addIssue({
        code: 'custom',
        path: ['retry', 'initial_delay'],
        message: `must be <= retry.max_delay (${c.retry.initial_delay} ms > ${c.retry.max_delay} ms)`,
      });
    }
    const d = c.drift;
    if (d.deadband >= d.lead_threshold || d.deadband >= d.lag_threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['drift', 'deadband'],
        message: `must be smaller than drift.lead_threshold and drift.lag_threshold`,
      });
    }
    if (!(d.gradual_max < d.resync_threshold && d.resync_threshold <= d.discontinuity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['drift', 'resync_threshold'],
        message: `must satisfy gradual_max < resync_threshold <= discontinuity (${d.gradual_max}, ${d.resync_threshold}, ${d.discontinuity} ms)`,
      });
    }
  });

export type RecoveryConfig = z.output<typeof RecoveryConfigSchema>;
export type RecoveryConfigInput = z.input<typeof RecoveryConfigSchema>;
