import * as os from 'node:os';
import { CliUsageError, type CliIo } from '../command';
import { defineCommand, type OptionValues } from '../define';
import { authStatus } from '../../app/auth-status';
import { signIn, type SignedIn } from '../../app/sign-in';
import { createCliSecretStore, ConnectionConfigError, getConnection, loadConnections, CredentialsFileStore, defaultCredentialsFile, readSecret, type ConnectionStatus, type SecretKind } from '../../salesforce';
import { plural } from '../../core/plural';


function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  return number;
}

function describeStatus(status: ConnectionStatus): string {
  const lines = [`${status.name}  (${status.flow}, ${status.loginUrl})`];
  lines.push(status.ready ? '  credentials: ready' : `  credentials: missing ${status.missing.join('; ')}`);
  for (const { kind, source } of status.present) lines.push(`    ${kind}: from ${source}`);
  const expiry = status.expiry;
  if (expiry.state === 'none') lines.push('  expiry: not declared');
  else if (expiry.state === 'ok') lines.push(`  expiry: ${expiry.date} (${plural(expiry.daysLeft ?? 0, 'day')} left)`);
  else lines.push(`  expiry: ${expiry.state === 'warn' ? 'WARNING' : 'EXPIRED'}: ${expiry.message}`);
  return lines.join('\n');
}

async function showStatus(io: CliIo, json: boolean): Promise<number> {
  let status;
  try {
    status = await authStatus(io.cwd, { secrets: (workspaceRoot) => createCliSecretStore(io.env, { workspaceRoot }) });
  } catch (error) {
    if (error instanceof ConnectionConfigError) throw new CliUsageError(error.message);
    throw error;
  }
  if (json) {
    io.stdout(JSON.stringify({ file: status.file, connections: status.connections }) + '\n');
  } else {
    io.stdout(`${status.file}\n\n${status.connections.map(describeStatus).join('\n\n') || 'No connections defined.'}\n`);
  }
  return status.anyExpired ? 1 : 0;
}

