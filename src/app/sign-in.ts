import { authorize, connect, redactSecrets, testConnection, type ConnectionCheck, type InteractiveSignIn } from '../salesforce';
import { maskedError, type UseCaseOptions } from './use-case';

export interface SignInOptions extends UseCaseOptions {
  /** The folder the connections file is found from (upwards). */
  workspaceRoot: string;
  /**
   * `authorize` signs in again (the browser for webServer) and saves the new tokens; `check` uses the
   * saved credentials as a run would, and never opens a sign-in.
   */
  mode: 'authorize' | 'check';
  /** How a browser sign-in is shown to the person (authorize only). */
  interactive?: InteractiveSignIn;
}

export interface SignedIn {
  connection: string;
  flow: string;
  /** Who the credentials sign in as, the org, and its API usage: what Salesforce said, secrets masked. */
  check: ConnectionCheck;
}

function hiddenCheck(check: ConnectionCheck, hide: (text: string) => string): ConnectionCheck {
  return Object.fromEntries(Object.entries(check).map(([key, value]) => [key, typeof value === 'string' ? hide(value) : value])) as unknown as ConnectionCheck;
}

/**
 * Signs in to a connection and checks it ("sfjob auth", "Authorize Connection", "Test Connection"):
 * who the credentials sign in as, the org, the API usage. What it returns and what it throws have every
 * secret of the session masked.
 */
export async function signIn(name: string, options: SignInOptions): Promise<SignedIn> {
  const secrets = typeof options.secrets === 'function' ? options.secrets(options.workspaceRoot) : options.secrets;
  let seen: string[] = [];
  const hide = (text: string): string => redactSecrets(text, seen);
  try {
    options.progress?.step?.(`${options.mode === 'authorize' ? 'authorizing' : 'signing in to'} "${name}"…`);
    const open = options.mode === 'authorize' ? authorize : connect;
    const session = await open(name, {
      workspaceRoot: options.workspaceRoot,
      secrets,
      env: options.env ?? process.env,
      ...(options.progress?.warning ? { onWarning: (message: string) => options.progress?.warning?.(message) } : {}),
      ...(options.mode === 'authorize' && options.interactive ? { interactive: options.interactive } : {}),
    });
    seen = session.secretValues();
    options.progress?.step?.(`checking "${name}"…`);
    const check = await testConnection(session);
    return { connection: session.connectionName, flow: session.flow, check: hiddenCheck(check, hide) };
  } catch (error) {
    throw maskedError(error, hide);
  }
}
