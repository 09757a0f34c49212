import { Connection, OAuth2 } from 'jsforce';
import type { EmulatorHandle } from '../../../src/emulator/index';

export const API_VERSION = '62.0';

export function oauth2Of(emulator: EmulatorHandle, extra: { redirectUri?: string; useVerifier?: boolean } = {}): OAuth2 {
  return new OAuth2({ loginUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, ...extra });
}

/** A jsforce connection signed in with the password grant, as most tests need one. */
export async function passwordConnection(emulator: EmulatorHandle): Promise<Connection> {
  const conn = new Connection({ oauth2: oauth2Of(emulator), version: API_VERSION });
  await conn.login(emulator.username, emulator.password);
  return conn;
}

/** Posts a form to the token endpoint with fetch, for checking the protocol itself. */
export async function postToken(emulator: EmulatorHandle, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function passwordToken(emulator: EmulatorHandle): Promise<string> {
  const { body } = await postToken(emulator, {
    grant_type: 'password',
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    username: emulator.username,
    password: emulator.password,
  });
  return body.access_token as string;
}

/** GET on the API with a token, answering status, headers and the parsed JSON body. */
export async function apiGet(emulator: EmulatorHandle, path: string, token: string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(`${emulator.url}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the test looks at the text.
  }
  return { status: response.status, headers: response.headers, body: body as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A clock a test moves by hand, so expiry is tested without waiting. */
export function manualClock(start = Date.parse('2026-11-20T12:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Catches the rejection of a promise, failing when it resolves instead. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
