/** Shape of the native addon (native/binding/). Internal: the public API is src/inspect/. */

export interface NativeSummary {
  codec: 'h264' | 'hevc';
  profile: string;
  profileIdc: number;
  levelIdc: number;
  width: number;
  height: number;
  codedWidth: number;
  codedHeight: number;
  chromaFormatIdc: number;
  bitDepth: number;
  bitDepthChroma: number;
  interlaced: boolean;
  frameRateNum: number;
  frameRateDen: number;
}

export interface NativeCounters {
  bytes: number;
  nals: number;
  frames: number;
  keyframes: number;
  damagedFrames: number;
  issues: number;
  issuesSuppressed: number;
  issuesBySeverity: number[];
  nalTypes: number[];
}

export interface NativeCatalogueEntry {
  code: number;
  name: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  type: string;
  kind: 'need_more_data' | 'broken' | 'missing_reference' | 'unsupported' | 'event';
  clause: string;
  message: string;
}

export interface NativeInspector {
  setOutputs(frames: Uint32Array, nals: Uint32Array, issues: Uint32Array, state: Uint32Array): void;
  push(chunk: Uint8Array, pts: number, dts: number, endSample?: boolean): void;
  endSample(): void;
  flush(): void;
  drain(): void;
  summary(): NativeSummary | null;
  counters(): NativeCounters;
  elementName(id: number): string;
  codec(): number;
  addIssue(code: number, offset: number, element: undefined, found: number): void;
}

export interface NativeFileResult {
  frames: Uint32Array;
  nals: Uint32Array;
  issues: Uint32Array;
  elements: string[];
  summary: NativeSummary | null;
  counters: NativeCounters;
  codec: number;
  readError: string | null;
}

export interface NativeAddon {
  Inspector: new (codec: number, lengthPrefixed: boolean, lengthSize: number) => NativeInspector;
  inspectFile(
    path: string,
    codec: number,
    lengthPrefixed: boolean,
    lengthSize: number,
    chunkBytes: number,
    keepNals: boolean,
  ): Promise<NativeFileResult>;
  issueCatalogue(): NativeCatalogueEntry[];
  startCodeImpl(): string;
  recordLayout(): { frameStride: number; nalStride: number; issueStride: number };
  /** Process-wide native heap in use (glibc mallinfo2), undefined where not available. */
  nativeHeapBytes?(): number | undefined;
}
