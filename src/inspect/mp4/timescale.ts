/** Track timescale → 90 kHz (the inspector's and MPEG-TS's clock), exactly. */

export const TICKS_90K = 90000;

/**
 * `value / timescale` seconds in 90 kHz ticks, rounded toward −∞. Integer arithmetic:
 * value = q·timescale + r, so value·90000/timescale = q·90000 + r·90000/timescale with
 * r·90000 < 2^32·90000 < 2^53 (timescale is a 32-bit field). BigInt covers values past 2^53.
 */
export function to90k(value: number, timescale: number): number {
  if (!Number.isFinite(value) || !(timescale > 0)) return Number.NaN;
  if (timescale === TICKS_90K) return value;
  if (!Number.isSafeInteger(value)) return Number(floorDiv(BigInt(Math.trunc(value)) * 90000n, BigInt(timescale)));
  let q = Math.floor(value / timescale);
  let r = value - q * timescale;
  // The float quotient may be one off near a multiple; r must land in [0, timescale).
  if (r < 0) { q -= 1; r += timescale; } else if (r >= timescale) { q += 1; r -= timescale; }
  return q * TICKS_90K + Math.floor((r * TICKS_90K) / timescale);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Milliseconds for a 90 kHz tick count. */
export function ms90k(ticks: number): number {
  return ticks / 90;
}
