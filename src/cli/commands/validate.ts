import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateConnectionsFile } from '../../core/connections/validate';
import type { Diagnostic } from '../../core/diagnostics';
import { type OutputTarget, outputCollisions } from '../../core/lint/collisions';
import { checksFailed } from '../../core/lint/runner';
import { validateJob } from '../../core/validate';
import { CliUsageError } from '../command';
import { ANY_PATHS, defineCommand } from '../define';
import { displayPath, findInputFiles, CONNECTIONS_FILE } from '../files';
import { type FileReport, formatReports, parseFormat } from '../format';
import { escapeControl } from '../format/escape';
import { summarize } from '../format/report';
import { openJobWorkspace, type FileAccess } from '../../core/workspace';
import { workspaceFileAccess } from '../../store';
import { type FixedFile, fixFile, formatFixes } from './validate-fix';

function readInput(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliUsageError(`${escapeControl(shown)}: cannot read the file (${escapeControl(reason)}).`);
  }
}

interface CheckedFile {
  report: FileReport;
  /** A job file's output, for the check of jobs that write to the same files. */
  output?: OutputTarget;
}

/** Checks one file given on the command line; `files` is shared by the files of one command, so describe data is read once. */
export function checkFile(file: string, cwd: string, now: Date, files: FileAccess = workspaceFileAccess()): FileReport {
  return check(file, cwd, now, files).report;
}

function check(file: string, cwd: string, now: Date, files: FileAccess): CheckedFile {
  const shown = displayPath(file, cwd);
  return checkText(file, shown, readInput(file, shown), now, files);
}

function checkText(file: string, shown: string, text: string, now: Date, files: FileAccess): CheckedFile {
  if (path.basename(file) === CONNECTIONS_FILE) {
    return { report: { path: shown, diagnostics: validateConnectionsFile(text, now, path.dirname(file)) } };
  }
  const workspace = openJobWorkspace(file, text, files);
  const result = validateJob(text, workspace.validationContext(now));
  const template = result.job?.output?.path;
  // Output paths are relative to the workspace root.
  return {
    report: { path: shown, diagnostics: result.diagnostics, query: result.query },
    output: { file: shown, text, ...(template !== undefined ? { template, resolved: path.resolve(workspace.root, template) } : {}) },
  };
}

/** Adds, to each job that shares its output path with another, the diagnostic that names the other. */
function withCollisions(checked: readonly CheckedFile[]): FileReport[] {
  const collisions = outputCollisions(checked.flatMap((c) => (c.output ? [c.output] : [])));
  return checked.map(({ report }) => {
    const collision = collisions.get(report.path);
    if (!collision) return report;
    const diagnostics: Diagnostic[] = [...report.diagnostics, collision].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { ...report, diagnostics };
  });
}

/** `--fix`: applies each file's unambiguous fixes before the files are checked and reported as usual. */
function fixFiles(files: readonly string[], cwd: string, now: Date, access: FileAccess): FixedFile[] {
  return files.map((file) => {
    const shown = displayPath(file, cwd);
    return fixFile(file, shown, readInput(file, shown), (text) => checkText(file, shown, text, now, access).report.diagnostics);
  });
}

/**
 * One file's report even when its checks fail unexpectedly: the other files are still checked and every
 * output (the SARIF file a CI step uploads included) is still written, with this file marked as an error.
 */
function checkFileContained(file: string, cwd: string, now: Date, files: FileAccess): CheckedFile {
  try {
    return check(file, cwd, now, files);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    return { report: { path: displayPath(file, cwd), diagnostics: [checksFailed(error)] } };
  }
}

export const command = defineCommand({
  name: 'validate',
  usage: ['validate [paths…] [--fix] [--format text|json|sarif|github] [--output FILE]'],
  about: `
Checks job files offline: JSON, the job schema, the SOQL query, mappings against the sample, rules,
expressions, the schedule, connections and secrets. Paths may be files, folders (searched for
*.sfjob.json and sfjob.connections.json, skipping what a .sfjobignore in them lists) or globs; the
default is the current folder.

With describe data cached (.sfjob/describe, written by "sfjob describe" and "sfjob validate-query"),
unknown objects and fields, date field types and filterability are checked exactly, still offline.
Jobs checked together that would write their runs to the same output files are reported on each other.

With --fix, every problem that has exactly one sure fix (a misspelt SOQL keyword, key, value, function,
connection, field or object with a single close name, a field name in the wrong case) is corrected in
the file first; each fix is listed, then the files are checked and reported as without --fix.`,
  options: {
    format: { type: 'string', short: 'f', value: 'FORMAT', help: 'text (default), json, sarif (SARIF 2.1.0 for code scanning) or github\n(workflow annotations)' },
    output: { type: 'string', short: 'o', value: 'FILE', help: 'write the report to FILE; with a format other than text, the text\nreport still goes to standard output' },
    fix: { type: 'boolean', help: 'correct the problems that have exactly one sure fix in the files,\nand list each change' },
  },
  positionals: ANY_PATHS,
  examples: ['sfjob validate', 'sfjob validate jobs/ --fix', 'sfjob validate jobs/ --format sarif --output sfjob.sarif'],
  exitCodes: '0 no errors, 1 errors found, 2 bad usage or unreadable input.',
  async run({ values, positionals }, io) {
    const format = parseFormat(values.format);
    const files = findInputFiles(positionals, io.cwd);
    const now = new Date();
    const access = workspaceFileAccess();
    if (values.fix) {
      // The list of changes is text; it goes where the text report goes, so a JSON or SARIF report on
      // standard output stays parseable.
      const fixes = formatFixes(fixFiles(files, io.cwd, now, access));
      if (format === 'text' || values.output) io.stdout(fixes);
      else io.stderr(fixes);
    }
    const reports = withCollisions(files.map((file) => checkFileContained(file, io.cwd, now, access)));
    const output = formatReports(reports, format, io.version);
    if (values.output) {
      fs.writeFileSync(path.resolve(io.cwd, values.output), output);
      if (format !== 'text') io.stdout(formatReports(reports, 'text', io.version));
    } else {
      io.stdout(output);
    }
    return summarize(reports).errors > 0 ? 1 : 0;
  },
});
