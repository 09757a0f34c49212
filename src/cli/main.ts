#!/usr/bin/env node
/**
 * The CLI entry: argv → a command module. Commands are a table of lazy imports so `sfjob validate`
 * never pays for loading jsforce, and a new command is one row here plus one file in commands/.
 */
import { CliUsageError, type CliIo, type Command } from './command';
import { escapeControl } from './format/escape';

const COMMANDS: Record<string, () => Promise<Command>> = {
  auth: () => import('./commands/auth').then((m) => m.command),
  emulator: () => import('./commands/emulator').then((m) => m.command),
  'next-runs': () => import('./commands/next-runs').then((m) => m.command),
  validate: () => import('./commands/validate').then((m) => m.command),
  schema: () => import('./commands/schema').then((m) => m.command),
  run: () => import('./commands/run').then((m) => m.command),
  preview: () => import('./commands/preview').then((m) => m.command),
  'test-expression': () => import('./commands/test-expression').then((m) => m.command),
  'validate-query': () => import('./commands/validate-query').then((m) => m.command),
  sample: () => import('./commands/sample').then((m) => m.command),
  describe: () => import('./commands/describe').then((m) => m.command),
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: sfjob <command> [options]\n\ncommands: ${names.join(', ')}\n\nRun "sfjob <command> --help" for a command's options.`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(usage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`sfjob: unknown command "${name}".\n${usage()}\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`sfjob ${name}: ${error.message}\n`);
      return 2;
    }
    // An unexpected failure still gets a one-line message a person can act on, not a stack trace;
    // SFJOB_DEBUG=1 shows the stack for bug reports.
    // The message may quote a file's content, so it is kept to one line without control characters.
    const message = escapeControl(error instanceof Error ? error.message : String(error));
    io.stderr(`sfjob ${name}: ${message}\n`);
    if (process.env.SFJOB_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    version: process.env.SFJOB_VERSION ?? '0.1.0',
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
