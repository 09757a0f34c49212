import * as vscode from 'vscode';
import { OrgRefusedError, sampleJob } from '../../app/sample';
import { blocksAction } from '../../core/diagnostics';
import { plural } from '../../core/plural';
import type { SfRecord } from '../../core/run/types';
import { describeSampleChange, type SampleChange } from '../../core/sample/compare-samples';
import { MAX_SAMPLE_LIMIT } from '../../salesforce';
import type { SfjobContext } from '../context';
import { fail, openOnlineJob, showNotSent, withOrgUseCase } from './online-job';
import { confirmSampleReplacement, showSampleDiff, type SampleReplacement } from './sample-replace';

/** What "sfjob: Fetch Sample" returns to its caller (the in-editor tests read it). */
export interface FetchSampleResult {
  samplePath: string;
  records: number;
  /** Whether the job's redaction rules were applied, and how many matches they masked. */
  redacted: boolean;
  redactions: number;
  /** Whether the sample file was written: false when the person kept the old one, or it held the same records. */
  written: boolean;
  /** What the fetched records change in the sample file that was there; absent when there was none. */
  change?: SampleChange;
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text.trim());
  return Number.isInteger(limit) && limit >= 1 && limit <= MAX_SAMPLE_LIMIT ? limit : undefined;
}

const LIMIT_HINT = `A whole number from 1 to ${MAX_SAMPLE_LIMIT}.`;

/**
 * "sfjob: Fetch Sample": asks how many records, fetches the first records the job's first run would
 * read (with the job's redaction rules applied unless `sfjob.sample.redact` is off), replaces the job's
 * sample file with them and opens it. The checks that compare against the sample (field-case,
 * field-not-in-sample) then run against Salesforce's own spelling.
 */
export async function fetchSampleCommand(ctx: SfjobContext, uri?: unknown): Promise<FetchSampleResult | undefined> {
  const opened = await openOnlineJob(ctx, uri, 'Fetch Sample', (d) => blocksAction(d, 'sample'));
  if (!opened) return undefined;
  const answer = await ctx.prompts.askInput({ title: 'sfjob: Fetch Sample', prompt: `How many records to fetch for ${opened.shown}?`, value: '20', validateInput: (v) => (parseLimit(v) === undefined ? LIMIT_HINT : undefined) });
  if (answer === undefined) return undefined;
  const limit = parseLimit(answer);
  if (limit === undefined) {
    fail(ctx, `Fetch Sample: "${answer}" is not a number of records. ${LIMIT_HINT}`);
    return undefined;
  }
  const redact = vscode.workspace.getConfiguration('sfjob').get<boolean>('sample.redact', true);
  ctx.output.info(`Fetch Sample: ${plural(limit, 'record')} for ${opened.shown} on connection "${opened.connection}"${redact ? ', redacted' : ''}`);
  // A sample that exists (often one the team committed) is replaced only when the person says so.
  let replacement: SampleReplacement | undefined;
  const beforeWrite = async (samplePath: string, records: SfRecord[]): Promise<boolean> => {
    replacement = await confirmSampleReplacement(samplePath, records, (message, detail, buttons) => ctx.prompts.askModal(message, detail, buttons));
    return replacement.write;
  };
  const fetched = await withOrgUseCase(
    ctx,
    opened,
    'Fetch Sample',
    `fetching ${limit} sample records for ${opened.shown}`,
    (options) => sampleJob(opened.jobPath, { ...options, text: opened.document.getText(), files: ctx.data.files, limit, redact, beforeWrite }),
    // An org error gets its code, its readable text and a pointer to the command that places it in the query.
    (error) => (error instanceof OrgRefusedError ? `Salesforce refused the sample query: ${error.errorCode}: ${error.message} (Validate Query shows where)` : error instanceof Error ? error.message : String(error)),
  );
  if (!fetched) return undefined;
  if (fetched.status === 'blocked') {
    showNotSent(ctx, 'Fetch Sample', opened.jobPath, opened.shown, fetched.diagnostics);
    return undefined;
  }
  if (fetched.status === 'refused') {
    fail(ctx, `Fetch Sample: ${opened.shown}: ${fetched.message}`);
    return undefined;
  }
  const samplePath = fetched.path;
  ctx.output.info(`Fetch Sample: query sent: ${fetched.query}`);
  const shownSample = vscode.workspace.asRelativePath(samplePath);
  const change = replacement?.change;
  const outcome = { samplePath, records: fetched.records.length, redacted: redact, redactions: fetched.redactions, ...(change ? { change } : {}) };
  if (fetched.status === 'kept') {
    const why = replacement?.same ? `${shownSample} already holds these ${plural(fetched.records.length, 'record')}; it was left as it is` : `kept ${shownSample} as it was`;
    ctx.output.info(`Fetch Sample: ${why}`);
    if (replacement?.same) ctx.prompts.notify('info', `Fetch Sample: ${why}.`);
    return { ...outcome, written: false };
  }
  const masked = redact ? `, ${plural(fetched.redactions, 'match', 'matches')} redacted` : ' (not redacted: sfjob.sample.redact is off)';
  ctx.output.info(`Fetch Sample: wrote ${plural(fetched.records.length, 'record')} to ${shownSample}${masked}`);
  if (change) ctx.output.info(`Fetch Sample: ${describeSampleChange(change).join(' ')}`);
  if (fetched.records.length === 0) void vscode.window.showWarningMessage("sfjob: the query found no records in the first run's window; the sample file holds an empty list.");
  // The checks of jobs that read this sample run again; the file watcher would notice too, but later.
  ctx.diagnostics.revalidateDependents(samplePath);
  if (replacement?.showDiff && replacement.previousText !== undefined) await showSampleDiff(samplePath, replacement.previousText, ctx.extension.subscriptions);
  else await vscode.window.showTextDocument(vscode.Uri.file(samplePath), { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  return { ...outcome, written: true };
}
