/** Shape of the addon's MPEG-TS part (native/binding/ts_*.cc). Internal: the public API is src/inspect/mpegts/. */
import type { NativeCounters, NativeSummary } from './addon-types.js';
import { loadAddon } from './load.js';

/** Transport thresholds, crossed once at construction (native TsConfig). */
export interface NativeTsConfig {
  packetSize?: number;
  patIntervalMs?: number;
  pmtIntervalMs?: number;
  pidIntervalMs?: number;
  pcrIntervalMs?: number;
  pcrJumpMs?: number;
  ptsIntervalMs?: number;
  discontinuityMs?: number;
  maxIssuesPerCode?: number;
  keepVideoEs?: boolean;
}

export interface NativeTsPid {
  pid: number;
  kind: 'unknown' | 'pat' | 'cat' | 'pmt' | 'si' | 'video' | 'audio' | 'other' | 'null';
  streamType: number;
  codec: string;
  programNumber: number;
  listed: boolean;
  inspected: boolean;
  carriesPcr: boolean;
  packets: number;
  pesPackets: number;
  scrambledPackets: number;
  indicators: Record<string, number>;
}

export interface NativeTsCounters {
  packetSize: number;
  bytes: number;
  packets: number;
  skippedBytes: number;
  videoEsBytes: number;
  issues: number;
  issuesDropped: number;
  indicators: Record<string, number>;
  videoPid: number | null;
  pids: NativeTsPid[];
  video: NativeCounters | null;
}

export interface NativeTsInspector {
  setOutputs(
    frames: Uint32Array,
    nals: Uint32Array,
    videoIssues: Uint32Array,
    issues: Uint32Array,
    pes: Uint32Array,
    state: Uint32Array,
  ): void;
  /** With keepVideoEs: the video ES bytes of this push. */
  push(chunk: Uint8Array): Buffer | undefined;
  flush(): Buffer | undefined;
  drain(): void;
  summary(): NativeSummary | null;
  counters(): NativeTsCounters;
  elementName(id: number): string;
}

export interface NativeTsLayout {
  issueStride: number;
  pesStride: number;
  indicators: string[];
  codecs: string[];
}

export interface NativeTsFileResult {
  frames: Uint32Array;
  nals: Uint32Array;
  videoIssues: Uint32Array;
  issues: Uint32Array;
  pes: Uint32Array;
  elements: string[];
  summary: NativeSummary | null;
  counters: NativeTsCounters;
  readError: string | null;
}

export interface NativeTsAddon {
  TsInspector: { new (config?: NativeTsConfig): NativeTsInspector; layout(): NativeTsLayout };
  inspectTsFile(path: string, chunkBytes: number, config: NativeTsConfig, keepNals: boolean): Promise<NativeTsFileResult>;
}

export function loadTsAddon(): NativeTsAddon {
  return loadAddon() as unknown as NativeTsAddon;
}
