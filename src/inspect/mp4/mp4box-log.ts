/**
 * mp4box writes its diagnostics to the console. A validator must not print on its own, so
 * its `Log` functions (a public, mutable export) are routed here: errors are collected for
 * the file being parsed (mp4box parsing is synchronous, so one active sink at a time is
 * exact), everything else is dropped.
 */
import { Log } from 'mp4box';

type Sink = (message: string) => void;
let sink: Sink | null = null;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const quiet = (): void => {};
  const mutable = Log as unknown as Record<string, unknown>;
  mutable.debug = quiet;
  mutable.info = quiet;
  mutable.warn = quiet;
  mutable.log = quiet;
  mutable.error = (module: string, msg?: string): void => {
    sink?.(`${module}: ${msg ?? ''}`);
  };
}

/** Runs `fn` with mp4box errors going to `onError`. */
export function withMp4boxLog<T>(onError: Sink, fn: () => T): T {
  install();
  const prev = sink;
  sink = onError;
  try {
    return fn();
  } finally {
    sink = prev;
  }
}
