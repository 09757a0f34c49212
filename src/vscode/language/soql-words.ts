/** The identifier-like word ending at `index` in `text` (letters, digits, "_" and "." for paths). */
export function wordBefore(text: string, index: number): { start: number; word: string } {
  let start = index;
  while (start > 0 && /[A-Za-z0-9_.]/.test(text[start - 1])) start--;
  return { start, word: text.slice(start, index) };
}

/** The whole word around `index`. */
export function wordAround(text: string, index: number): { start: number; end: number; word: string } | undefined {
  const { start } = wordBefore(text, index);
  let end = index;
  while (end < text.length && /[A-Za-z0-9_.]/.test(text[end])) end++;
  return end > start ? { start, end, word: text.slice(start, end) } : undefined;
}
