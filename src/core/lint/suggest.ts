import { editDistance } from '../soql';

/** Edit distance between two short names, compared without case (names here are identifiers). */
function distance(a: string, b: string): number {
  return editDistance(a.toLowerCase(), b.toLowerCase());
}

/** The candidate a typo most likely meant, or undefined when none is close enough to suggest. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  // Allow roughly one mistake per three characters, so short names only match near misses.
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
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
