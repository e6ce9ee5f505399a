/** Levenshtein distance (two-row dynamic programme). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The most plausible intended key, or null. Edit distance decides, with a shared stem
 * counting in favour (so "retries" → "retry", not "metrics"); a candidate must be within
 * a third of the key's length (at least 2 edits) or share a stem of 4+ characters.
 */
export function didYouMean(key: string, candidates: readonly string[]): string | null {
  const forms = [key.toLowerCase().replace(/-/g, '_'), key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()];
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = Math.min(...forms.map((f) => editDistance(f, c)));
    const stem = Math.max(...forms.map((f) => commonPrefix(f, c)));
    if (d > limit && stem < 4) continue;
    const score = d - 0.5 * Math.min(stem, 4);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}
