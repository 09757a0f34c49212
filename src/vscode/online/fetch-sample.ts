import * as vscode from 'vscode';
import { blocksAction } from '../../core/diagnostics';
import { resolveJob } from '../../core/job/resolve';
import { readableText } from '../../core/org-errors';
import { dateFieldTypeOf } from '../../core/soql/describe-paths';
import { fetchSample, MAX_SAMPLE_LIMIT, errorCodeOf } from '../../salesforce';
import { writeSampleFile } from '../../store';
import { planJob } from '../../runner/plan-job';
import type { SfjobContext } from '../context';
import { fail, openOnlineJob, withOrgSession } from './online-job';
import { plural } from '../../core/plural';
import { describeSampleChange, type SampleChange } from '../../core/sample/compare-samples';
import { confirmSampleReplacement, showSampleDiff } from './sample-replace';


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
  if (!opened?.offline.job) return undefined;
  const answer = await ctx.prompts.askInput({ title: 'sfjob: Fetch Sample', prompt: `How many records to fetch for ${opened.shown}?`, value: '20', validateInput: (v) => (parseLimit(v) === undefined ? LIMIT_HINT : undefined) });
  if (answer === undefined) return undefined;
  const limit = parseLimit(answer);
  if (limit === undefined) {
    fail(ctx, `Fetch Sample: "${answer}" is not a number of records. ${LIMIT_HINT}`);
    return undefined;
  }
  const job = resolveJob(opened.offline.job);
  // The sample is written only inside the workspace, never through a link that leads out of it.
  const target = opened.workspace.sampleTarget(job.sample);
  if (!target.ok) {
    fail(ctx, `Fetch Sample: ${opened.shown}: the sample file "${opened.workspace.sampleName(job.sample)}" cannot be written: ${target.reason}. Point "sample" at a path inside the workspace.`);
    return undefined;
  }
  const redact = vscode.workspace.getConfiguration('sfjob').get<boolean>('sample.redact', true);
  let redactions;
  try {
    redactions = redact ? planJob(job, opened.jobPath).redactions : undefined;
  } catch (error) {
    fail(ctx, `Fetch Sample: ${opened.shown}: ${(error as Error).message}`);
    return undefined;
  }
  const dateFieldType = dateFieldTypeOf(opened.workspace.describe, opened.offline.query?.object, job.dateField);
  ctx.output.info(`Fetch Sample: ${plural(limit, 'record')} for ${opened.shown} on connection "${job.connection}"${redact ? ', redacted' : ''}`);
  const fetched = await withOrgSession(ctx, opened, 'Fetch Sample', `fetching ${limit} sample records for ${opened.shown}`, async (session, signal) => {
    try {
      return await fetchSample({ session, job, limit, dateFieldType, signal, ...(redactions ? { redactions } : {}) });
    } catch (error) {
      const code = errorCodeOf(error);
      // An org error gets its code, its readable text and a pointer to the command that places it in the query.
      if (code) throw new Error(`Salesforce refused the sample query: ${code}: ${readableText((error as Error).message)} (Validate Query shows where)`);
      throw error;
    }
  });
  if (!fetched) return undefined;
  const samplePath = target.path;
  ctx.output.info(`Fetch Sample: query sent: ${fetched.query}`);
  const shownSample = vscode.workspace.asRelativePath(samplePath);
  // A sample that exists (often one the team committed) is replaced only when the person says so.
  const replacement = await confirmSampleReplacement(samplePath, fetched.records, (message, detail, buttons) => ctx.prompts.askModal(message, detail, buttons));
  const outcome = { samplePath, records: fetched.records.length, redacted: redact, redactions: fetched.redactions, ...(replacement.change ? { change: replacement.change } : {}) };
  if (!replacement.write) {
    const why = replacement.same ? `${shownSample} already holds these ${plural(fetched.records.length, 'record')}; it was left as it is` : `kept ${shownSample} as it was`;
    ctx.output.info(`Fetch Sample: ${why}`);
    if (replacement.same) ctx.prompts.notify('info', `Fetch Sample: ${why}.`);
    return { ...outcome, written: false };
  }
  await writeSampleFile(samplePath, fetched.records);
  const masked = redact ? `, ${plural(fetched.redactions, 'match', 'matches')} redacted` : ' (not redacted: sfjob.sample.redact is off)';
  ctx.output.info(`Fetch Sample: wrote ${plural(fetched.records.length, 'record')} to ${shownSample}${masked}`);
  if (replacement.change) ctx.output.info(`Fetch Sample: ${describeSampleChange(replacement.change).join(' ')}`);
  if (fetched.records.length === 0) void vscode.window.showWarningMessage("sfjob: the query found no records in the first run's window; the sample file holds an empty list.");
  // The checks of jobs that read this sample run again; the file watcher would notice too, but later.
  ctx.diagnostics.revalidateDependents(samplePath);
  if (replacement.showDiff && replacement.previousText !== undefined) await showSampleDiff(samplePath, replacement.previousText, ctx.extension.subscriptions);
  else await vscode.window.showTextDocument(vscode.Uri.file(samplePath), { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  return { ...outcome, written: true };
}
