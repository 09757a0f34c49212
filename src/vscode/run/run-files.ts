import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobPaths } from '../../store';
import type { RunReport } from '../../runner/report';
import type { SfjobContext } from '../context';
import { isJobFile } from '../job-files';
import { jobInView } from './job-target';

export const OPEN_OUTPUT = 'Open Output';
export const OPEN_REPORT = 'Open Report';

/** Opens a file a run wrote, beside the job. */
export async function openRunFile(file: string | undefined): Promise<vscode.Uri | undefined> {
  if (!file) return undefined;
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  return uri;
}

/** The newest report of a job: run ids sort by start time, so the last name is the latest run. */
function latestReport(ctx: SfjobContext, jobPath: string): string | undefined {
  const { runsFolder } = jobPaths(ctx.data.workspaceFor(jobPath).root, jobPath);
  let names: string[];
  try {
    names = fs.readdirSync(runsFolder).filter((name) => name.endsWith('.json'));
  } catch {
    return undefined;
  }
  const newest = names.sort().at(-1);
  return newest ? path.join(runsFolder, newest) : undefined;
}

function jobOf(uri: unknown): string | undefined {
  const target = jobInView(uri);
  return target?.scheme === 'file' && isJobFile(target.path) ? target.fsPath : undefined;
}

/**
 * The report to open: the path given (from a run's notification), else the latest report of the job
 * given or in the editor. Undefined, with a message, when that job has not run yet.
 */
function reportFor(ctx: SfjobContext, arg: unknown, title: string): string | undefined {
  if (typeof arg === 'string') return arg;
  const jobPath = jobOf(arg);
  if (!jobPath) {
    ctx.prompts.notify('info', `open a job file (*.sfjob.json) to use ${title}.`);
    return undefined;
  }
  const report = latestReport(ctx, jobPath);
  if (!report) ctx.prompts.notify('info', `${vscode.workspace.asRelativePath(jobPath)} has not run yet: nothing to open.`, [{ title: 'Run Job', run: () => vscode.commands.executeCommand('sfjob.runJob', vscode.Uri.file(jobPath)) }]);
  return report;
}

/** "sfjob: Open Run Report": the JSON report of the job's latest run (or of the report path given). */
export async function openRunReportCommand(ctx: SfjobContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  return openRunFile(reportFor(ctx, arg, 'Open Run Report'));
}

/** "sfjob: Open Run Output": the documents the job's latest run published (or the file given). */
export async function openRunOutputCommand(ctx: SfjobContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  if (typeof arg === 'string' && !arg.endsWith('.json')) return openRunFile(arg);
  const report = reportFor(ctx, arg, 'Open Run Output');
  if (!report) return undefined;
  let published: RunReport;
  try {
    published = JSON.parse(fs.readFileSync(report, 'utf8')) as RunReport;
  } catch (error) {
    ctx.prompts.notify('error', `the run report ${report} cannot be read: ${(error as Error).message}`);
    return undefined;
  }
  if (!published.output?.path || published.written === 0) {
    ctx.prompts.notify('warn', `the latest run of "${published.jobName}" published no document, so it has no output file.`, [{ title: OPEN_REPORT, run: () => openRunFile(report) }]);
    return undefined;
  }
  // Reports live in <workspace root>/.sfjob/runs/…, and name the output relative to that root.
  const marker = `${path.sep}.sfjob${path.sep}`;
  const root = report.includes(marker) ? report.slice(0, report.lastIndexOf(marker)) : path.dirname(report);
  const file = path.resolve(root, published.output.path);
  return openRunFile(file);
}
