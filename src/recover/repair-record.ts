/** One change made to a frame's bytes; every repair is logged with one of these. */
export type RepairRecord =
  | { kind: 'insert-parameter-sets'; frameIndex: number; nalTypes: number[]; bytesAdded: number }
  | { kind: 'strip-trailing-nal'; frameIndex: number; nalType: number; bytesRemoved: number }
  | { kind: 'insert-aud'; frameIndex: number; bytesAdded: number };
