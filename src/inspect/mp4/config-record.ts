/**
 * Decoder configuration records, read from the box bytes with spec names:
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.2.1), HEVCDecoderConfigurationRecord
 * (8.3.2.1) and LHEVCDecoderConfigurationRecord (9.6.3, layered HEVC). Every length is
 * checked against the box; a record that does not parse to its exact end is invalid.
 */

export interface ParameterSetArray {
  /** NAL unit type of the array (H.264: 7 SPS, 8 PPS, 13 SPS extension; HEVC: 32–34, 39/40 SEI). */
  nalUnitType: number;
  /** HEVC array_completeness (1: all sets of this type are here, none in-band). null for AVC. */
  arrayCompleteness: 0 | 1 | null;
  nalUnits: Uint8Array[];
}

export interface ConfigRecord {
  kind: 'avcC' | 'hvcC' | 'lhvC';
  configurationVersion: number;
  /** lengthSizeMinusOne + 1 (2 bits: 1..4; 3 is not allowed). */
  lengthSize: number;
  /** AVCProfileIndication / general_profile_idc (null for lhvC). */
  profileIdc: number | null;
  /** AVCLevelIndication / general_level_idc (null for lhvC). */
  levelIdc: number | null;
  /** AVC profile_compatibility (constraint_set flags). */
  profileCompatibility: number | null;
  /** AVC High-profile extension / HEVC: chroma_format_idc, bit depths (null when absent). */
  chromaFormatIdc: number | null;
  bitDepthLumaMinus8: number | null;
  bitDepthChromaMinus8: number | null;
  arrays: ParameterSetArray[];
}

