import { JobFileError, type UseCaseOptions } from '../app/use-case';
import { durationMs } from '../core/run/window';
import { createCliSecretStore } from '../salesforce';
import { CliUsageError, type CliIo } from './command';

/**
 * What a CLI command gives a use case: the environment's and the credentials file's secrets, and the
 * use case's warnings as "sfjob <command>: …" lines on standard error. Progress steps are not shown:
 * scripts read standard error, and each command prints its own outcome.
 */
export function cliUseCaseOptions(io: CliIo, command: string, now: Date): UseCaseOptions {
  return {
    secrets: (workspaceRoot) => createCliSecretStore(io.env, { workspaceRoot }),
    env: io.env,
    now,
    progress: { warning: (message) => io.stderr(`sfjob ${command}: ${message}\n`) },
  };
}

/**
 * Runs a use case on job files; a job file that cannot be read is bad input (exit 2), named as shown
 * (the name given, or the one `shown` makes of the file's absolute path).
 */
export async function onJobFile<T>(shown: string | ((jobPath: string) => string), work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof JobFileError) throw new CliUsageError(`${typeof shown === 'string' ? shown : shown(error.jobPath)}: ${error.message}.`);
    throw error;
  }
}

/** `--max-age 12h` → milliseconds; bad usage for anything else. */
export function parseMaxAge(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return durationMs(value);
  } catch {
    throw new CliUsageError(`--max-age is a duration such as 90m, 12h or 7d, not "${value}".`);
  }
}
