import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSettings, type FaultSettings } from '../../emulator/server/faults';
import { CliUsageError, type CliIo, type Command } from '../command';

const HELP = `usage: sfjob emulator [--port P] [--seed S] [--records chats=N,cases=N,sms=N,surveys=N] [--data DIR] [--json]
                      [--token-ttl SECONDS] [--api-limit N] [--delay-ms N] [--faults JSON|@FILE]
                      [--jwt-cert FILE] [--rotate-refresh-tokens] [--require-pkce] [--security-token T]

Serves a local Salesforce org on 127.0.0.1 (OAuth, REST query and describe, Bulk API 2.0 queries,
faults on demand) until Ctrl+C. --port 0 picks a free port (default 4510). With --json the first
line on stdout is {"url","clientId","clientSecret","username","password"}. See docs/emulator.md.
`;

const OPTIONS = {
  port: { type: 'string' },
  seed: { type: 'string' },
  records: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
  'token-ttl': { type: 'string' },
  'api-limit': { type: 'string' },
  'delay-ms': { type: 'string' },
  faults: { type: 'string' },
  'jwt-cert': { type: 'string' },
  'rotate-refresh-tokens': { type: 'boolean' },
  'require-pkce': { type: 'boolean' },
  'security-token': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
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

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({ args, options: OPTIONS, strict: true }));
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n${HELP}`);
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
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
};
