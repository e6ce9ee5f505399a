/** MPEG PTS/DTS are 33-bit counters of a 90 kHz clock (ISO/IEC 13818-1 2.4.3.7). */
export const PTS_MODULUS = 2 ** 33;
export const PTS_HZ = 90_000;

/** Signed difference a − b in ticks, taking the 33-bit wrap into account: result in [−2^32, 2^32). */
export function ptsDiff(a: number, b: number): number {
  let d = (a - b) % PTS_MODULUS;
  if (d >= PTS_MODULUS / 2) d -= PTS_MODULUS;
  else if (d < -PTS_MODULUS / 2) d += PTS_MODULUS;
  return d;
}

/** Audio lead in ms for a video and an audio timestamp presented at the same instant. */
export function audioLeadMs(videoPts: number, audioPts: number): number {
  return (ptsDiff(audioPts, videoPts) * 1000) / PTS_HZ;
}
