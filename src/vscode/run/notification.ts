import { reasonsText, type RunReport } from '../../runner/report';
import { plural } from '../../core/plural';

export interface RunNotification {
  kind: 'info' | 'warn' | 'error';
  message: string;
}

/** The counts a person checks after a run: read, published, skipped, and what the documents cost. */
function countsText(report: RunReport): string {
  const skipped = Object.values(report.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
  const parts = [`read ${plural(report.retrieved, 'record')}`, `published ${plural(report.written, 'document')}`, `${skipped} skipped`];
  if (report.filteredOut > 0) parts.push(`${report.filteredOut} filtered out`);
  if (report.feedbackRecords) parts.push(`cost ${plural(report.feedbackRecords.total, 'feedback record')}`);
  return parts.join(', ');
}

/**
 * The notification a run started from the editor ends with: the person asked for the run, so every
 * outcome is shown, whatever the job's `notifications` setting says about runs no one watches. A failed
 * or stopped run says plainly that nothing was published; a run that read records and published none
 * is a warning with the reasons counted, never a quiet success.
 */
export function runNotification(report: RunReport): RunNotification {
  const name = `sfjob: "${report.jobName}"`;
  const nothing = `Nothing was published${report.prepared > 0 ? ` (${plural(report.prepared, 'document was', 'documents were')} prepared)` : ''}; the output and state are as before, and the next run reads the same window again.`;
  if (report.status === 'failed') return { kind: 'error', message: `${name} failed: ${report.error ?? 'see the sfjob output'}. ${nothing}` };
  if (report.status === 'stopped') return { kind: 'warn', message: `${name} was stopped. ${nothing}` };
  if (report.zeroOutcome) {
    return { kind: 'warn', message: `${name} read ${plural(report.retrieved, 'record')} and published NO document: ${reasonsText(report.zeroOutcome.reasons)}. Nothing reaches XM Discover from this run.` };
  }
  const skipped = Object.values(report.skipped).some((count) => (count ?? 0) > 0);
  const notes = [...(report.warnings.count ? [plural(report.warnings.count, 'warning')] : []), ...(report.stoppedEarly ? ['stopped before the end of its window'] : [])];
  const kind = notes.length > 0 || skipped ? 'warn' : 'info';
  return { kind, message: `${name} ${countsText(report)}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}.` };
}
