import { remediesIn } from '../../core/remedies';
import { AuthError, networkCodeOf, CredentialExpiredError, ConnectionConfigError } from '../../salesforce';

/** What fixes a command that could not reach the org; each is a button on the failure's notification. */
export type OrgFix = 'authorize' | 'start-local-org' | 'open-connections';

/** Whether a connection's environmentUrl is a plain-HTTP loopback address: the local org emulator. */
export function isLocalOrgUrl(environmentUrl: unknown): boolean {
  return typeof environmentUrl === 'string' && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(environmentUrl);
}

/**
 * Why the org could not be reached, as the fixes that would help, most likely first: a missing secret
 * or sign-in wants Authorize Connection (or, for the local org, Start Local Org, which supplies its
 * credentials); an unreachable local org wants Start Local Org; an expired credential wants a new
 * sign-in and a new date in the connections file; an unknown connection or a missing or broken
 * connections file wants that file. The message is read as well, for failures that reach the editor
 * as text only (a run's report).
 */
export function fixesFor(error: unknown, message: string, local: boolean): OrgFix[] {
  const fixes = new Set<OrgFix>();
  const networkCode = networkCodeOf(error);
  if (error instanceof ConnectionConfigError || /no connection named|No sfjob\.connections\.json found/.test(message)) fixes.add('open-connections');
  if (networkCode || /Cannot reach /.test(message)) {
    if (local) fixes.add('start-local-org');
    else fixes.add('open-connections');
  }
  if (error instanceof CredentialExpiredError || /expired on \d{4}-\d{2}-\d{2}/.test(message)) {
    fixes.add('authorize');
    fixes.add('open-connections');
  }
  const authCode = error instanceof AuthError ? error.errorCode : /\b(missing_secret|not_authorized)\b/.exec(message)?.[1];
  if (authCode && !networkCode) {
    if (authCode === 'missing_setting') fixes.add('open-connections');
    else {
      if (local && (authCode === 'missing_secret' || authCode === 'invalid_client' || authCode === 'invalid_grant')) fixes.add('start-local-org');
      fixes.add('authorize');
    }
  }
  if (/needs .* Set the environment variable SFJOB_/.test(message)) {
    if (local) fixes.add('start-local-org');
    fixes.add('authorize');
  }
  for (const { remedy } of remediesIn(message)) {
    if (remedy.id === 'authorize') fixes.add('authorize');
    if (remedy.id === 'start-local-org') fixes.add('start-local-org');
  }
  return [...fixes];
}
