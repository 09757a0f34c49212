import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isInside } from '../../core/inside';
import { lineAndColumn } from '../../core/location';
import { SecretStoreError, SECRET_KINDS, type SecretKind, type SecretStore } from './types';
import { cliRemedy } from '../../core/remedies';

type Entries = Record<string, Partial<Record<SecretKind, string>>>;

interface FileShape {
  connections: Entries;
}

/**
 * Where the CLI keeps secrets by default: $SFJOB_CREDENTIALS_FILE, else $XDG_CONFIG_HOME/sfjob/credentials.json,
 * else ~/.config/sfjob/credentials.json. Outside any workspace so it is never committed.
 */
export function defaultCredentialsFile(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  if (env.SFJOB_CREDENTIALS_FILE) return path.resolve(env.SFJOB_CREDENTIALS_FILE);
  const configHome = env.XDG_CONFIG_HOME || path.join(homeDir, '.config');
  return path.join(configHome, 'sfjob', 'credentials.json');
}

/** " (line L, column C)" where JSON.parse stopped, when its message says; never any of the text. */
function positionOf(error: unknown, text: string): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return '';
  const { line, column } = lineAndColumn(text, Number(match[1]));
  return ` (line ${line}, column ${column})`;
}


/**
 * Secrets in a JSON file only its owner can read (mode 0600). Every write replaces the file atomically
 * (a fresh 0600 temporary file renamed over it), so a crash never leaves a half-written or wider-open file.
 */
export class CredentialsFileStore implements SecretStore {
  readonly description: string;
  readonly writable = true;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    options: { workspaceRoot?: string } = {},
  ) {
    this.description = `credentials file ${file}`;
    if (options.workspaceRoot && isInside(path.resolve(file), path.resolve(options.workspaceRoot))) {
      throw new SecretStoreError(
        `The credentials file ${file} is inside the workspace ${options.workspaceRoot}, where it could be committed. Point SFJOB_CREDENTIALS_FILE outside the workspace (the default is ~/.config/sfjob/credentials.json).`,
      );
    }
  }

  async get(connectionName: string, kind: SecretKind): Promise<string | undefined> {
    const entries = await this.read();
    const value = entries[connectionName]?.[kind];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  async set(connectionName: string, kind: SecretKind, value: string): Promise<void> {
    await this.update((entries) => {
      entries[connectionName] = { ...entries[connectionName], [kind]: value };
    });
  }

  async delete(connectionName: string, kind: SecretKind): Promise<void> {
    await this.update((entries) => {
      const entry = entries[connectionName];
      if (!entry) return;
      delete entry[kind];
      if (Object.keys(entry).length === 0) delete entries[connectionName];
    });
  }

  /** Which kinds a connection has saved here, for status output; never the values. */
  async kindsOf(connectionName: string): Promise<SecretKind[]> {
    const entry = (await this.read())[connectionName] ?? {};
    return SECRET_KINDS.filter((kind) => typeof entry[kind] === 'string' && entry[kind] !== '');
  }

  private update(change: (entries: Entries) => void): Promise<void> {
    // Writes in one process are serialized so two token refreshes cannot lose each other's update.
    const next = this.queue.then(async () => {
      const entries = await this.read();
      change(entries);
      await this.write({ connections: entries });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Entries> {
    let stat;
    try {
      stat = await fs.stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new SecretStoreError(`Cannot read the credentials file ${this.file}: ${(error as Error).message}.`);
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new SecretStoreError(
        `The credentials file ${this.file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). Run "chmod 600 ${this.file}" and authorize again if you think a token leaked.`,
      );
    }
    let parsed: unknown;
    const text = await fs.readFile(this.file, 'utf8');
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // The parser's own message quotes the text around the mistake, which here is a secret: only the
      // position is shown.
      throw new SecretStoreError(`The credentials file ${this.file} is not valid JSON${positionOf(error, text)}. Delete it and run ${cliRemedy('authorize')} again.`);
    }
    const connections = (parsed as Partial<FileShape> | null)?.connections;
    if (!connections || typeof connections !== 'object') return {};
    return connections;
  }

  private async write(shape: FileShape): Promise<void> {
    const dir = path.dirname(this.file);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = path.join(dir, `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(shape, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // The umask may have narrowed the mode further, never widened it; chmod makes it exactly 0600.
      await fs.chmod(temporary, 0o600);
      await fs.rename(temporary, this.file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw new SecretStoreError(`Cannot write the credentials file ${this.file}: ${(error as Error).message}.`);
    }
  }
}
