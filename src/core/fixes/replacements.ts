import type { Fix, Range } from '../diagnostics';

/** Escapes text for the inside of a JSON string literal, where every fix inside a job's strings lands. */
export function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * One quick fix per replacement of the characters at `range` inside a JSON string (a query word, a key,
 * a value). The first is the preferred one: suggestions come closest first. The replacement is escaped
 * for the string it goes into, so a fix never breaks the file's JSON.
 */
export function replacementFixes(range: Range, replacements: readonly string[]): Fix[] {
  return replacements.map((replacement, index) => ({
    title: `Change to "${replacement}"`,
    edits: [{ range, newText: jsonStringContent(replacement) }],
    preferred: index === 0,
  }));
}
