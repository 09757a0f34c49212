import type { Diagnostic, Fix, Range } from '../diagnostics';
import { LineIndex } from '../text';

/** A fix `applyFixes` made: the diagnostic it answered and what it did. */
export interface AppliedFix {
  code: Diagnostic['code'];
  message: string;
  /** Where the diagnostic was, in the text before the fix. */
  range: Range;
  title: string;
}

export interface FixOutcome {
  text: string;
  applied: AppliedFix[];
}

/**
 * The fix of a diagnostic when it has exactly one: a diagnostic with several candidates (three fields
 * one letter away, two date fields) needs a person to choose, so only the unambiguous ones qualify.
 */
export function unambiguousFix(diagnostic: Diagnostic): Fix | undefined {
  return diagnostic.fixes?.length === 1 ? diagnostic.fixes[0] : undefined;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Applies the unambiguous fixes of `diagnostics` to `text` (the text they were computed on). A fix whose
 * edits touch or overlap another's is left for a later pass, so two fixes never fight over the same
 * characters; the result is the new text and what was applied, in file order.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixOutcome {
  const lines = new LineIndex(text);
  const taken: OffsetEdit[] = [];
  const applied: AppliedFix[] = [];
  const overlaps = (edit: OffsetEdit) => taken.some((t) => (edit.start < t.end && t.start < edit.end) || edit.start === t.start);
  for (const diagnostic of diagnostics) {
    const fix = unambiguousFix(diagnostic);
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
    if (edits.some(overlaps)) continue;
    taken.push(...edits);
    applied.push({ code: diagnostic.code, message: diagnostic.message, range: diagnostic.range, title: fix.title });
  }
  // Applied from the end of the text backwards, so each edit's offsets still hold when it is made.
  let result = text;
  for (const edit of [...taken].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  applied.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { text: result, applied };
}
