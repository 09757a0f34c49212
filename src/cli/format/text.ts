import { escapeControl, lineStartPath } from './escape';
import { type FileReport, sortedDiagnostics, summarize } from './report';
import type { Diagnostic } from '../../core/diagnostics';
import { formatLocation } from '../../core/location';
import { plural } from '../../core/plural';

/**
 * One diagnostic as a text line, `path:line:col: severity code: message` (1-based). `shown` is the path
 * as already made safe for the start of a line (lineStartPath).
 */
export function diagnosticLine(shown: string, d: Diagnostic): string {
  return `${formatLocation(shown, d.range.start)}: ${d.severity} ${d.code}: ${escapeControl(d.message)}`;
}

/**
 * Every report as text lines, 1-based: the one place the CLI turns 0-based positions into
 * 1-based. Paths and messages carry text from the files, so control characters are escaped and every
 * diagnostic stays on its own line, which no CI runner can mistake for one of its commands.
 */
export function formatText(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    const shown = lineStartPath(file.path);
    for (const d of sortedDiagnostics(file.diagnostics)) {
      lines.push(diagnosticLine(shown, d));
    }
  }
  const { errors, warnings } = summarize(files);
  const checked = `${plural(files.length, 'file')} checked`;
  lines.push(errors + warnings === 0 ? `${checked}: no problems.` : `${checked}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return lines.join('\n') + '\n';
}
