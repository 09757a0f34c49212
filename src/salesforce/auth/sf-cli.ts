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

interface SfJsonOutput {
  status?: number;
  name?: string;
  message?: string;
  result?: { accessToken?: string; instanceUrl?: string; username?: string; id?: string; orgId?: string; apiVersion?: string };
}

interface SfCliOptions {
  env?: NodeJS.ProcessEnv | undefined;
  timeoutMs?: number;
  command?: string | undefined;
  platform?: NodeJS.Platform;
}

/** What one `sf` command printed: its JSON (when it printed JSON) and the first line of its error output. */
interface SfAnswer {
  output?: SfJsonOutput;
  stderr: string;
}

const SHOW_TOKEN = ['org', 'auth', 'show-access-token', '--json', '--target-org'];
const DISPLAY = ['org', 'display', '--json', '--target-org'];

/**
 * The session the Salesforce CLI holds for an org. Current CLIs (2.x since late 2025) print the token
 * only through `sf org auth show-access-token --json` and redact it in `sf org display`; older ones
 * have no such command, so `sf org display --json` is asked next. Both run without a shell on Linux and
 * macOS, so the alias is never interpreted. The CLI refreshes its own tokens, so calling this again is
 * how an expired session is renewed.
 */
export async function sfOrgDisplay(alias: string, options: SfCliOptions = {}): Promise<SfCliOrg> {
  const windows = (options.platform ?? process.platform) === 'win32';
  // On Windows the CLI is installed as sf.cmd, which Node runs only through cmd.exe. The alias is then
  // limited to characters cmd.exe gives no meaning to, so it still cannot be interpreted.
  const command = options.command ?? (windows ? 'sf.cmd' : 'sf');
  if (windows && !/^[A-Za-z0-9_.@-]+$/.test(alias)) {
    throw new SfCliError(`The sfCliAlias "${alias}" has characters that cannot be passed to the Salesforce CLI safely on Windows; use the org's alias or username (letters, digits, "_", ".", "@", "-").`, 'SF_CLI_ALIAS_UNSAFE');
  }
  const run = (args: string[]): Promise<SfAnswer> => runSf(command, [...args, alias], alias, options, windows);
  const shown = await run(SHOW_TOKEN);
  const fromShow = usableOrg(shown.output);
  if (fromShow) return fromShow;
  if (isNoAuth(shown.output)) throw notAuthorized(alias, shown);
  const displayed = await run(DISPLAY);
  const fromDisplay = usableOrg(displayed.output);
  if (fromDisplay) return fromDisplay;
  const token = displayed.output?.result?.accessToken;
  if (displayed.output?.status === 0 && typeof token === 'string' && displayed.output.result?.instanceUrl) {
    // The CLI answered but its token cannot be used: redacted by a current CLI whose show-access-token
    // failed, or not a token at all.
    const why = isRedacted(token) ? 'prints the access token redacted' : 'printed an access token that cannot be used';
    throw new SfCliError(
      `The Salesforce CLI ${why} for org "${alias}" ("sf org display"), and "sf org auth show-access-token" gave none (${reasonOf(shown)}). Run "sf org auth show-access-token --target-org ${alias}" to see why; update the Salesforce CLI ("sf update") if it does not know that command, or log in again with "sf org login web --alias ${alias}".`,
      isRedacted(token) ? 'SF_CLI_TOKEN_REDACTED' : 'SF_CLI_TOKEN_UNUSABLE',
    );
  }
  throw notAuthorized(alias, displayed);
}

/** A token the CLI hid ("[REDACTED] Use 'sf org auth show-access-token' to view") rather than printed. */
function isRedacted(token: string): boolean {
  return /redacted|show-access-token/i.test(token);
}

/** A bearer token is one word of printable characters; anything else (empty, a redaction note, a sentence) is not a session. */
function usableOrg(output: SfJsonOutput | undefined): SfCliOrg | undefined {
  const result = output?.result;
  if (output?.status !== 0 || !result) return undefined;
  const { accessToken, instanceUrl } = result;
  if (typeof accessToken !== 'string' || typeof instanceUrl !== 'string' || !/^https?:\/\/\S+$/.test(instanceUrl)) return undefined;
  if (isRedacted(accessToken) || !/^[\x21-\x7e]+$/.test(accessToken)) return undefined;
  const orgId = result.orgId ?? result.id;
  return {
    accessToken,
    instanceUrl,
    ...(typeof result.username === 'string' ? { username: result.username } : {}),
    ...(typeof orgId === 'string' ? { orgId } : {}),
    ...(typeof result.apiVersion === 'string' ? { apiVersion: result.apiVersion } : {}),
  };
}

function isNoAuth(output: SfJsonOutput | undefined): boolean {
  return output !== undefined && output.status !== 0 && /NoAuthInfo|NamedOrgNotFound|NoOrgFound/i.test(`${output.name ?? ''}`);
}

function reasonOf(answer: SfAnswer): string {
  const output = answer.output;
  if (output && output.status !== 0) return `${output.name ?? 'SF_CLI_FAILED'}: ${output.message ?? 'no message'}`;
  return answer.stderr || 'no usable JSON output';
}

function notAuthorized(alias: string, answer: SfAnswer): SfCliError {
  const name = answer.output?.name ?? 'SF_CLI_FAILED';
  return new SfCliError(
    `The Salesforce CLI has no usable session for org "${alias}" (${name}: ${answer.output?.message ?? (answer.stderr || 'no usable JSON output')}). Run "sf org login web --alias ${alias}" (add --instance-url for a My Domain or sandbox), then try again.`,
    name,
  );
}

function runSf(command: string, args: string[], alias: string, options: SfCliOptions, windows: boolean): Promise<SfAnswer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true, shell: windows }, (error, stdout, stderr) => {
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
        reject(new SfCliError(`"sf ${args.slice(0, -3).join(' ')}" did not finish in time for org "${alias}". Run it yourself to see what it waits for.`, 'SF_CLI_TIMEOUT'));
        return;
      }
      const output = parseOutput(String(stdout));
      resolve({ ...(output ? { output } : {}), stderr: String(stderr).trim().split('\n')[0] ?? '' });
    });
  });
}

function parseOutput(stdout: string): SfJsonOutput | undefined {
  try {
    const value = JSON.parse(stdout) as unknown;
    return typeof value === 'object' && value !== null ? (value as SfJsonOutput) : undefined;
  } catch {
    return undefined;
  }
}
