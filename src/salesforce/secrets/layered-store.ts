import { SecretStoreError, type SecretKind, type SecretStore } from './types';

/**
 * Several stores read in order (the first that has a value wins), written to the first writable one.
 * The CLI uses environment variables over the credentials file, so CI can override a saved token.
 */
export class LayeredSecretStore implements SecretStore {
  readonly description: string;
  readonly writable: boolean;

  constructor(private readonly layers: readonly SecretStore[]) {
    this.description = layers.map((layer) => layer.description).join(', then ');
    this.writable = layers.some((layer) => layer.writable);
  }

  async get(connectionName: string, kind: SecretKind): Promise<string | undefined> {
    for (const layer of this.layers) {
      const value = await layer.get(connectionName, kind);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Which layer holds the value, for status output ("from environment variables"). */
  async sourceOf(connectionName: string, kind: SecretKind): Promise<string | undefined> {
    for (const layer of this.layers) {
      if ((await layer.get(connectionName, kind)) !== undefined) return layer.description;
    }
    return undefined;
  }

  async set(connectionName: string, kind: SecretKind, value: string): Promise<void> {
    const target = this.layers.find((layer) => layer.writable);
    if (!target) throw new SecretStoreError(`No writable secret store for ${kind} of "${connectionName}" (${this.description}).`);
    await target.set(connectionName, kind, value);
  }

  async delete(connectionName: string, kind: SecretKind): Promise<void> {
    for (const layer of this.layers) if (layer.writable) await layer.delete(connectionName, kind);
  }
}
