/** What every CLI command receives and returns; tests call commands with an in-memory CliIo. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  version: string;
}

export interface Command {
  /** Returns the exit code: 0 fine, 1 errors found or the run failed, 2 bad usage or unreadable input. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad usage (unknown flag, missing argument, unreadable input): exit code 2. */
export class CliUsageError extends Error {}
