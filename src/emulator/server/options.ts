import type { RecordCounts } from '../org/types';

/** How an emulator is started; every field is optional and falls back to EMULATOR_DEFAULTS. */
export interface EmulatorOptions {
  /** 0 picks a free port; the CLI's default is 4510. */
  port?: number;
  /** Only 127.0.0.1 is served unless a caller deliberately says otherwise. */
  host?: string;
  seed?: number;
  records?: RecordCounts;
  dataDir?: string;
  /** Lifetime of an access token; after it the API answers 401 INVALID_SESSION_ID. */
  tokenTtlSeconds?: number;
  /** Calls allowed per day (DailyApiRequests.Max); the next one answers 403 REQUEST_LIMIT_EXCEEDED. */
  apiDailyLimit?: number;
  /** When true a refresh_token grant hands out a new refresh token and retires the old one. */
  rotateRefreshTokens?: boolean;
  /** PEM certificate (or public key) of the connected app; the jwt-bearer grant is refused without it. */
  jwtCertificate?: string;
  /** When true the authorize endpoint insists on a PKCE code_challenge, as "Require PKCE" does. */
  requirePkce?: boolean;
  /** When set, the password grant wants the password with this token appended, as Salesforce does off trusted IP ranges. */
  securityToken?: string;
  /** Grant types the connected app or org has turned off (e.g. 'password'); they answer unsupported_grant_type. */
  disabledGrants?: string[];
  /** false: the client credentials flow is on but the connected app has no Run As user. */
  clientCredentialsUser?: boolean;
  /** How long an unused query locator stays valid. */
  locatorTtlSeconds?: number;
  /** The clock for tokens, generated data and relative date literals. */
  now?: () => Date;
}

export const EMULATOR_DEFAULTS = {
  port: 4510,
  host: '127.0.0.1',
  clientId: 'sfjob-local-app',
  clientSecret: 'local-client-secret',
  username: 'integration@sfjob.local',
  password: 'local-password',
  tokenTtlSeconds: 2 * 60 * 60,
  apiDailyLimit: 15_000,
  locatorTtlSeconds: 15 * 60,
} as const;

/**
 * API versions the emulator answers, oldest first: those of an org on the Summer '25 release (v64.0), which
 * retired versions 21.0 to 30.0 (7.0 to 20.0 went in Summer '22). A retired version answers 410 GONE; a
 * version that never existed or is newer than the org answers 404 NOT_FOUND.
 */
export const API_VERSIONS: readonly string[] = Array.from({ length: 64 - 31 + 1 }, (_, i) => `${31 + i}.0`);

/** Versions Salesforce once served and has retired: 7.0 through 30.0. */
export function isRetiredApiVersion(version: string): boolean {
  const match = /^(\d+)\.0$/.exec(version);
  const major = match ? Number(match[1]) : NaN;
  return major >= 7 && major <= 30;
}

export const LATEST_API_VERSION = API_VERSIONS[API_VERSIONS.length - 1];

export interface ServerConfig {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  securityToken: string;
  tokenTtlMs: number;
  apiDailyLimit: number;
  rotateRefreshTokens: boolean;
  jwtCertificate: string | undefined;
  requirePkce: boolean;
  disabledGrants: ReadonlySet<string>;
  clientCredentialsUser: boolean;
  locatorTtlMs: number;
  now: () => Date;
}

export function resolveServerConfig(options: EmulatorOptions): ServerConfig {
  return {
    clientId: EMULATOR_DEFAULTS.clientId,
    clientSecret: EMULATOR_DEFAULTS.clientSecret,
    username: EMULATOR_DEFAULTS.username,
    password: EMULATOR_DEFAULTS.password,
    securityToken: options.securityToken ?? '',
    tokenTtlMs: (options.tokenTtlSeconds ?? EMULATOR_DEFAULTS.tokenTtlSeconds) * 1000,
    apiDailyLimit: options.apiDailyLimit ?? EMULATOR_DEFAULTS.apiDailyLimit,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    jwtCertificate: options.jwtCertificate,
    requirePkce: options.requirePkce ?? false,
    disabledGrants: new Set(options.disabledGrants ?? []),
    clientCredentialsUser: options.clientCredentialsUser ?? true,
    locatorTtlMs: (options.locatorTtlSeconds ?? EMULATOR_DEFAULTS.locatorTtlSeconds) * 1000,
    now: options.now ?? (() => new Date()),
  };
}
