import { distance } from 'fastest-levenshtein';

/**
 * The names closest to a mistyped one, best first: within two edits for names of five characters or
 * more, one edit for shorter ones, so "valdate" finds "validate" and "--formt" finds "--format" while
 * "x" suggests nothing. A name the typed word begins (a prefix such as "valid") counts as close too, and first.
 */
export function closestNames(typed: string, names: readonly string[]): string[] {
  const word = typed.toLowerCase();
  const limit = word.length >= 5 ? 2 : 1;
  return names
    .map((name) => ({ name, edits: distance(word, name.toLowerCase()), prefix: word.length >= 3 && name.toLowerCase().startsWith(word) }))
    .filter((candidate) => candidate.edits <= limit || candidate.prefix)
    .sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.edits - b.edits || a.name.localeCompare(b.name))
    .map((candidate) => candidate.name);
}

/** " Did you mean validate?" (or "validate or validate-query?"), or "" when nothing is close. */
export function didYouMean(typed: string, names: readonly string[], show: (name: string) => string = (name) => name): string {
  const close = closestNames(typed, names).slice(0, 2);
  return close.length === 0 ? '' : ` Did you mean ${close.map(show).join(' or ')}?`;
}
