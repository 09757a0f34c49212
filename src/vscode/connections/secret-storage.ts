import type { SecretKind, SecretStore } from '../../salesforce';
import { secretStorageKey } from '../command-ids';

/** The part of VS Code's SecretStorage this store uses (context.secrets). */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/**
 * Connection secrets in VS Code's SecretStorage (the OS keychain), under the same keys the
 * "Move Secret to Secret Storage" fix writes: sfjob.connection.<name>.<kind>.
 */
export class VsCodeSecretStore implements SecretStore {
  readonly description = "VS Code's secret storage";
  readonly writable = true;

  constructor(private readonly storage: SecretStorageLike) {}

  async get(connectionName: string, kind: SecretKind): Promise<string | undefined> {
    const value = await this.storage.get(secretStorageKey(connectionName, kind));
    return value === '' ? undefined : value;
  }

  async set(connectionName: string, kind: SecretKind, value: string): Promise<void> {
    await this.storage.store(secretStorageKey(connectionName, kind), value);
  }

  async delete(connectionName: string, kind: SecretKind): Promise<void> {
    await this.storage.delete(secretStorageKey(connectionName, kind));
  }
}
