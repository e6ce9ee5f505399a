import type { RecoveryAction } from './action.js';
import type { Sleep } from './clock.js';
import type { RecoverableStream } from './stream.js';

export interface ApplyOptions {
  sleep: Sleep;
  signal?: AbortSignal;
}

/**
 * Carries out an action on a stream. Returns synchronously for frame-level actions so
 * the frame path never waits; reconnects (after their delay) and host operations may
 * return a promise. A reconnect resets the stream's retry counter on success and
 * increments it on failure.
 */
export function applyAction(
  stream: RecoverableStream,
  action: RecoveryAction,
  opts: ApplyOptions,
): boolean | Promise<boolean> {
  switch (action.kind) {
    case 'none':
      return true;
    case 'repair':
      stream.replaceFrame(action.bytes, action.repairs);
      return true;
    case 'drop-frame':
      stream.dropFrame(action.dependents);
      return true;
    case 'reset-to-gop':
      stream.resetToGop();
      stream.requestKeyframe('reset-to-gop');
      return true;
    case 'request-keyframe':
      stream.requestKeyframe('recovery');
      return true;
    case 'resync':
      stream.requestResync(action.driftMs);
      return true;
    case 'reconnect':
      return reconnect(stream, action, opts);
    default:
      return stream.perform(action, opts.signal);
  }
}

async function reconnect(
  stream: RecoverableStream,
  action: Extract<RecoveryAction, { kind: 'reconnect' }>,
  opts: ApplyOptions,
): Promise<boolean> {
  let ok = false;
  try {
    if (action.delayMs > 0) await opts.sleep(action.delayMs, opts.signal);
    ok = await stream.perform(action, opts.signal);
  } catch {
    ok = false;
  }
  if (ok) stream.resetRetries();
  else stream.incrementRetry();
  return ok;
}
