import { editDistance } from '../soql';

/**
 * Names longer than this are never typos of a known name (field and key names are short), and are not
 * compared: an edit distance costs the product of the two lengths.
 */
const MAX_SUGGESTED_NAME = 120;

/** Edit distance between two short names, compared without case (names here are identifiers). */
function distance(a: string, b: string): number {
  return editDistance(a.toLowerCase(), b.toLowerCase());
}

/**
 * The candidate a typo most likely meant, or undefined when none is close enough to suggest. Candidates
 * whose length alone puts them out of reach are skipped without comparing them, so a long list of names
 * (thousands of keys or fields) costs one pass over it.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME) return undefined;
  // Allow roughly one mistake per three characters, so short names only match near misses.
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name || Math.abs(candidate.length - name.length) > Math.min(limit, bestDistance - 1)) continue;
    const d = distance(name, candidate);
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " Did you mean "X"?" or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = closestName(name, candidates);
  return guess === undefined ? '' : ` Did you mean "${guess}"?`;
}
