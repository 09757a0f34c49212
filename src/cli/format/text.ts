import { escapeControl, lineStartPath } from './escape';
import { type FileReport, sortedDiagnostics, summarize } from './report';

/**
 * `path:line:col: severity code: message`, 1-based: the one place the CLI turns 0-based positions into
 * 1-based. Paths and messages carry text from the files, so control characters are escaped and every
 * diagnostic stays on its own line, which no CI runner can mistake for one of its commands.
 */
export function formatText(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    const shown = lineStartPath(file.path);
    for (const d of sortedDiagnostics(file.diagnostics)) {
      lines.push(`${shown}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${escapeControl(d.message)}`);
    }
  }
  const { errors, warnings } = summarize(files);
  const checked = `${files.length} file${files.length === 1 ? '' : 's'} checked`;
  lines.push(errors + warnings === 0 ? `${checked}: no problems.` : `${checked}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
