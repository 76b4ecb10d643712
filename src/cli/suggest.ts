/** The candidate nearest to a mistyped name, if one is near enough to be what was meant. */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3))) return best;
  // A unique completion of what was typed ("two-phase" for "two-phase-commit").
  const completions = name.length >= 3 ? candidates.filter((c) => c.startsWith(name)) : [];
  return completions.length === 1 ? completions[0] : undefined;
}

/** "; did you mean "x"?" or nothing. */
export function didYouMean(name: string, candidates: readonly string[], quote = true): string {
  const match = nearest(name, candidates);
  if (match === undefined) return '';
  return quote ? `; did you mean "${match}"?` : `; did you mean ${match}?`;
}

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, substitute));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
