/** The secrets a connection may need; none of them ever goes into a file in the workspace. */
export const SECRET_KINDS = ['clientSecret', 'password', 'securityToken', 'refreshToken', 'accessToken', 'instanceUrl'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/**
 * Where secrets live: environment variables (read-only), a user-only credentials file, or VS Code's
 * SecretStorage. Methods are async because SecretStorage is.
 */
export interface SecretStore {
  /** Shown to people ("environment variables", "credentials file ~/.config/sfjob/credentials.json"). */
  readonly description: string;
  /** False for stores that cannot keep what an authorization produces (environment variables). */
  readonly writable: boolean;
  get(connectionName: string, kind: SecretKind): Promise<string | undefined>;
  set(connectionName: string, kind: SecretKind, value: string): Promise<void>;
  delete(connectionName: string, kind: SecretKind): Promise<void>;
}

/** Raised when a store cannot be used as it is (wrong file mode, unreadable file, read-only store). */
export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}
