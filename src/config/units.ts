import { z } from 'zod';

const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const DURATION_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/;
const SIZE_BYTES: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** "30s" / "100ms" / "2m" / "1.5h" → milliseconds; null when malformed. */
export function parseDurationMs(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  return m ? Number(m[1]) * DURATION_MS[m[2]!]! : null;
}

/** "32MiB" / "500KB" / "1024B" → bytes; null when malformed. */
export function parseSizeBytes(text: string): number | null {
  const m = SIZE_RE.exec(text.trim());
  return m ? Math.round(Number(m[1]) * SIZE_BYTES[m[2]!]!) : null;
}

/** A duration: a string with a unit ("30s", "100ms") or a number of milliseconds. Output: ms. */
export const duration = z
  .union([z.number().nonnegative().finite(), z.string()])
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const ms = parseDurationMs(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `expected a duration like "30s" or "100ms", got "${v}"` });
      return z.NEVER;
    }
    return ms;
  });

/** A size: a string with a unit ("32MiB", "500KB") or a number of bytes. Output: bytes. */
export const size = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const bytes = parseSizeBytes(v);
    if (bytes === null) {
      ctx.addIssue({ code: 'custom', message: `expected a size like "32MiB" or "500KB", got "${v}"` });
      return z.NEVER;
    }
    return bytes;
  });
