import { describeRecords, type CostSummary } from '../core/run/cost';
import type { RunEvent } from '../core/run/types';
import type { RetrieveEvent } from '../salesforce/retrieve/pages';
import type { PreviewResult } from './preview';
import { reasonsText, type RunReport } from './report';

/**
 * Sentences about a run for people, shared by the CLI (standard error and the summary) and the VS Code
 * output channel, so both say the same thing in the same words.
 */

/** A line about a retry, a window queried again, a split or an early stop while reading from the org. */
export function retrievalNote(event: RetrieveEvent): string {
  switch (event.type) {
    case 'retry':
      return `${event.reason}; trying again in ${(event.delayMs / 1000).toFixed(1)} s (retry ${event.retry})`;
    case 'restart':
      return `${event.reason}; querying the window again${event.resumeFrom ? ` from ${event.resumeFrom}` : ''}`;
    case 'split':
      return `the query timed out; splitting the window at ${event.at}`;
    case 'stopped':
      return event.reason;
  }
}

/** The window a run queried, as "since … until …"; the first run of a job reads from the beginning. */
export function describeWindow(window: RunReport['window']): string | undefined {
  if (!window) return undefined;
  return `${window.since ? `from ${window.since}` : 'from the beginning'}${window.until ? ` until ${window.until}` : ''}`;
}

/** The run's outcome, counts, skips, window and report path, one line each (indented after the first). */
export function runSummaryLines(report: RunReport, reportPath: string): string[] {
  const lines: string[] = [];
  const status = report.status === 'succeeded' ? 'finished' : report.status;
  lines.push(`${report.jobFile}: run ${report.runId} ${status}${report.error ? `: ${report.error}` : ''}`);
  lines.push(`  ${publishedLine(report)}`);
  if (report.feedbackRecords && report.status === 'succeeded') lines.push(`  ${costLine(report.feedbackRecords)}`);
  const notes: string[] = [];
  if (report.filteredOut) notes.push(`${report.filteredOut} filtered out`);
  if (report.duplicates.replaced) notes.push(`${report.duplicates.replaced} duplicates replaced`);
  if (report.duplicates.unchanged) notes.push(`${report.duplicates.unchanged} unchanged since delivered (not sent again)`);
  if (report.duplicates.skipped) notes.push(`${report.duplicates.skipped} duplicates skipped`);
  if (report.boundaryRepeats) notes.push(`${report.boundaryRepeats} already delivered at the watermark`);
  if (report.overLimit) notes.push(`${report.overLimit} over the record limit`);
  for (const [reason, count] of Object.entries(report.skipped)) notes.push(`${count} skipped (${reason})`);
  if (report.redactions.total) notes.push(`${report.redactions.total} redactions`);
  if (notes.length > 0) lines.push(`  ${notes.join(', ')}`);
  const window = describeWindow(report.window);
  if (window) lines.push(`  window: ${window}`);
  const bulk = report.retrieval?.bulk;
  if (bulk?.used) lines.push(`  read through Bulk API 2.0 (${bulk.rows ?? 'too many to count'} rows in the window, above ${bulk.threshold})`);
  if (report.zeroOutcome) lines.push(`  warning: ${zeroOutcomeLine(report)}`);
  if (report.stoppedEarly) lines.push(`  warning: ${report.stoppedEarly}`);
  const others = report.warnings.messages.filter((message) => !message.includes('published no document'));
  if (report.warnings.count > 0 && others.length > 0) lines.push(`  ${report.warnings.count} warning(s), e.g. ${others[0]}`);
  lines.push(`  report: ${reportPath}`);
  return lines;
}

/**
 * What reached the output, in words that cannot be misread: a run that failed or was stopped
 * published nothing, whatever it had prepared.
 */
export function publishedLine(report: RunReport): string {
  const read = `read ${report.retrieved} records`;
  if (report.status !== 'succeeded') {
    const prepared = report.prepared > 0 ? `; ${report.prepared} documents were prepared but` : ';';
    return `${read}${prepared} nothing was published (the output and state are as they were before this run; the next run reads the same window again)`;
  }
  return `${read}; published ${report.written} documents${report.output ? ` to ${report.output.files ? report.output.files.join(', ') : report.output.path}` : ''}`;
}

