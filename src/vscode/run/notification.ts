import type { ResolvedJob } from '../../core/job/resolve';
import { reasonsText, type RunReport } from '../../runner/report';

export interface RunNotification {
  kind: 'info' | 'warn' | 'error';
  message: string;
}

/**
 * The notification a finished run shows, following the job's `notifications` setting: failures (and
 * stops) when onFailure, a run with warnings or skips, or one that read records and published none,
 * when onWarnings, a clean run when onSuccess. Undefined when the setting asks for none; the output
 * channel has the details either way. A failed or stopped run says plainly that nothing was published.
 */
export function runNotification(report: RunReport, notifications: ResolvedJob['notifications']): RunNotification | undefined {
  const name = `sfjob: "${report.jobName}"`;
  const nothing = `Nothing was published${report.prepared > 0 ? ` (${report.prepared} documents were prepared)` : ''}; the output and state are as before, and the next run reads the same window again.`;
  if (report.status === 'failed') return notifications.onFailure ? { kind: 'error', message: `${name} failed: ${report.error ?? 'see the sfjob output'}. ${nothing}` } : undefined;
  if (report.status === 'stopped') return notifications.onFailure ? { kind: 'warn', message: `${name} was stopped. ${nothing}` } : undefined;
  if (report.zeroOutcome) {
    if (!notifications.onWarnings) return undefined;
    return { kind: 'warn', message: `${name} read ${report.retrieved} records and published no document: ${reasonsText(report.zeroOutcome.reasons)}. See the sfjob output.` };
  }
  const skipped = Object.values(report.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
  const wrote = `published ${report.written} documents from ${report.retrieved} records`;
  if (report.warnings.count > 0 || skipped > 0 || report.stoppedEarly) {
    if (!notifications.onWarnings) return undefined;
    const what = [...(report.warnings.count ? [`${report.warnings.count} warning(s)`] : []), ...(skipped ? [`${skipped} skipped`] : []), ...(report.stoppedEarly ? ['stopped before the end of its window'] : [])];
    return { kind: 'warn', message: `${name} ${wrote}, with ${what.join(', ')}: see the sfjob output.` };
  }
  return notifications.onSuccess ? { kind: 'info', message: `${name} ${wrote}.` } : undefined;
}
