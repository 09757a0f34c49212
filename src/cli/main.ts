#!/usr/bin/env node
/**
 * The CLI entry: argv → a command module. Commands are a table of lazy imports so `sfjob validate`
 * never pays for loading jsforce, and a new command is one row here plus one file in commands/ made
 * with defineCommand (define.ts), which gives it its help, its usage errors and exit code 2.
 */
import { CliUsageError, type CliIo, type Command } from './command';
import { escapeControl } from './format/escape';
import { didYouMean } from './suggest';

interface CommandEntry {
  /** One line for the command list: what the command does. */
  summary: string;
  load(): Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  validate: { summary: 'check job and connections files offline (the editor\'s checks, for reviews and CI)', load: () => import('./commands/validate').then((m) => m.command) },
  'validate-query': { summary: 'check a job\'s query against its org: errors at their characters, plan, row estimate', load: () => import('./commands/validate-query').then((m) => m.command) },
  describe: { summary: 'fetch the org\'s describe data for the objects a job reads, for exact offline checks', load: () => import('./commands/describe').then((m) => m.command) },
  sample: { summary: 'fetch records the job\'s first run would read into its sample file', load: () => import('./commands/sample').then((m) => m.command) },
  preview: { summary: 'print the documents a job makes from its sample (or live records), writing nothing', load: () => import('./commands/preview').then((m) => m.command) },
  run: { summary: 'run a job once, or with --due every job whose schedule says a run is due', load: () => import('./commands/run').then((m) => m.command) },
  'next-runs': { summary: 'list the next scheduled run times of a job', load: () => import('./commands/next-runs').then((m) => m.command) },
  auth: { summary: 'authorize a connection, or list the connections and what they miss', load: () => import('./commands/auth').then((m) => m.command) },
  emulator: { summary: 'start the local Salesforce org emulator (no account needed)', load: () => import('./commands/emulator').then((m) => m.command) },
  'test-expression': { summary: 'evaluate a job\'s filter or a field\'s expression on given values, showing each part', load: () => import('./commands/test-expression').then((m) => m.command) },
  schema: { summary: 'print the JSON schema of job files or of sfjob.connections.json', load: () => import('./commands/schema').then((m) => m.command) },
};

const HELP_SUMMARY = 'show this list, or a command\'s usage, options and an example';

/** The command list that `sfjob`, `sfjob --help` and `sfjob help` print. */
export function overview(): string {
  const rows: [string, string][] = [...Object.entries(COMMANDS).map(([name, entry]): [string, string] => [name, entry.summary]), ['help', HELP_SUMMARY]];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return [
    'sfjob: author, check and run Salesforce connector jobs (*.sfjob.json).',
    '',
    'usage: sfjob <command> [options]',
    '',
    'Commands:',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`),
    '',
    'Run "sfjob help <command>" or "sfjob <command> --help" for its usage, options and an example.',
    'Other options: --help, --version.',
    '',
  ].join('\n');
}

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

function unknownCommand(name: string): CliUsageError {
  const hint = didYouMean(name, [...COMMAND_NAMES, 'help']);
  return new CliUsageError(`unknown command "${name}".${hint} Run "sfjob help" for the list of commands.`);
}

/** `sfjob help [command]`: the list, or one command's help as its --help prints it. */
async function help(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0) {
    io.stdout(overview());
    return 0;
  }
  if (args.length > 1) throw new CliUsageError('give one command name: sfjob help <command>.');
  const [name] = args;
  if (name === 'help') {
    io.stdout(`usage: sfjob help [command]\n\n${HELP_SUMMARY[0].toUpperCase()}${HELP_SUMMARY.slice(1)}.\n\nExample:\n  sfjob help validate\n`);
    return 0;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) throw unknownCommand(name);
  return (await entry.load()).run(['--help'], io);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h') {
      io.stdout(overview());
      // A bare "sfjob" asked for nothing: the list is shown, but it is still bad usage for scripts.
      return name ? 0 : 2;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`${io.version}\n`);
      return 0;
    }
    if (name === 'help') return await help(rest, io);
    const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) throw unknownCommand(name);
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    const where = name && name !== 'help' && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? `sfjob ${name}` : 'sfjob';
    if (error instanceof CliUsageError) {
      const more = where === 'sfjob' ? '' : `\nRun "${where} --help" for its usage, options and an example.`;
      io.stderr(`${where}: ${error.message}${more}\n`);
      return 2;
    }
    // An unexpected failure still gets a one-line message a person can act on, not a stack trace;
    // SFJOB_DEBUG=1 shows the stack for bug reports.
    // The message may quote a file's content, so it is kept to one line without control characters.
    const message = escapeControl(error instanceof Error ? error.message : String(error));
    io.stderr(`${where}: ${message}
`);
    if (process.env.SFJOB_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

/** The version the build stamped from package.json; running from the sources says so. */
declare const SFJOB_BUILD_VERSION: string | undefined;

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    version: typeof SFJOB_BUILD_VERSION === 'string' ? SFJOB_BUILD_VERSION : '0.0.0-source',
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
