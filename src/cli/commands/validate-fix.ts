import * as fs from 'node:fs';
import type { Diagnostic } from '../../core/diagnostics';
import { type AppliedFix, applyFixes } from '../../core/fixes';
import { formatLocation } from '../../core/location';
import { plural } from '../../core/plural';
import { escapeControl, lineStartPath } from '../format/escape';

/** A fix can reveal a mistake the first one hid (FORM → FROM lets the fields be checked); a few passes settle it. */
const MAX_PASSES = 3;

export interface FixedFile {
  /** As printed. */
  path: string;
  applied: AppliedFix[];
}

/**
 * Applies the unambiguous fixes of one file and writes it back when something changed. `diagnose` checks
 * a text of the file; each pass fixes what the previous pass's text reports, until nothing is left to fix.
 */
export function fixFile(file: string, shown: string, text: string, diagnose: (text: string) => readonly Diagnostic[]): FixedFile {
  const applied: AppliedFix[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const outcome = applyFixes(current, diagnose(current));
    if (outcome.applied.length === 0 || outcome.text === current) break;
    applied.push(...outcome.applied);
    current = outcome.text;
  }
  if (current !== text) fs.writeFileSync(file, current);
  return { path: shown, applied };
}

/** `path:line:col: fixed code: what was done (what was wrong)`, 1-based as every CLI line is, then a total. */
export function formatFixes(files: readonly FixedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const fix of file.applied) {
      lines.push(`${formatLocation(lineStartPath(file.path), fix.range.start)}: fixed ${fix.code}: ${escapeControl(fix.title)} (${escapeControl(fix.message)})`);
    }
  }
  const count = files.reduce((sum, f) => sum + f.applied.length, 0);
  const changed = files.filter((f) => f.applied.length > 0).length;
  lines.push(count === 0 ? 'No problem had a single sure fix; nothing was changed.' : `Fixed ${plural(count, 'problem')} in ${plural(changed, 'file')}.`);
  return lines.join('\n') + '\n';
}
