import type { Codec } from '../../inspect/types.js';

/** H.264 Table 7-1 and H.265 Table 7-1 NAL unit types used by the repairs. */
export const H264_NAL = { IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9 } as const;
export const HEVC_NAL = { VPS: 32, SPS: 33, PPS: 34, AUD: 35 } as const;

export function isVclNal(codec: Codec, type: number): boolean {
  return codec === 'h264' ? type >= 1 && type <= 5 : type >= 0 && type <= 31;
}

export function isParameterSetNal(codec: Codec, type: number): boolean {
  return codec === 'h264'
    ? type === H264_NAL.SPS || type === H264_NAL.PPS
    : type === HEVC_NAL.VPS || type === HEVC_NAL.SPS || type === HEVC_NAL.PPS;
}

export function isAudNal(codec: Codec, type: number): boolean {
  return codec === 'h264' ? type === H264_NAL.AUD : type === HEVC_NAL.AUD;
}

/** nal_unit_type from the first header byte. */
export function nalTypeOf(codec: Codec, firstByte: number): number {
  return codec === 'h264' ? firstByte & 0x1f : (firstByte >> 1) & 0x3f;
}

/**
 * A minimal access unit delimiter NAL unit.
 * H.264 7.3.2.4: nal_ref_idc 0, type 9, primary_pic_type 7 (any slice type), stop bit.
 * H.265 7.3.2.5: type 35, layer 0, TemporalId 0, pic_type 2 (I, P, B), stop bit.
 */
export function audNal(codec: Codec): Uint8Array {
  return codec === 'h264' ? Uint8Array.of(0x09, 0xf0) : Uint8Array.of(0x46, 0x01, 0x50);
}
