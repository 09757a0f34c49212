import * as vscode from 'vscode';
import { blocksAction, type Diagnostic } from '../../core/diagnostics';
import { formatLocation } from '../../core/location';
import { describeJob } from '../../app/describe';
import { validateQuery } from '../../app/validate-query';
import { DEFAULT_DESCRIBE_MAX_AGE_MS, orgFactsLines, type DescribeRefresh, type OrgQueryFacts } from '../../salesforce';
import type { SfjobContext } from '../context';
import { offerDateField } from './date-field';
import { fail, openOnlineJob, showNotSent, withOrgUseCase, type OnlineJob } from './online-job';
import { showLogAction } from './org-failure';
import { orgDiagnosticsOf } from './org-diagnostics';

/** What "sfjob: Validate Query" returns to its caller (the in-editor tests read it). */
export interface ValidateQueryResult {
  /** Salesforce's own errors, now shown in the Problems panel. */
  orgErrors: Diagnostic[];
  /** Present when Salesforce accepted the query. */
  org?: OrgQueryFacts;
  refresh?: DescribeRefresh;
  /** The dateField chosen from the candidates, when one was offered and chosen. */
  dateFieldChosen?: string;
}

function maxAgeMs(): number {
  const hours = vscode.workspace.getConfiguration('sfjob').get<number>('describe.maxAgeHours');
  return typeof hours === 'number' && Number.isFinite(hours) && hours >= 0 ? hours * 60 * 60 * 1000 : DEFAULT_DESCRIBE_MAX_AGE_MS;
}

/**
 * New describe data changes what the offline checks know, so every open job is checked again; the file
 * watcher on .sfjob/describe would also notice, but only after the file system reports it.
 */
export function describeChanged(ctx: SfjobContext, refresh: DescribeRefresh | undefined): void {
  if (!refresh || refresh.fetched.length === 0) return;
  ctx.output.info(`describe cache: fetched ${refresh.fetched.join(', ')} into ${vscode.workspace.asRelativePath(refresh.orgDir)}`);
  ctx.data.forgetDescribe();
  ctx.diagnostics.revalidateOpenDocuments();
}

/**
 * "sfjob: Validate Query": the online check of the job in the editor, exactly as `sfjob validate-query`
 * runs it. Salesforce's errors land on their characters in the Problems panel (code org-error); what
 * the org says about an accepted query goes to the output channel, and a missing or wrong dateField is
 * offered the candidates.
 */
export async function validateQueryCommand(ctx: SfjobContext, uri?: unknown): Promise<ValidateQueryResult | undefined> {
  const job = await openOnlineJob(ctx, uri, 'Validate Query', (d) => blocksAction(d, 'validate-query'));
  if (!job) return undefined;
  const { document } = job;
  const version = document.version;
  const now = new Date();
  ctx.output.info(`Validate Query: ${job.shown} on connection "${job.connection}"`);
  const checked = await withOrgUseCase(ctx, job, 'Validate Query', `validating the query of ${job.shown}`, (options) =>
    validateQuery(job.jobPath, { ...options, text: document.getText(), files: ctx.data.files, maxAgeMs: maxAgeMs(), now }),
  );
  if (!checked) return undefined;
  if (checked.notSent) {
    // The editor's text changed since the Problems panel was filled: the use case found what blocks.
    showNotSent(ctx, 'Validate Query', job.jobPath, job.shown, checked.notSent);
    return undefined;
  }
  describeChanged(ctx, checked.refresh);
  const orgErrors = checked.diagnostics.filter((d) => d.code === 'org-error');
  if (document.version !== version) {
    // The positions Salesforce gave point into the text that was sent, which the editor no longer shows.
    fail(ctx, `Validate Query: ${job.shown} changed while it was being checked; validate it again.`);
    return { orgErrors, ...(checked.org ? { org: checked.org } : {}), ...(checked.refresh ? { refresh: checked.refresh } : {}) };
  }
  orgDiagnosticsOf(ctx.extension).set(document.uri, orgErrors);
  const base: ValidateQueryResult = { orgErrors, ...(checked.org ? { org: checked.org } : {}), ...(checked.refresh ? { refresh: checked.refresh } : {}) };
  if (!checked.org) {
    reportRejected(ctx, job, orgErrors);
    return base;
  }
  ctx.output.info([`${job.shown}: Salesforce accepted the query.`, ...orgFactsLines(checked.org)].join('\n'));
  const dateFieldChosen = await offerDateField(ctx, document, checked.org);
  if (!dateFieldChosen && checked.org.dateField.status === 'ok') ctx.prompts.notify('info', `Salesforce accepted the query of ${job.shown} (details in the sfjob log).`, [showLogAction(ctx)]);
  return { ...base, ...(dateFieldChosen ? { dateFieldChosen } : {}) };
}

function reportRejected(ctx: SfjobContext, job: OnlineJob, orgErrors: readonly Diagnostic[]): void {
  for (const error of orgErrors) ctx.output.error(`${formatLocation(job.shown, error.range.start)}: ${error.message}`);
  const what = orgErrors.length > 0 ? 'Salesforce rejected the query' : 'the job has errors the org did not get to see';
  ctx.prompts.notify('warn', `${what}: see the Problems panel for ${job.shown}.`, [{ title: 'Show Problems', run: () => vscode.commands.executeCommand('workbench.actions.view.problems') }, showLogAction(ctx)]);
}

/**
 * "sfjob: Refresh Org Metadata": fetches the describe data of every object the active job's query reads
 * into its describe cache, fresh or not, so the offline checks judge against the org as it is now.
 */
export async function refreshOrgMetadataCommand(ctx: SfjobContext, uri?: unknown): Promise<DescribeRefresh | undefined> {
  const job = await openOnlineJob(ctx, uri, 'Refresh Org Metadata', (d) => blocksAction(d, 'describe'));
  if (!job) return undefined;
  const object = job.offline.query?.object;
  if (!object) {
    fail(ctx, `Refresh Org Metadata: ${job.shown} needs a query whose FROM object can be read.`);
    return undefined;
  }
  ctx.output.info(`Refresh Org Metadata: ${job.shown} on connection "${job.connection}"`);
  const described = await withOrgUseCase(ctx, job, 'Refresh Org Metadata', `fetching the org's metadata for ${object}`, (options) =>
    describeJob(job.jobPath, { ...options, text: job.document.getText(), files: ctx.data.files }),
  );
  if (!described) return undefined;
  if (described.status === 'blocked') {
    showNotSent(ctx, 'Refresh Org Metadata', job.jobPath, job.shown, described.diagnostics.filter((d) => blocksAction(d, 'describe')));
    return undefined;
  }
  const { refresh } = described;
  describeChanged(ctx, refresh);
  const missing = refresh.missing.length > 0 ? `; the org has no ${refresh.missing.join(', ')}` : '';
  const message = `fetched ${refresh.fetched.length > 0 ? refresh.fetched.join(', ') : 'nothing'} for ${job.shown}${missing}`;
  if (refresh.missing.includes(object)) fail(ctx, `Refresh Org Metadata: ${message}.`);
  else ctx.prompts.notify('info', `org metadata ${message}.`, [showLogAction(ctx)]);
  return refresh;
}
