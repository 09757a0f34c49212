import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFaultSettings, type FaultSettings } from '../../emulator/server/faults';
import { CliUsageError } from '../command';
import { defineCommand } from '../define';
import type { EmulatorHandle } from '../../emulator/index';


const OPTIONS = {
  port: { type: 'string', value: 'P', help: 'listen on port P of 127.0.0.1 (default 4510; 0 picks a free one)' },
  seed: { type: 'string', value: 'S', help: 'seed of the generated records (the same seed, the same org)' },
  records: { type: 'string', value: 'COUNTS', help: 'how many records to generate: chats=N,cases=N,sms=N,surveys=N' },
  data: { type: 'string', value: 'DIR', help: 'load your own records from DIR (see docs/emulator-data.md)' },
  json: { type: 'boolean', help: 'print {"url","clientId","clientSecret","username","password"} as the first line' },
  'token-ttl': { type: 'string', value: 'SECONDS', help: 'lifetime of an access token' },
  'api-limit': { type: 'string', value: 'N', help: 'API calls allowed per day' },
  'delay-ms': { type: 'string', value: 'N', help: 'answer every request N ms late' },
  faults: { type: 'string', value: 'JSON|@FILE', help: 'faults to inject, e.g. {"rules":[{"action":"error","status":503,"nth":3}]}' },
  'jwt-cert': { type: 'string', value: 'FILE', help: 'certificate of the connected app, for the JWT bearer flow' },
  'rotate-refresh-tokens': { type: 'boolean', help: 'hand out a new refresh token on each refresh' },
  'require-pkce': { type: 'boolean', help: 'insist on PKCE in the authorization code flow' },
  'security-token': { type: 'string', value: 'T', help: 'want the password with this token appended, as Salesforce does off trusted IPs' },
} as const;

const RECORD_KINDS = ['chats', 'cases', 'sms', 'surveys'] as const;

function wholeNumber(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new CliUsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

/** --records chats=500,cases=200 → { chats: 500, cases: 200 }. */
export function parseRecordCounts(text: string): Partial<Record<(typeof RECORD_KINDS)[number], number>> {
  const counts: Partial<Record<(typeof RECORD_KINDS)[number], number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, count] = part.split('=');
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) {
      throw new CliUsageError(`--records: unknown kind "${kind}"; use ${RECORD_KINDS.map((k) => `${k}=N`).join(',')}`);
    }
    counts[kind as (typeof RECORD_KINDS)[number]] = wholeNumber(`records ${kind}`, count ?? '', 0, 5_000_000);
  }
  return counts;
}

function readFaults(text: string, cwd: string): FaultSettings {
  const source = text.startsWith('@') ? readTextFile(path.resolve(cwd, text.slice(1)), '--faults') : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    throw new CliUsageError('--faults must be JSON (or @file holding JSON), e.g. {"rules":[{"action":"error","status":503,"nth":3}]}');
  }
  const parsed = parseFaultSettings(value);
  if (!parsed.ok) throw new CliUsageError(`--faults: ${parsed.message}; see docs/emulator.md`);
  return parsed.settings;
}

