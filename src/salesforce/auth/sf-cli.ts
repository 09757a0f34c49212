import { execFile } from 'node:child_process';

export interface SfCliOrg {
  accessToken: string;
  instanceUrl: string;
  username?: string;
  orgId?: string;
  apiVersion?: string;
}

/** The Salesforce CLI could not hand over an org: not installed, not authorized, or it answered nonsense. */
export class SfCliError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
    this.name = 'SfCliError';
  }
}

interface SfDisplayOutput {
  status?: number;
  name?: string;
  message?: string;
  result?: { accessToken?: string; instanceUrl?: string; username?: string; id?: string; apiVersion?: string };
}

function parseOutput(stdout: string): SfDisplayOutput | undefined {
  try {
    return JSON.parse(stdout) as SfDisplayOutput;
  } catch {
    return undefined;
  }
}

/**
 * Runs `sf org display --json --target-org ALIAS` (no shell on Linux and macOS, so the alias is never interpreted) and returns
 * the session the Salesforce CLI holds for that org. The CLI refreshes its own tokens, so calling this
 * again is how an expired session is renewed.
 */
export function sfOrgDisplay(alias: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; command?: string; platform?: NodeJS.Platform } = {}): Promise<SfCliOrg> {
  // On Windows the CLI is installed as sf.cmd, which Node runs only through cmd.exe. The alias is then
  // limited to characters cmd.exe gives no meaning to, so it still cannot be interpreted.
  const windows = (options.platform ?? process.platform) === 'win32';
  const command = options.command ?? (windows ? 'sf.cmd' : 'sf');
  if (windows && !/^[A-Za-z0-9_.@-]+$/.test(alias)) {
    return Promise.reject(new SfCliError(`The sfCliAlias "${alias}" has characters that cannot be passed to the Salesforce CLI safely on Windows; use the org's alias or username (letters, digits, "_", ".", "@", "-").`, 'SF_CLI_ALIAS_UNSAFE'));
  }
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ['org', 'display', '--json', '--target-org', alias],
      { env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true, shell: windows },
      (error, stdout, stderr) => {
        const spawnCode = (error as NodeJS.ErrnoException | null)?.code;
        if (spawnCode === 'ENOENT') {
          reject(
            new SfCliError(
              `The Salesforce CLI ("${command}") is not installed or not on PATH. Install it (https://developer.salesforce.com/tools/salesforcecli) and run "sf org login web --alias ${alias}", or choose another flow for this connection.`,
              'SF_CLI_NOT_FOUND',
            ),
          );
          return;
        }
        if (error && (error as { killed?: boolean }).killed) {
          reject(new SfCliError(`"sf org display" did not finish in time for org "${alias}". Run it yourself to see what it waits for.`, 'SF_CLI_TIMEOUT'));
          return;
        }
        const output = parseOutput(String(stdout));
        const result = output?.result;
        if (!output || output.status !== 0 || !result?.accessToken || !result.instanceUrl) {
          const reason = output?.message ?? (String(stderr).trim().split('\n')[0] || 'no usable JSON output');
          const name = output?.name ?? 'SF_CLI_FAILED';
          reject(
            new SfCliError(
              `The Salesforce CLI has no usable session for org "${alias}" (${name}: ${reason}). Run "sf org login web --alias ${alias}" (add --instance-url for a My Domain or sandbox), then try again.`,
              name,
            ),
          );
          return;
        }
        const orgId = result.id;
        resolve({ accessToken: result.accessToken, instanceUrl: result.instanceUrl, username: result.username, orgId, apiVersion: result.apiVersion });
      },
    );
  });
}
