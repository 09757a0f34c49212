import * as fs from 'node:fs';
import * as path from 'node:path';
import { envPrefixClashes } from '../../core/connections/env-names';
import { validateConnectionsFile } from '../../core/connections/validate';
import { connectionsFileSchema, type Connection } from '../../core/job/connections-schema';
import { parseDocument } from '../../core/job/parse';
import { formatLocation } from '../../core/location';
import { LineIndex } from '../../core/text';
import { cliRemedy } from '../../core/remedies';

export const CONNECTIONS_FILE_NAME = 'sfjob.connections.json';

/** A problem with the connections file or a connection in it, worded for the person who edits the file. */
export class ConnectionConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ConnectionConfigError';
  }
}

export interface LoadedConnections {
  /** Absolute path of the sfjob.connections.json that was read. */
  file: string;
  /** The folder holding the file: relative paths in a connection (jwtKeyFile) are resolved against it. */
  root: string;
  connections: Record<string, Connection>;
}

export interface NamedConnection {
  name: string;
  file: string;
  root: string;
  connection: Connection;
}

/** The nearest sfjob.connections.json at or above `fromDir`, as the workspace root is where users keep it. */
export function findConnectionsFile(fromDir: string): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, CONNECTIONS_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The first problem that stops the file from loading, located by the same checks `sfjob validate` and the
 * editor run (1-based line and column, as the CLI prints them).
 */
function firstBlockingProblem(text: string, file: string): string | undefined {
  const problem = validateConnectionsFile(text, new Date()).find((d) => d.severity === 'error' && (d.code === 'json-syntax' || d.code === 'schema'));
  if (!problem) return undefined;
  return `${formatLocation(file, problem.range.start)}: ${problem.message} (${cliRemedy('validate', path.basename(file))} lists every problem.)`;
}

/** Parses and validates the text of a connections file; `file` only names it in messages. */
export function parseConnectionsText(text: string, file: string): LoadedConnections {
  // The same depth-guarded parse as the checks, so a hostile file is refused instead of exhausting the stack.
  const lines = new LineIndex(text);
  const document = parseDocument(text, lines);
  if (document.syntaxErrors.length > 0) {
    const [first] = document.syntaxErrors;
    throw new ConnectionConfigError(
      `${formatLocation(file, first.range.start)}: ${first.message} (${cliRemedy('validate', path.basename(file))} lists every problem.)`,
      file,
    );
  }
  const result = connectionsFileSchema.safeParse(document.value);
  if (!result.success) {
    const located = firstBlockingProblem(text, file);
    if (located) throw new ConnectionConfigError(located, file);
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    throw new ConnectionConfigError(
      `${file}: ${where}: ${issue.message}. Run ${cliRemedy('validate', path.basename(file))} to see every problem with its line.`,
      file,
    );
  }
  // Two names that share environment variables would let one connection read the other's secrets.
  const [clash] = envPrefixClashes(Object.keys(result.data.connections));
  if (clash) throw new ConnectionConfigError(`${file}: ${clash.message}`, file);
  return { file, root: path.dirname(file), connections: result.data.connections };
}

/** Reads the connections file that applies to `fromDir` (walking up to the nearest one). */
export function loadConnections(fromDir: string): LoadedConnections {
  const file = findConnectionsFile(fromDir);
  if (!file) {
    throw new ConnectionConfigError(
      `No ${CONNECTIONS_FILE_NAME} found in ${path.resolve(fromDir)} or any folder above it. Create one at the workspace root with a "connections" object (see docs/connections.md).`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConnectionConfigError(`${file}: cannot read the connections file (${(error as Error).message}).`, file);
  }
  return parseConnectionsText(text, file);
}

/** One connection by name, with an error that lists the names the file does have. */
export function getConnection(loaded: LoadedConnections, name: string): NamedConnection {
  const connection = Object.prototype.hasOwnProperty.call(loaded.connections, name) ? loaded.connections[name] : undefined;
  if (!connection) {
    const known = Object.keys(loaded.connections);
    const list = known.length > 0 ? `Known connections: ${known.join(', ')}.` : 'The file defines no connections yet.';
    throw new ConnectionConfigError(`${loaded.file}: no connection named "${name}". ${list} Add it under "connections" or fix the name.`, loaded.file);
  }
  return { name, file: loaded.file, root: loaded.root, connection };
}

export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/**
 * The host OAuth requests go to: environmentUrl (a My Domain, or the local emulator) wins, otherwise the
 * generic production or sandbox login host. The result never ends with a slash.
 */
export function loginUrlOf(connection: Connection): string {
  if (connection.environmentUrl) return connection.environmentUrl.replace(/\/+$/, '');
  return connection.testEnvironment ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
}
