import { parseArgs } from 'node:util';
import { CliUsageError, type CliIo, type Command } from './command';
import { didYouMean } from './suggest';

/** One option of a command: how it is typed, and the line its help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder shown after a string option in help: N, FILE, FORMAT. */
  value?: string;
  /** A string option that may be given more than once; its value is the list, in the order given. */
  multiple?: boolean;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed option values: a string for a string option, true for a flag, absent when not given. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: O[K]['type'] extends 'string' ? (O[K]['multiple'] extends true ? string[] : string) : boolean };

export interface ParsedArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/**
 * Everything about a command that a person reads or mistypes, in one place: `--help`, `sfjob help
 * <command>`, unknown options (with the nearest one suggested), a wrong number of arguments and the
 * exit code 2 for all of them come from this, the same way for every command.
 */
export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** Usage lines after "sfjob ": the arguments and the most used options; a line starting with spaces continues the one before. */
  usage: readonly string[];
  /** What the command does, as paragraphs for the help. */
  about: string;
  options: O;
  /** How many positional arguments it takes, and what to say when the count is wrong. */
  positionals: { min: number; max: number; wrongCount: string };
  examples: readonly string[];
  exitCodes: string;
  run(parsed: ParsedArgs<O>, io: CliIo): Promise<number>;
}

/** The arguments of the commands that work on one job file. */
export const ONE_JOB_FILE = { min: 1, max: 1, wrongCount: 'give exactly one job file.' };
/** Any number of files, folders or globs (none: the current folder). */
export const ANY_PATHS = { min: 0, max: Infinity, wrongCount: '' };

export interface DefinedCommand extends Command {
  readonly help: string;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}

/** The text of `sfjob <command> --help`: usage, what it does, options, examples, exit codes. */
export function renderHelp<O extends OptionSpecs>(spec: CommandSpec<O>): string {
  const options = Object.entries({ ...spec.options, help: HELP_OPTION });
  const labels = options.map(([name, option]) => optionLabel(name, option));
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  const optionLines = options.map(([, option], i) => {
    const [first, ...rest] = option.help.split('\n');
    return [`  ${labels[i].padEnd(width)}${first}`, ...rest.map((line) => `  ${' '.repeat(width)}${line}`)].join('\n');
  });
  // A usage line that starts with spaces continues the one before it, under its arguments.
  const usage = spec.usage.map((line, i) => (line.startsWith(' ') ? `${' '.repeat('usage: sfjob '.length)}${line.trimStart()}` : `${i === 0 ? 'usage: ' : '       '}sfjob ${line}`));
  return [
    ...usage,
    '',
    spec.about.trim(),
    '',
    'Options:',
    ...optionLines,
    '',
    spec.examples.length === 1 ? 'Example:' : 'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
    `Exit codes: ${spec.exitCodes.trim()}`,
    '',
  ].join('\n');
}

/** A message from node:util's parser, with the nearest known option suggested for an unknown one. */
function usageProblem(error: Error, names: readonly string[]): CliUsageError {
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(error.message);
  if (unknown) {
    const [, dashes, typed] = unknown;
    // A one-letter option is one edit from every other: only a word ("-format") gets a suggestion.
    const hint = dashes === '--' || typed.length > 1 ? didYouMean(typed, names, (name) => `--${name}`) : '';
    return new CliUsageError(`Unknown option '${dashes}${typed}'.${hint}`);
  }
  // "Option '--format <value>' argument missing" → "--format needs a value".
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missing) return new CliUsageError(`${missing[1]} needs a value.`);
  const unexpected = /^Unexpected argument '([^']*)'/.exec(error.message);
  if (unexpected) return new CliUsageError(`unexpected argument "${unexpected[1]}".`);
  return new CliUsageError(error.message.split('\n')[0]);
}

export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): DefinedCommand {
  const options = { ...spec.options, help: HELP_OPTION };
  const parserOptions = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) }]),
  );
  const names = Object.keys(options);
  const help = renderHelp(spec);
  return {
    help,
    async run(args: string[], io: CliIo): Promise<number> {
      let parsed;
      try {
        parsed = parseArgs({ args, options: parserOptions, allowPositionals: true, strict: true });
      } catch (error) {
        throw usageProblem(error as Error, names);
      }
      if (parsed.values.help) {
        io.stdout(help);
        return 0;
      }
      const count = parsed.positionals.length;
      if (count < spec.positionals.min || count > spec.positionals.max) throw new CliUsageError(spec.positionals.wrongCount);
      return spec.run({ values: parsed.values as OptionValues<O>, positionals: parsed.positionals }, io);
    },
  };
}
