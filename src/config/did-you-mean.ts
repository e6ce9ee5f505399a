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

/** The closest candidate within a third of the key's length (at least 2 edits), or null. */
export function didYouMean(key: string, candidates: readonly string[]): string | null {
  const normalised = key.toLowerCase().replace(/-/g, '_');
  const camelToSnake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = Math.min(editDistance(normalised, c), editDistance(camelToSnake, c));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}
