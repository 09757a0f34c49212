/**
 * The Salesforce layer's public face. Nothing imported here loads jsforce: only connect() and authorize()
 * reach it, through a dynamic import, when a command actually talks to an org.
 */
export { connect, authorize, createCliSecretStore, type ConnectOptions } from './connect';
export { loadConnections, getConnection, findConnectionsFile, loginUrlOf, parseConnectionsText, ConnectionConfigError, CONNECTIONS_FILE_NAME, type LoadedConnections, type NamedConnection } from './connections/load';
export { expiryStatus, assertNotExpired, CredentialExpiredError, DEFAULT_NOTIFY_DAYS_BEFORE, type ExpiryStatus, type ExpiryState } from './connections/expiry';
export { AuthError, networkCodeOf, translateAuthError, type AuthErrorContext } from './auth/errors';
export { EnvSecretStore, secretEnvVar } from './secrets/env-store';
export { CredentialsFileStore, defaultCredentialsFile } from './secrets/credentials-file';
export { LayeredSecretStore } from './secrets/layered-store';
export { redactSecrets } from './secrets/redact';
export { SECRET_KINDS, SecretStoreError, type SecretKind, type SecretStore } from './secrets/types';
export { testConnection, ConnectionCheckError, type ConnectionCheck } from './session/test-connection';
export type { AuthorizedConnection, InteractiveSignIn } from './session/types';
export { connectionStatuses, REQUIRED_SECRETS, type ConnectionStatus } from './connections/status';
export * from './online/index';
export { readSecret } from './secrets/read-secret';
export { errorCodeOf } from './retrieve/errors';
