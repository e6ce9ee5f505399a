import type { ErrorType } from '../inspect/types.js';

export const ERROR_TYPES: readonly ErrorType[] = [
  'frame_corruption',
  'sync_loss',
  'packet_loss',
  'timeout',
  'buffer_overflow',
  'codec_failure',
  'network_disconnect',
  'auth_failure',
  'resource_exhaustion',
];

export function isErrorType(value: string): value is ErrorType {
  return (ERROR_TYPES as readonly string[]).includes(value);
}
