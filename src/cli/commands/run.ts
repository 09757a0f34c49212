import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunEvent } from '../../core/run/types';
import { createCliSecretStore } from '../../salesforce/connect';
import { JobLockedError, loadJobForRun, runLiveJob, runSummaryLines } from '../../runner';
import { CliUsageError, type CliIo, type Command } from '../command';
import { displayPath } from '../files';
import { formatReports } from '../format';

const HELP = `usage: sfjob run <job> [--full] [--format text|json]

Runs a job once: reads the records of its window from Salesforce (from the saved watermark, or from
the beginning with --full), writes the documents to the job's output path, then saves the state and
the run report (.sfjob/runs/<job>/<runId>.json). Ctrl+C stops the run and keeps the last good output
and state.

Options:
  --full            ignore the saved watermark and pull from the beginning (or the schedule's startDate)
  --format FORMAT   text (default) or json (the run report)

Exit codes: 0 the run succeeded, 1 the job has errors or the run failed or was stopped, 2 bad usage.
`;

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    const options = readOptions(args);
    if (options === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const now = new Date();
    const shown = displayPath(path.resolve(io.cwd, options.file), io.cwd);
    const loaded = loadJob(path.resolve(io.cwd, options.file), shown, now);
    if (!loaded.job) {
      io.stderr(formatReports([{ path: shown, diagnostics: loaded.diagnostics }], 'text', io.version));
      io.stderr(`sfjob run: ${shown} has errors; fix them first (sfjob validate ${shown}).\n`);
      return 1;
    }
    const job = loaded.job;
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    try {
      const outcome = await runLiveJob({
        jobPath: loaded.jobPath,
        job,
        workspaceRoot: loaded.workspaceRoot,
        secrets: createCliSecretStore(io.env, { workspaceRoot: loaded.workspaceRoot }),
        env: io.env,
        now,
        full: options.full,
        dateFieldType: loaded.dateFieldType,
        signal: controller.signal,
        onWarning: (message) => io.stderr(`sfjob run: ${message}\n`),
        onRetrieval: (note) => io.stderr(`sfjob run: ${note}\n`),
        onEvent: (event) => {
          if (io.isTTY && options.format === 'text') io.stderr(progressLine(event));
        },
      });
      if (io.isTTY && options.format === 'text') io.stderr('\r\u001b[K');
      const report = outcome.report;
      io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${runSummaryLines(report, displayPath(outcome.reportPath, io.cwd)).join('\n')}\n`);
      return outcome.status === 'succeeded' ? 0 : 1;
    } catch (error) {
      if (error instanceof JobLockedError) {
        io.stderr(`sfjob run: ${shown}: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', stop);
    }
  },
};

interface Options {
  file: string;
  full: boolean;
  format: 'text' | 'json';
}

function readOptions(args: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { full: { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${HELP}`);
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 1) throw new CliUsageError(`give exactly one job file.\n${HELP}`);
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliUsageError(`--format is text or json, not "${format}".`);
  return { file: parsed.positionals[0], full: parsed.values.full ?? false, format };
}

export function loadJob(file: string, shown: string, now: Date): ReturnType<typeof loadJobForRun> {
  try {
    return loadJobForRun(file, now);
  } catch (error) {
    throw new CliUsageError(`${shown}: cannot read the job file (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}).`);
  }
}

function progressLine(event: RunEvent): string {
  return event.type === 'progress' ? `\r\u001b[Kread ${event.retrieved} records, ${event.documents} documents so far…` : '';
}
