/**
 * Characters that must never reach a terminal or a CI log raw: C0 and C1 controls (line breaks, ESC for
 * ANSI sequences, backspace), DEL, the Unicode line and paragraph separators, and the bidirectional
 * controls that reorder what a reader sees. Job files, keys and file names are untrusted input.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text on one line with every unsafe character written as an escape (`\n`, `\u001b`). */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** As escapeControl, but CR and LF are left for a format that encodes them itself (GitHub's %0D, %0A). */
export function escapeControlExceptLineBreaks(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\r' ? ch : visible(ch)));
}

/**
 * A path that starts a printed line. CI runners read a line that starts (after blanks) with "::" or "##["
 * as a command, and a file may be named like one, so such a path is printed as "./" + path: the same file.
 */
export function lineStartPath(path: string): string {
  const escaped = escapeControl(path);
  return /^(\s|::|##\[)/.test(escaped) ? `./${escaped}` : escaped;
}