function readTextFile(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A value as the shell reads it back unchanged: bare when it is plain, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * How sfjob reaches this org: the secrets of the connection named "local" (as in the example workspace)
 * as one line to paste into the shell that runs sfjob, and that connection's entry with this org's URL.
 */
export function connectionHint(emulator: Pick<EmulatorHandle, 'url' | 'clientId' | 'clientSecret' | 'username' | 'password' | 'securityToken'>): string[] {
  const secrets = [`SFJOB_LOCAL_CLIENT_SECRET=${shellWord(emulator.clientSecret)}`, `SFJOB_LOCAL_PASSWORD=${shellWord(emulator.password)}`];
  if (emulator.securityToken) secrets.push(`SFJOB_LOCAL_SECURITY_TOKEN=${shellWord(emulator.securityToken)}`);
  const entry = { environmentUrl: emulator.url, flow: 'password', clientId: emulator.clientId, username: emulator.username };
  return [
    'For the connection "local" (examples/sfjob.connections.json), in the shell that runs sfjob:',
    `  export ${secrets.join(' ')}`,
    'with this entry under "connections" in sfjob.connections.json:',
    `  "local": ${JSON.stringify(entry, null, 1).replace(/\n\s*/g, ' ')}`,
  ];
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const command = defineCommand({
  name: 'emulator',
  usage: [
    'emulator [--port P] [--seed S] [--records chats=N,cases=N,sms=N,surveys=N] [--data DIR] [--json]',
    '         [--token-ttl SECONDS] [--api-limit N] [--delay-ms N] [--faults JSON|@FILE]',
    '         [--jwt-cert FILE] [--rotate-refresh-tokens] [--require-pkce] [--security-token T]',
  ],
  about: `
Serves a local Salesforce org on 127.0.0.1 (OAuth, REST query and describe, Bulk API 2.0 queries,
faults on demand) until Ctrl+C, with generated records and fixed, public credentials. It prints the
"export" line that gives the example connection "local" its secrets. See docs/emulator.md.`,
  options: OPTIONS,
  positionals: { min: 0, max: 0, wrongCount: 'takes no arguments, only options.' },
  examples: ['sfjob emulator --port 4600 --records cases=500'],
  exitCodes: '0 stopped with Ctrl+C, 1 it could not start (a port in use), 2 bad usage.',
  async run({ values }, io) {
    const faults = values.faults === undefined ? undefined : readFaults(values.faults, io.cwd);
    const options = {
      port: wholeNumber('port', values.port, 0, 65535) ?? 4510,
      seed: wholeNumber('seed', values.seed, 0),
      records: values.records === undefined ? undefined : parseRecordCounts(values.records),
      dataDir: values.data === undefined ? undefined : path.resolve(io.cwd, values.data),
      tokenTtlSeconds: wholeNumber('token-ttl', values['token-ttl'], 1),
      apiDailyLimit: wholeNumber('api-limit', values['api-limit'], 1),
      jwtCertificate: values['jwt-cert'] === undefined ? undefined : readTextFile(path.resolve(io.cwd, values['jwt-cert']), '--jwt-cert'),
      rotateRefreshTokens: values['rotate-refresh-tokens'],
      requirePkce: values['require-pkce'],
      securityToken: values['security-token'],
    };
    const delayMs = wholeNumber('delay-ms', values['delay-ms'], 0, 60_000);
    // The emulator pulls in the org generator and the SOQL engine; load them only for this command.
    const { startEmulator } = await import('../../emulator/index');
    let emulator;
    try {
      emulator = await startEmulator(options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`port ${options.port} on 127.0.0.1 is already in use: stop what holds it or pick another with --port (0 picks a free one)`);
      }
      throw error;
    }
    if (faults !== undefined) emulator.faults.set(faults);
    if (delayMs !== undefined) emulator.faults.set({ delayMs });
    const stopped = nextStopSignal();
    const { url, clientId, clientSecret, username, password } = emulator;
    if (values.json) {
      io.stdout(JSON.stringify({ url, clientId, clientSecret, username, password }) + '\n');
      io.stderr(`sfjob emulator: serving ${url}; Ctrl+C to stop\n`);
    } else {
      const counts = emulator.org
        .describeGlobal()
        .map((d) => [d.name, emulator.org.rows(d.name).length] as const)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      io.stdout(
        [
          `sfjob emulator: a local Salesforce org at ${url}`,
          `  login URL      ${url}`,
          `  client id      ${clientId}`,
          `  client secret  ${clientSecret}`,
          `  username       ${username}`,
          `  password       ${password}`,
          ...(emulator.securityToken ? [`  security token ${emulator.securityToken} (append it to the password)`] : []),
          `  org id         ${emulator.org.orgId}`,
          `  records        ${counts}`,
          `  control        ${url}/__emulator (faults, records; see docs/emulator.md)`,
          ...connectionHint(emulator),
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
    }
    const signal = await stopped;
    await emulator.close();
    if (!values.json) io.stderr(`sfjob emulator: stopped (${signal})\n`);
    return 0;
  },
});
