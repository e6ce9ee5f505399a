/** Container detection from the first bytes of a file (never from its name). */
export type Container = 'annexb' | 'mpegts' | 'mp4' | 'unknown';

const MP4_BOXES = new Set(['ftyp', 'styp', 'moov', 'moof', 'mdat', 'free', 'skip', 'wide', 'sidx', 'pdin']);

export function sniffContainer(head: Uint8Array): Container {
  // ISO/IEC 14496-12 4.2: size (32 bits) then a box type of four printable characters.
  if (head.length >= 8) {
    const type = String.fromCharCode(head[4], head[5], head[6], head[7]);
    if (MP4_BOXES.has(type)) return 'mp4';
  }
  // ISO/IEC 13818-1 2.4.3.2: sync_byte 0x47 every 188 bytes (192 for M2TS with a 4-byte prefix, 204 with RS).
  for (const [size, skip] of [[188, 0], [192, 4], [204, 0]] as const) {
    if (head.length >= skip + 2 * size + 1 && head[skip] === 0x47 && head[skip + size] === 0x47 && head[skip + 2 * size] === 0x47)
      return 'mpegts';
  }
  // Annex B: a start code prefix within the first bytes (leading zero_bytes allowed).
  const n = Math.min(head.length, 4096);
  for (let i = 0; i + 2 < n; i++) {
    if (head[i] === 0 && head[i + 1] === 0 && head[i + 2] === 1) return 'annexb';
    if (head[i] !== 0 && i > 64) break;
  }
  return 'unknown';
}
