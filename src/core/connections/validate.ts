import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics';
import { type Connection, type Flow, connectionsFileSchema } from '../job/connections-schema';
import { keySpan, spanAtPath } from '../job/locate';
import { parseDocument } from '../job/parse';
import { schemaDiagnostics } from '../job/schema-diagnostics';
import { secretDiagnostics } from '../secrets';
import { LineIndex } from '../text';
import { envPrefixClashes } from './env-names';
import { isInside } from '../inside';
import { cliRemedy } from '../remedies';

type RequiredKey = 'clientId' | 'username' | 'jwtKeyFile' | 'sfCliAlias' | 'environmentUrl';

/** What each flow cannot authorize without. */
const REQUIRED_BY_FLOW: Record<Flow, readonly RequiredKey[]> = {
  webServer: ['clientId'],
  password: ['clientId', 'username'],
  clientCredentials: ['clientId', 'environmentUrl'],
  jwt: ['clientId', 'username', 'jwtKeyFile'],
  sfCli: ['sfCliAlias'],
};

const WHY: Record<RequiredKey, string> = {
  clientId: "the connected app's consumer key",
  username: 'the integration user',
  jwtKeyFile: 'the path to the private key that signs the assertion, kept outside the workspace',
  sfCliAlias: 'the Salesforce CLI alias or username of an org it already authorized',
  environmentUrl: 'the My Domain URL, such as "https://acme.my.salesforce.com"',
};

const GENERIC_LOGIN_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

const DAY_MS = 24 * 60 * 60 * 1000;

function flowDiagnostics(name: string, connection: Connection, root: Node, lines: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const flowSpan = spanAtPath(root, ['connections', name, 'flow']);
  for (const key of REQUIRED_BY_FLOW[connection.flow]) {
    if (connection[key] !== undefined) continue;
    out.push({
      code: 'schema',
      severity: 'error',
      message: `Connection "${name}" uses the ${connection.flow} flow, which needs "${key}" (${WHY[key]}): add it to the connection.`,
      range: lines.rangeOf(flowSpan.start, flowSpan.end),
      data: { connection: name, key },
    });
  }
  if (connection.flow === 'clientCredentials' && connection.environmentUrl !== undefined) {
    const host = new URL(connection.environmentUrl).hostname.toLowerCase();
    if (GENERIC_LOGIN_HOSTS.has(host)) {
      const span = spanAtPath(root, ['connections', name, 'environmentUrl']);
      out.push({
        code: 'schema',
        severity: 'error',
        message: `Connection "${name}": the client credentials flow only works on the org's My Domain URL, not ${host}. Use e.g. "https://acme.my.salesforce.com".`,
        range: lines.rangeOf(span.start, span.end),
        data: { connection: name, key: 'environmentUrl' },
      });
    }
  }
  return out;
}

function expirationDiagnostics(name: string, connection: Connection, root: Node, lines: LineIndex, now: Date): Diagnostic[] {
  const expiration = connection.expiration;
  if (!expiration) return [];
  // The credential is good through the whole of its expiration date (UTC), and expired after it.
  const endOfDay = Date.parse(`${expiration.date}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(endOfDay)) return [];
  const span = spanAtPath(root, ['connections', name, 'expiration', 'date']);
  const range = lines.rangeOf(span.start, span.end);
  const remaining = endOfDay - now.getTime();
  if (remaining <= 0) {
    return [
      {
        code: 'credential-expired',
        severity: 'error',
        message: `The credential of connection "${name}" expired on ${expiration.date}: renew it in the connected app, authorize again with ${cliRemedy('authorize', name)}, then update expiration.date.`,
        range,
        data: { connection: name },
      },
    ];
  }
  const days = Math.ceil(remaining / DAY_MS);
  if (days <= (expiration.notifyDaysBefore ?? 14)) {
    return [
      {
        code: 'credential-expired',
        severity: 'warning',
        message: `The credential of connection "${name}" expires on ${expiration.date} (in ${days} day${days === 1 ? '' : 's'}): renew it before then.`,
        range,
        data: { connection: name },
      },
    ];
  }
  return [];
}

/** Connections whose names share SFJOB_<NAME>_… environment variables, flagged on the later name. */
function clashDiagnostics(names: readonly string[], root: Node, lines: LineIndex): Diagnostic[] {
  return envPrefixClashes(names).map((clash) => {
    const span = keySpan(root, ['connections'], clash.name) ?? spanAtPath(root, ['connections', clash.name]);
    return { code: 'schema', severity: 'error', message: clash.message, range: lines.rangeOf(span.start, span.end), data: { connection: clash.name, other: clash.other } };
  });
}

/** Without a known root only the path's own shape tells: relative and not climbing out means inside. */
function keyFileIsInside(keyFile: string, workspaceRoot: string | undefined): boolean {
  // "~/…" is the user's home folder (read so at run time too), the usual place for such keys.
  if (keyFile === '~' || keyFile.startsWith('~/')) return false;
  if (workspaceRoot !== undefined) return isInside(path.resolve(workspaceRoot, keyFile), path.resolve(workspaceRoot));
  if (path.isAbsolute(keyFile)) return false;
  const normalized = path.normalize(keyFile).replace(/\\/g, '/');
  return normalized !== '..' && !normalized.startsWith('../');
}

/**
 * A private key inside the workspace can be committed with it, like a credentials file there, so it is
 * refused. A relative path is read from the connections file's folder, which is the workspace root.
 */
function keyFileDiagnostic(name: string, connection: Connection, root: Node, lines: LineIndex, workspaceRoot: string | undefined): Diagnostic[] {
  if (connection.jwtKeyFile === undefined || !keyFileIsInside(connection.jwtKeyFile, workspaceRoot)) return [];
  const span = spanAtPath(root, ['connections', name, 'jwtKeyFile']);
  return [
    {
      code: 'secret-in-file',
      severity: 'error',
      message: `The jwtKeyFile of connection "${name}" is inside the workspace, where the private key could be committed. Move the key outside the workspace (for example ~/.config/sfjob/) and give its absolute path.`,
      range: lines.rangeOf(span.start, span.end),
      data: { connection: name, key: 'jwtKeyFile' },
    },
  ];
}

/**
 * Checks sfjob.connections.json: JSON, the schema, the keys each flow needs, names that would share
 * secrets, secrets written in it or kept inside the workspace, and expired credentials (only when `now`
 * is given). `workspaceRoot` is the file's (absolute) folder; without it a relative jwtKeyFile that does
 * not climb out still counts as inside.
 */
export function validateConnectionsFile(text: string, now?: Date, workspaceRoot?: string): Diagnostic[] {
  const lines = new LineIndex(text);
  const parsed = parseDocument(text, lines);
  if (parsed.syntaxErrors.length > 0 || !parsed.root) return parsed.syntaxErrors;
  const root = parsed.root;
  const diagnostics = secretDiagnostics(text, root, lines, 'connections file');
  const result = connectionsFileSchema.safeParse(parsed.value, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...schemaDiagnostics(result.error.issues, connectionsFileSchema, root, lines));
    return diagnostics;
  }
  diagnostics.push(...clashDiagnostics(Object.keys(result.data.connections), root, lines));
  for (const [name, connection] of Object.entries(result.data.connections)) {
    diagnostics.push(...flowDiagnostics(name, connection, root, lines));
    diagnostics.push(...keyFileDiagnostic(name, connection, root, lines, workspaceRoot));
    if (now) diagnostics.push(...expirationDiagnostics(name, connection, root, lines, now));
  }
  return diagnostics;
}
