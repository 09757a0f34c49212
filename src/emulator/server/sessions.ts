import { randomBytes } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';

/**
 * Every secret the emulator hands out (access and refresh tokens, authorization codes, and the
 * configured client secret and password) is published here as a string. Nothing listens in normal use,
 * which costs nothing; a test suite subscribes to prove that none of them ends up in a file or a log.
 */
export const SECRET_CHANNEL = 'sfjob:emulator:secret';
const secrets = channel(SECRET_CHANNEL);

export function announceSecret(value: string): void {
  if (value !== '' && secrets.hasSubscribers) secrets.publish(value);
}

/** One signed-in API session: what an access token stands for. */
export interface Session {
  /** Locators are tied to this id, so a refreshed token cannot read an old session's locator. */
  readonly id: string;
  readonly accessToken: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly issuedAt: number;
  expiresAt: number;
  /** The refresh token this session came from, so revoking that token ends the session too. */
  readonly refreshToken: string | undefined;
}

interface RefreshGrant {
  userId: string;
  clientId: string;
  scope: string;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  codeChallenge: string | undefined;
  expiresAt: number;
}

/** Authorization codes are good for 15 minutes and one use, as Salesforce's are. */
const CODE_TTL_MS = 15 * 60 * 1000;
/** Past this many open sessions, expired ones are swept out when the next one opens. */
const SWEEP_THRESHOLD = 1000;

/**
 * Access tokens, refresh tokens and authorization codes of one emulator. Nothing is persisted:
 * a restarted emulator forgets every token, as a real org forgets revoked ones.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    private readonly orgId: string,
    private readonly tokenTtlMs: number,
    private readonly now: () => Date,
  ) {}

  open(userId: string, clientId: string, scope: string, refreshToken?: string): Session {
    const issuedAt = this.now().getTime();
    if (this.sessions.size >= SWEEP_THRESHOLD) {
      for (const [token, session] of this.sessions) if (session.expiresAt <= issuedAt) this.sessions.delete(token);
    }
    const session: Session = {
      id: randomToken(12),
      // Real access tokens start with the 15-character org id and an exclamation mark.
      accessToken: `${this.orgId.slice(0, 15)}!${randomToken(72)}`,
      userId,
      clientId,
      scope,
      issuedAt,
      expiresAt: issuedAt + this.tokenTtlMs,
      refreshToken,
    };
    this.sessions.set(session.accessToken, session);
    announceSecret(session.accessToken);
    return session;
  }

  /** The live session of a token, or undefined when it is unknown, revoked or expired. */
  find(accessToken: string): Session | undefined {
    const session = this.sessions.get(accessToken);
    if (!session) return undefined;
    if (session.expiresAt <= this.now().getTime()) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    return session;
  }

  /** Ends every open session now, as if each token's lifetime ran out. */
  expireAll(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  issueRefreshToken(userId: string, clientId: string, scope: string): string {
    const token = `5Aep${randomToken(80)}`;
    this.refreshGrants.set(token, { userId, clientId, scope });
    announceSecret(token);
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshGrants.get(token);
  }

  retireRefreshToken(token: string): void {
    this.refreshGrants.delete(token);
  }

  /** Revokes an access or refresh token; a refresh token takes its sessions with it. */
  revoke(token: string): boolean {
    if (this.sessions.delete(token)) return true;
    if (!this.refreshGrants.delete(token)) return false;
    for (const [accessToken, session] of this.sessions) {
      if (session.refreshToken === token) this.sessions.delete(accessToken);
    }
    return true;
  }

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt'>): string {
    const code = `aPrx${randomToken(60)}`;
    this.codes.set(code, { ...grant, expiresAt: this.now().getTime() + CODE_TTL_MS });
    announceSecret(code);
    return code;
  }

  /** Hands a code out once: a second exchange of the same code fails, as it does in Salesforce. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now().getTime()) return undefined;
    return grant;
  }
}

function randomToken(bytes: number): string {
  return randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64url')
    .slice(0, bytes);
}