function loadOrUsage(cwd: string) {
  try {
    return loadConnections(cwd);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

function describeAuthorized({ connection, flow, check }: SignedIn, savedIn: string, checkOnly: boolean): string {
  const who = check.displayName ? `${check.username} (${check.displayName})` : (check.username ?? 'unknown user');
  const usage = check.apiUsage ? `${check.apiUsage.remaining.toLocaleString('en-US')} of ${check.apiUsage.limit.toLocaleString('en-US')} API requests left today` : 'API usage unknown';
  return [
    `${checkOnly ? 'Checked' : 'Authorized'} connection "${connection}" (${flow}).`,
    `  user:     ${who}`,
    `  org:      ${check.orgId ?? 'unknown'}`,
    `  instance: ${check.instanceUrl}`,
    `  API:      v${check.apiVersion}; ${usage}`,
    `  saved in: ${savedIn}`,
  ].join('\n');
}

async function authorizeOne(name: string, io: CliIo, values: OptionValues<typeof OPTIONS>): Promise<number> {
  const port = integerOption(values.port, 'port', 0, 65535);
  const timeoutSeconds = integerOption(values.timeout, 'timeout', 1, 24 * 60 * 60) ?? 300;
  const loaded = loadOrUsage(io.cwd);
  try {
    // An unknown name is bad usage (exit 2), not a failed authorization.
    getConnection(loaded, name);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const secrets = createCliSecretStore(io.env, { workspaceRoot: loaded.root });
  const fileStore = `credentials file ${defaultCredentialsFile(io.env, os.homedir())}`;
  const warnings: string[] = [];
  try {
    const signedIn = await signIn(name, {
      workspaceRoot: io.cwd,
      secrets,
      env: io.env,
      mode: values.check ? 'check' : 'authorize',
      progress: { warning: (message) => warnings.push(message) },
      // --check never opens a sign-in: it proves the saved credentials still work, as a run would use them.
      interactive: {
        port,
        timeoutMs: timeoutSeconds * 1000,
        openBrowser: async (url) => {
          io.stdout(`Open this address in a browser and sign in to Salesforce:\n\n  ${url}\n\nWaiting up to ${timeoutSeconds} s for the sign-in to come back…\n`);
        },
      },
    });
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    io.stdout(describeAuthorized(signedIn, fileStore, Boolean(values.check)) + '\n');
    return 0;
  } catch (error) {
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    // The use case masked every secret of the session in what it throws.
    io.stderr(`sfjob auth: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const OPTIONS = {
  port: { type: 'string', value: 'N', help: 'webServer: listen for the callback on port N instead of callbackPort' },
  timeout: { type: 'string', value: 'SECONDS', help: 'webServer: how long to wait for the sign-in (default 300)' },
  check: { type: 'boolean', help: 'use the saved credentials without signing in again, and show who they sign in as' },
  'set-secret': { type: 'string', value: 'KIND', help: 'save one secret (clientSecret, password, securityToken, refreshToken) in the\ncredentials file, read from standard input: typed without echo on a terminal,\nor the first line of a pipe (printf %s "$SECRET" | sfjob auth acme --set-secret clientSecret)' },
  status: { type: 'boolean', help: 'list every connection: flow, credentials present, expiry' },
  json: { type: 'boolean', help: 'with --status: one JSON object instead of text' },
} as const;

const SETTABLE: readonly SecretKind[] = ['clientSecret', 'password', 'securityToken', 'refreshToken'];

async function setSecret(name: string, kind: string, io: CliIo): Promise<number> {
  if (!(SETTABLE as readonly string[]).includes(kind)) throw new CliUsageError(`--set-secret takes one of ${SETTABLE.join(', ')}, not "${kind}".`);
  const loaded = loadOrUsage(io.cwd);
  try {
    getConnection(loaded, name);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const file = defaultCredentialsFile(io.env, os.homedir());
  const store = new CredentialsFileStore(file, { workspaceRoot: io.env.SFJOB_CREDENTIALS_FILE ? loaded.root : undefined });
  let value: string;
  try {
    value = await readSecret(process.stdin, io.stderr, `${kind} of connection "${name}"`);
  } catch (error) {
    throw new CliUsageError(`could not read the ${kind}: ${(error as Error).message}`);
  }
  if (value === '') throw new CliUsageError(`no ${kind} on standard input: type it, or pipe it in (printf %s "$SECRET" | sfjob auth ${name} --set-secret ${kind}).`);
  await store.set(name, kind as SecretKind, value);
  io.stdout(`Saved the ${kind} of connection "${name}" in credentials file ${file} (readable only by you).\n`);
  return 0;
}

export const command = defineCommand({
  name: 'auth',
  usage: ['auth <connection> [--port N] [--timeout SECONDS]', 'auth <connection> --check', 'auth <connection> --set-secret KIND < value', 'auth --status [--json]'],
  about: `
Authorizes a connection from sfjob.connections.json (found in the current folder or above) and saves
the resulting tokens in the credentials file (~/.config/sfjob/credentials.json, mode 0600, or
$SFJOB_CREDENTIALS_FILE). Secrets are read from environment variables (SFJOB_<NAME>_CLIENT_SECRET,
SFJOB_<NAME>_PASSWORD, SFJOB_<NAME>_SECURITY_TOKEN, SFJOB_<NAME>_REFRESH_TOKEN) or the credentials file.

  webServer   prints the sign-in URL and waits for the browser to come back to
              http://localhost:<callbackPort>/OauthRedirect (default port 1717)
  password, clientCredentials, jwt, sfCli
              signs in without a browser and checks the connection`,
  options: OPTIONS,
  positionals: { min: 0, max: 1, wrongCount: 'give exactly one connection name.' },
  examples: ['sfjob auth acme-prod', 'sfjob auth --status'],
  exitCodes: '0 authorized (or status listed), 1 authorization failed or a credential has expired,\n2 bad usage or unreadable connections file.',
  async run({ values, positionals }, io) {
    if (values.status) {
      if (positionals.length > 0) throw new CliUsageError('--status lists every connection; give no connection name with it.');
      return showStatus(io, Boolean(values.json));
    }
    if (positionals.length !== 1) throw new CliUsageError('give exactly one connection name.');
    if (values['set-secret'] !== undefined) {
      if (values.check || values.json || values.port !== undefined || values.timeout !== undefined) throw new CliUsageError('--set-secret goes alone with the connection name.');
      return setSecret(positionals[0], values['set-secret'], io);
    }
    if (values.json) throw new CliUsageError('--json goes with --status.');
    if (values.check && (values.port !== undefined || values.timeout !== undefined)) throw new CliUsageError('--check does not sign in, so --port and --timeout do not apply.');
    return authorizeOne(positionals[0], io, values);
  },
});
