/**
 * Public types of the inspector. Records come from the native core as fixed-size
 * rows of 32-bit words (see `records.ts` for the layouts); these are the
 * object views made from them off the hot path.
 */

export type Codec = 'h264' | 'hevc';
export type Framing = 'annexb' | 'length-prefixed';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** The error types of the recovery engine; every catalogue entry maps to one. */
export type ErrorType =
  | 'frame_corruption'
  | 'sync_loss'
  | 'packet_loss'
  | 'timeout'
  | 'buffer_overflow'
  | 'codec_failure'
  | 'network_disconnect'
  | 'auth_failure'
  | 'resource_exhaustion';

export type PictureType = 'I' | 'P' | 'B' | 'unknown';

export interface InspectorOptions {
  /** 'auto' (default) decides from the first parameter sets / slices. */
  codec?: Codec | 'auto';
  /** 'annexb' (default): start codes. 'length-prefixed': AVCC/HVCC samples. */
  framing?: Framing;
  /** NAL length field size for 'length-prefixed' (ISO/IEC 14496-15 lengthSizeMinusOne + 1). */
  lengthSize?: 1 | 2 | 4;
}

/** Timestamps (90 kHz ticks) for the access unit that starts in a pushed chunk. */
export interface PushTimestamps {
  pts?: number;
  dts?: number;
}

export interface FrameInfo {
  /** Index of this frame (access unit; a complementary field pair is one frame) in the stream. */
  index: number;
  /** Absolute byte offset of the first byte of the frame's first NAL unit (start code excluded). */
  offset: number;
  /** Bytes from `offset` to the end of the frame's last NAL unit. */
  size: number;
  firstNal: number;
  nalCount: number;
  pictureType: PictureType;
  keyframe: boolean;
  idr: boolean;
  irap: boolean;
  recoveryPoint: boolean;
  field: boolean;
  bottomField: boolean;
  fieldPair: boolean;
  reference: boolean;
  poc: number;
  frameNum: number;
  spsId: number;
  ppsId: number;
  temporalId: number;
  /** nal_unit_type of the first VCL NAL unit. */
  vclNalType: number;
  sliceCount: number;
  /** Bit set of issue classes raised on this frame (see `IssueClass`). */
  issueFlags: number;
  /** An issue of severity medium or above was raised on this frame. */
  damaged: boolean;
  /** Depends on a damaged (or missing) reference picture: unplayable until the next clean random access point. */
  dependsOnDamaged: boolean;
  /** HEVC RASL picture of a CRA/BLA where decoding starts: not decodable, as expected (H.265 8.1.3). */
  skippedLeading: boolean;
  /** Raw FrameFlag bits. */
  flags: number;
  pts: number | null;
  dts: number | null;
}

export interface NalInfo {
  index: number;
  offset: number;
  size: number;
  type: number;
  /** H.264 nal_ref_idc; HEVC nuh_layer_id. */
  refIdcOrLayerId: number;
  /** HEVC TemporalId (0 for H.264). */
  temporalId: number;
  frame: number;
  emulationPreventionBytes: number;
}

/** What a finding means for a decoder (the catalogue's kind). */
export type IssueKind = 'need_more_data' | 'broken' | 'missing_reference' | 'unsupported' | 'event';

export interface IssueInfo {
  code: number;
  name: string;
  severity: Severity;
  type: ErrorType;
  kind: IssueKind;
  clause: string;
  offset: number;
  /** NAL index, or -1 when the issue is not tied to one NAL. */
  nal: number;
  /** Frame index, or -1 when the issue is not tied to a frame. */
  frame: number;
  expected: number;
  found: number;
  message: string;
}

export interface StreamInfo {
  codec: Codec;
  profile: string;
  profileIdc: number;
  level: string;
  levelIdc: number;
  width: number;
  height: number;
  codedWidth: number;
  codedHeight: number;
  chromaFormat: string;
  bitDepth: number;
  bitDepthChroma: number;
  interlaced: boolean;
  /** Frames per second from VUI timing, or null when the stream does not say. */
  frameRate: number | null;
}

/** Read-only table over fixed-size native records; `get(i)` builds an object (off the hot path). */
export interface RecordTable<T> extends Iterable<T> {
  readonly length: number;
  get(i: number): T;
}

/**
 * What one `push()` / `flush()` produced. Tables are views over the inspector's
 * reused record buffers: read them before the next `push()`, or copy what you keep.
 */
export interface InspectResult {
  frames: RecordTable<FrameInfo>;
  nals: RecordTable<NalInfo>;
  issues: RecordTable<IssueInfo>;
}
