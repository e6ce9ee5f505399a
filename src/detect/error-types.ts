import type { ErrorType } from '../inspect/types.js';

export const ERROR_TYPES = [
  'frame_corruption',
  'sync_loss',
  'packet_loss',
  'timeout',
  'buffer_overflow',
  'codec_failure',
  'network_disconnect',
  'auth_failure',
  'resource_exhaustion',
] as const satisfies readonly ErrorType[];

// Compile-time check that the list names every ErrorType.
type Missing = Exclude<ErrorType, (typeof ERROR_TYPES)[number]>;
const everyErrorTypeListed: [Missing] extends [never] ? true : never = true;
void everyErrorTypeListed;

export function isErrorType(value: string): value is ErrorType {
  return (ERROR_TYPES as readonly string[]).includes(value);
}