export type ConfigParse = { ok: true; record: ConfigRecord } | { ok: false; reason: string };

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  get left(): number {
    return this.b.length - this.pos;
  }
  u8(): number {
    if (this.pos >= this.b.length) throw new RangeError('record ends early');
    return this.b[this.pos++];
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  bytes(n: number): Uint8Array {
    if (n > this.left) throw new RangeError(`NAL unit length ${n} runs past the record (${this.left} bytes left)`);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  skip(n: number): void {
    if (n > this.left) throw new RangeError('record ends early');
    this.pos += n;
  }
}

function nalArray(r: Reader, count: number, nalUnitType: number, completeness: 0 | 1 | null): ParameterSetArray {
  const nalUnits: Uint8Array[] = [];
  for (let i = 0; i < count; i++) nalUnits.push(r.bytes(r.u16()));
  return { nalUnitType, arrayCompleteness: completeness, nalUnits };
}

/** 14496-15 5.3.2.1.1 AVCDecoderConfigurationRecord. */
export function parseAvcC(payload: Uint8Array): ConfigParse {
  const r = new Reader(payload);
  try {
    if (payload.length === 0) return { ok: false, reason: 'avcC box is empty' };
    const configurationVersion = r.u8();
    const AVCProfileIndication = r.u8();
    const profile_compatibility = r.u8();
    const AVCLevelIndication = r.u8();
    const lengthSizeMinusOne = r.u8() & 3;
    const numOfSequenceParameterSets = r.u8() & 0x1f;
    const arrays: ParameterSetArray[] = [nalArray(r, numOfSequenceParameterSets, 7, null)];
    arrays.push(nalArray(r, r.u8(), 8, null));
    let chroma: number | null = null;
    let bdl: number | null = null;
    let bdc: number | null = null;
    // The extension is defined for profile_idc 100, 110, 122 and 144 and may be absent in older
    // files; readers also meet it after other profiles, so it is read whenever bytes remain.
    if (r.left > 0) {
      chroma = r.u8() & 3;
      bdl = r.u8() & 7;
      bdc = r.u8() & 7;
      arrays.push(nalArray(r, r.u8(), 13, null));
    }
    if (configurationVersion !== 1) return { ok: false, reason: `configurationVersion ${configurationVersion} (1 expected)` };
    if (r.left > 0) return { ok: false, reason: `${r.left} byte(s) after the parameter sets` };
    return {
      ok: true,
      record: {
        kind: 'avcC', configurationVersion, lengthSize: lengthSizeMinusOne + 1,
        profileIdc: AVCProfileIndication, levelIdc: AVCLevelIndication, profileCompatibility: profile_compatibility,
        chromaFormatIdc: chroma, bitDepthLumaMinus8: bdl, bitDepthChromaMinus8: bdc, arrays,
      },
    };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** The NAL unit arrays shared by hvcC and lhvC. */
function hevcArrays(r: Reader): ParameterSetArray[] {
  const numOfArrays = r.u8();
  const arrays: ParameterSetArray[] = [];
  for (let i = 0; i < numOfArrays; i++) {
    const b = r.u8();
    const array_completeness = (b >> 7) as 0 | 1;
    arrays.push(nalArray(r, r.u16(), b & 0x3f, array_completeness));
  }
  return arrays;
}

/** 14496-15 8.3.2.1.1 HEVCDecoderConfigurationRecord. */
export function parseHvcC(payload: Uint8Array): ConfigParse {
  const r = new Reader(payload);
  try {
    if (payload.length === 0) return { ok: false, reason: 'hvcC box is empty' };
    const configurationVersion = r.u8();
    const general_profile_idc = r.u8() & 0x1f;
    r.skip(4 + 6); // general_profile_compatibility_flags, general_constraint_indicator_flags
    const general_level_idc = r.u8();
    r.skip(2 + 1); // min_spatial_segmentation_idc, parallelismType
    const chromaFormat = r.u8() & 3;
    const bitDepthLumaMinus8 = r.u8() & 7;
    const bitDepthChromaMinus8 = r.u8() & 7;
    r.skip(2); // avgFrameRate
    const lengthSizeMinusOne = r.u8() & 3;
    const arrays = hevcArrays(r);
    if (configurationVersion !== 1) return { ok: false, reason: `configurationVersion ${configurationVersion} (1 expected)` };
    if (r.left > 0) return { ok: false, reason: `${r.left} byte(s) after the NAL unit arrays` };
    return {
      ok: true,
      record: {
        kind: 'hvcC', configurationVersion, lengthSize: lengthSizeMinusOne + 1,
        profileIdc: general_profile_idc, levelIdc: general_level_idc, profileCompatibility: null,
        chromaFormatIdc: chromaFormat, bitDepthLumaMinus8, bitDepthChromaMinus8, arrays,
      },
    };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** 14496-15 9.6.3 LHEVCDecoderConfigurationRecord (the parameter sets of layers above the base). */
export function parseLhvC(payload: Uint8Array): ConfigParse {
  const r = new Reader(payload);
  try {
    const configurationVersion = r.u8();
    r.skip(2 + 1); // min_spatial_segmentation_idc, parallelismType
    const lengthSizeMinusOne = r.u8() & 3; // with numTemporalLayers, temporalIdNested
    const arrays = hevcArrays(r);
    if (configurationVersion !== 1) return { ok: false, reason: `configurationVersion ${configurationVersion} (1 expected)` };
    if (r.left > 0) return { ok: false, reason: `${r.left} byte(s) after the NAL unit arrays` };
    return {
      ok: true,
      record: {
        kind: 'lhvC', configurationVersion, lengthSize: lengthSizeMinusOne + 1,
        profileIdc: null, levelIdc: null, profileCompatibility: null,
        chromaFormatIdc: null, bitDepthLumaMinus8: null, bitDepthChromaMinus8: null, arrays,
      },
    };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

export function parseConfigRecord(kind: string, payload: Uint8Array): ConfigParse {
  if (kind === 'avcC') return parseAvcC(payload);
  if (kind === 'hvcC') return parseHvcC(payload);
  if (kind === 'lhvC') return parseLhvC(payload);
  return { ok: false, reason: `unknown configuration box '${kind}'` };
}
