/**
 * "Did you mean …?" for names a marketer typed: the closest candidate by edit distance
 * (optimal string alignment: insertions, deletions, substitutions and swaps of two
 * neighbouring letters, each costing 1), compared case-insensitively, within a distance
 * that grows with the length of the name. A candidate that starts with the name or is
 * its start ("monday" → "mon") counts as close too.
 */

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** How many edits still read as a typo of a name this long. */
export function typoBudget(length: number): number {
  return length <= 3 ? 1 : length <= 8 ? 2 : 3;
}

/** The candidate closest to `typed`, or undefined when none is close enough. */
export function closest(typed: string, candidates: Iterable<string>, budget = typoBudget(typed.length)): string | undefined {
  const lower = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    let distance = editDistance(lower, other);
    const prefix = Math.min(lower.length, other.length) >= 3 && (other.startsWith(lower) || lower.startsWith(other));
    if (prefix && distance > budget) distance = budget;
    // Ties go to the earlier candidate: lists come in schema or file order.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

/** `; did you mean "x"?`, or nothing. */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const found = closest(typed, candidates);
  return found === undefined ? '' : `; did you mean "${found}"?`;
}