/** The warning for a run that read records and published none, with the reasons counted. */
export function zeroOutcomeLine(report: RunReport): string {
  return `read ${report.retrieved} records and published no document: ${reasonsText(report.zeroOutcome?.reasons ?? {})}`;
}

/** Every stage's counts, for the output channel's detailed log of a run. */
export function stageCountLines(report: RunReport): string[] {
  const lines = [`  retrieve: ${report.retrieved} records in ${report.pages} pages${report.apiCalls !== undefined ? `, ${report.apiCalls} API calls` : ''}`];
  if (report.conversations) lines.push(`  conversations: ${report.conversations} built, ${report.systemLines} system lines left out`);
  lines.push(`  filter: ${report.filteredOut} filtered out`);
  lines.push(`  substitutions: ${report.substitutions}; redactions: ${report.redactions.total}`);
  lines.push(`  duplicates: ${report.duplicates.replaced} replaced, ${report.duplicates.unchanged} unchanged (not sent again), ${report.duplicates.skipped} skipped, ${report.boundaryRepeats} already delivered at the watermark; over the record limit: ${report.overLimit}`);
  const skipped = Object.entries(report.skipped);
  lines.push(`  skipped: ${skipped.length === 0 ? 'none' : skipped.map(([reason, count]) => `${count} (${reason})`).join(', ')}`);
  for (const skip of report.skipDetails) lines.push(`    skipped (${skip.reason})${skip.naturalId ? ` ${skip.naturalId}` : ''}: ${skip.message}`);
  lines.push(`  published: ${report.written} documents${report.status !== 'succeeded' && report.prepared > 0 ? ` (${report.prepared} prepared, not published)` : ''}`);
  return lines;
}

/** A preview's one-line summary: what was read, documents shown, filtered out, skips by reason, redactions. */
export function previewSummary(result: PreviewResult, recordsRead: string): string {
  const counters = result.counters;
  const skipped = Object.entries(counters.skipped).map(([reason, count]) => `${count} skipped (${reason})`);
  const parts = [recordsRead, `${result.documents.length} documents shown`, ...(counters.filteredOut ? [`${counters.filteredOut} filtered out`] : []), ...skipped, ...(counters.redactions ? [`${counters.redactions} redactions`] : [])];
  return `${parts.join(', ')}; ${previewCost(result)}`;
}

/** The preview's cost: every document the records make, against the job's budget when it has one. */
export function previewCost(result: PreviewResult): string {
  const cost = result.feedbackRecords;
  const budget = cost.budget === undefined ? '' : cost.overBudget ? `, OVER the budget of ${describeRecords(cost.budget)} a run` : `, within the budget of ${describeRecords(cost.budget)} a run`;
  return `XM Discover cost: ${describeRecords(cost.total)} for ${cost.documents} documents${budget}`;
}

/** Each shown document's cost, "natural_id: records", in the order shown. */
export function previewDocumentCosts(result: PreviewResult): string[] {
  return result.documents.map((document, index) => `${document.natural_id}: ${describeRecords(result.feedbackRecords.perDocument[index] ?? 0)}`);
}

/** A preview's skips and warnings as sentences ("skip: 5003: …"). */
export function previewNotices(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'progress' ? [] : [`${event.type}: ${event.naturalId ? `${event.naturalId}: ` : ''}${event.message}`]));
}

/** "XM Discover feedback records: 12.5 (10 documents: 2 × 0.25, 8 × 1.5…); budget 100 a run". */
export function costLine(cost: CostSummary): string {
  const kinds = Object.entries(cost.byCost).map(([records, count]) => `${count} × ${records}`);
  return `XM Discover cost: ${describeRecords(cost.total)} for ${cost.documents} documents${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}${cost.budget !== undefined ? `; budget ${describeRecords(cost.budget)} a run` : ''}`;
}
