import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { validateConnectionsFile } from '../../core/connections/validate';
import { validateJob } from '../../core/validate';
import { CliUsageError, type CliIo, type Command } from '../command';
import { displayPath, findInputFiles, CONNECTIONS_FILE } from '../files';
import { type FileReport, formatReports, parseFormat } from '../format';
import { escapeControl } from '../format/escape';
import { summarize } from '../format/report';
import { openJobWorkspace, type FileAccess } from '../../core/workspace';
import { workspaceFileAccess } from '../../store/fs-access';

const HELP = `usage: sfjob validate [paths…] [--format text|json|sarif|github] [--output FILE]

Checks job files offline: JSON, the job schema, the SOQL query, mappings against the sample, rules,
expressions, the schedule, connections and secrets. Paths may be files, folders (searched for
*.sfjob.json and sfjob.connections.json) or globs; the default is the current folder.

With describe data cached (.sfjob/describe, written by "sfjob describe" and "sfjob validate-query"),
unknown objects and fields, date field types and filterability are checked exactly, still offline.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
`;

function readInput(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliUsageError(`${escapeControl(shown)}: cannot read the file (${escapeControl(reason)}).`);
  }
}

/** Checks one file given on the command line; `files` is shared by the files of one command, so describe data is read once. */
export function checkFile(file: string, cwd: string, now: Date, files: FileAccess = workspaceFileAccess()): FileReport {
  const shown = displayPath(file, cwd);
  const text = readInput(file, shown);
  if (path.basename(file) === CONNECTIONS_FILE) {
    return { path: shown, diagnostics: validateConnectionsFile(text, now, path.dirname(file)) };
  }
  const result = validateJob(text, openJobWorkspace(file, text, files).validationContext(now));
  return { path: shown, diagnostics: result.diagnostics, query: result.query };
}

/**
 * One file's report even when its checks fail unexpectedly: the other files are still checked and every
 * output (the SARIF file a CI step uploads included) is still written, with this file marked as an error.
 */
function checkFileContained(file: string, cwd: string, now: Date, files: FileAccess): FileReport {
  try {
    return checkFile(file, cwd, now, files);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const start = { line: 0, character: 0 };
    return {
      path: displayPath(file, cwd),
      diagnostics: [
        {
          code: 'schema',
          severity: 'error',
          message: `sfjob could not finish checking this file (${reason.slice(0, 200)}); the other files were checked. Please report it with the file.`,
          range: { start, end: start },
        },
      ],
    };
  }
}

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n${HELP}`);
    }
    if (parsed.values.help) {
      io.stdout(HELP);
      return 0;
    }
    const format = parseFormat(parsed.values.format);
    const files = findInputFiles(parsed.positionals, io.cwd);
    const now = new Date();
    const access = workspaceFileAccess();
    const reports = files.map((file) => checkFileContained(file, io.cwd, now, access));
    const output = formatReports(reports, format, io.version);
    if (parsed.values.output) {
      fs.writeFileSync(path.resolve(io.cwd, parsed.values.output), output);
      if (format !== 'text') io.stdout(formatReports(reports, 'text', io.version));
    } else {
      io.stdout(output);
    }
    return summarize(reports).errors > 0 ? 1 : 0;
  },
};
