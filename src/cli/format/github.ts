import type { Severity } from '../../core/diagnostics';
import { oneBasedRange } from '../../core/location';
import { escapeControlExceptLineBreaks } from './escape';
import { type FileReport, sortedDiagnostics, summarize } from './report';
import { plural } from '../../core/plural';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

// Workflow commands treat "%", CR and LF specially in the message, and also "," and ":" in properties.
// Other control characters (ANSI escapes, bidirectional controls) are written as visible escapes first.
function escapeData(text: string): string {
  return escapeControlExceptLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow annotations: `::error file=…,line=…,col=…::message`. */
export function formatGithub(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of sortedDiagnostics(file.diagnostics)) {
      const at = oneBasedRange(d.range);
      const props = [
        `file=${escapeProperty(file.path)}`,
        `line=${at.start.line}`,
        `col=${at.start.column}`,
        `endLine=${at.end.line}`,
        `endColumn=${at.end.column}`,
        `title=${escapeProperty(`sfjob ${d.code}`)}`,
      ].join(',');
      lines.push(`::${COMMANDS[d.severity]} ${props}::${escapeData(d.message)}`);
    }
  }
  const { errors, warnings } = summarize(files);
  lines.push(`sfjob: ${plural(files.length, 'file')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return lines.join('\n') + '\n';
}
