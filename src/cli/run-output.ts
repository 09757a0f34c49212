import type { RunFlags, RunJobOptions } from '../app/run';
import type { Diagnostic } from '../core/diagnostics';
import { plural } from '../core/plural';
import type { RunEvent } from '../core/run/types';
import { runSummaryLines, type RunReport } from '../runner';
import type { CliIo } from './command';
import { displayPath } from './files';
import { formatReports } from './format';
import { cliUseCaseOptions } from './online';

export type OutputFormat = 'text' | 'json';

/**
 * What the CLI gives the run use case: its secrets and warnings (as every online command), retrieval
 * notes on stderr, and a progress line when a person watches a terminal.
 */
export function runOptions(io: CliIo, format: OutputFormat, flags: RunFlags, now: Date, signal: AbortSignal): Omit<RunJobOptions, 'text' | 'files'> {
  return {
    ...cliUseCaseOptions(io, 'run', now),
    ...flags,
    signal,
    onRetrieval: (note) => io.stderr(`sfjob run: ${note}\n`),
    onEvent: (event) => {
      if (io.isTTY && format === 'text') io.stderr(progressLine(event));
    },
  };
}

/** Ctrl+C stops the work cleanly (the last good output and state are kept) instead of killing the process. */
export async function stoppedByCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/** A job whose errors stop a run: the errors, then what to do. */
export function printBlocked(io: CliIo, shown: string, diagnostics: Diagnostic[]): void {
  io.stderr(formatReports([{ path: shown, diagnostics }], 'text', io.version));
  io.stderr(`sfjob run: ${shown} has errors; fix them first (sfjob validate ${shown}).\n`);
}

/** The text summary of a run, its report path shown relative to the current folder. */
export function summary(report: RunReport, reportPath: string, io: CliIo): string {
  return `${runSummaryLines(report, displayPath(reportPath, io.cwd)).join('\n')}\n`;
}

function progressLine(event: RunEvent): string {
  return event.type === 'progress' ? `\r\u001b[Kread ${plural(event.retrieved, 'record')}, ${plural(event.documents, 'document')} so far…` : '';
}
