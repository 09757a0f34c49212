import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEFAULT_CALLBACK_PORT = 1717;
export const CALLBACK_PATH = '/OauthRedirect';

/** An authorization that did not come back with a code: denied consent, wrong state, timeout, port taken. */
export class CallbackError extends Error {
  constructor(
    message: string,
    /** The OAuth error code from the callback (access_denied, …), or our own (state_mismatch, timeout, port_in_use). */
    readonly errorCode: string,
    /** Salesforce's error_description when the error came from the authorization server. */
    readonly description?: string,
  ) {
    super(message);
    this.name = 'CallbackError';
  }
}

export interface CallbackServer {
  /** The redirect_uri to send: http://localhost:PORT/OauthRedirect. */
  redirectUri: string;
  port: number;
  /** Resolves with the authorization code of the one callback served; the server is closed by then. */
  code: Promise<string>;
  /** Stops waiting (the code promise rejects) and frees the port. */
  close(): Promise<void>;
}

export interface CallbackOptions {
  /** 0 picks a free port (tests). */
  port: number;
  state: string;
  timeoutMs: number;
  /** Host name in the redirect URI; the server always binds 127.0.0.1. Default "localhost", as the Salesforce CLI registers it. */
  redirectHost?: string;
  signal?: AbortSignal;
}

function page(title: string, body: string): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(body)}</p></body></html>`;
}

/**
 * Listens on 127.0.0.1 for the one OAuth redirect that carries the authorization code. It answers that
 * request, then closes: the port is held only while a person is signing in. Anything else (a favicon
 * request) gets a 404 and does not end the wait.
 */
export async function startCallbackServer(options: CallbackOptions): Promise<CallbackServer> {
  let settle: { resolve(code: string): void; reject(error: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may give up before awaiting the code; an unobserved rejection must not crash the process.
  code.catch(() => undefined);
  let finished = false;

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (finished || url.pathname !== CALLBACK_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      response.end('Not found');
      return;
    }
    const respond = (status: number, title: string, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
      response.end(page(title, body));
    };
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description') ?? '';
      respond(400, 'Authorization failed', `${error}: ${description}. Return to the terminal or VS Code for what to do.`);
      finish(new CallbackError(`Salesforce did not authorize the connection (${error}${description ? `: ${description}` : ''}).`, error, description));
      return;
    }
    if (url.searchParams.get('state') !== options.state) {
      respond(400, 'Authorization rejected', 'The state parameter does not match this sign-in. Start the authorization again.');
      finish(new CallbackError('The OAuth callback carried a state that does not match this sign-in, so it was refused. Start the authorization again.', 'state_mismatch'));
      return;
    }
    const received = url.searchParams.get('code');
    if (!received) {
      respond(400, 'Authorization failed', 'The callback carried no authorization code.');
      finish(new CallbackError('The OAuth callback carried no authorization code. Start the authorization again.', 'missing_code'));
      return;
    }
    respond(200, 'sfjob is authorized', 'You can close this window.');
    finish(undefined, received);
  });

  const timer = setTimeout(() => {
    finish(new CallbackError(`No sign-in arrived within ${Math.round(options.timeoutMs / 1000)} seconds. Run the authorization again and finish it in the browser.`, 'timeout'));
  }, options.timeoutMs);
  timer.unref();

  const onAbort = () => finish(new CallbackError('The authorization was cancelled.', 'cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let closed: Promise<void> | undefined;
  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Answered requests carry "connection: close"; idle keep-alive sockets (a browser's preconnect) are
      // dropped now, and anything still open after a second is cut so the port is always freed.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    });
    return closed;
  }

  function finish(error: Error | undefined, value?: string): void {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // The response is flushed before the socket closes: close() waits for in-flight responses to end.
    void close().then(() => (error ? settle?.reject(error) : settle?.resolve(value ?? '')));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error.code === 'EADDRINUSE') {
        reject(
          new CallbackError(
            `Port ${options.port} on 127.0.0.1 is taken, so the OAuth callback cannot be received. Close the program using it (another sign-in, perhaps "sf org login web"), or set "callbackPort" on the connection to a free port and add http://localhost:<port>${CALLBACK_PATH} to the connected app's callback URLs.`,
            'port_in_use',
          ),
        );
      } else {
        reject(new CallbackError(`Cannot listen for the OAuth callback on 127.0.0.1:${options.port} (${error.message}).`, 'listen_failed'));
      }
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });

  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://${options.redirectHost ?? 'localhost'}:${port}${CALLBACK_PATH}`;
  return {
    redirectUri,
    port,
    code,
    close: async () => {
      finish(new CallbackError('The authorization was cancelled.', 'cancelled'));
      await close();
    },
  };
}
