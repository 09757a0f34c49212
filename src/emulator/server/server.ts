import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleApi } from './api';
import type { EmulatorContext } from './context';
import { CONTROL_PREFIX, handleControl } from './control';
import { BodyTooLargeError, Exchange } from './exchange';
import { handleAuthorize } from './oauth/authorize';
import { handleIdentity, handleRevoke, handleUserInfo } from './oauth/identity';
import { handleToken } from './oauth/token';
import { handleVersions } from './rest/versions';
import type { FaultAction } from './faults';

/** Bodies Salesforce sends with a 5xx or 429, so clients see the codes they would see for real. */
const FAULT_ERRORS: Record<number, { errorCode: string; message: string }> = {
  500: { errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)' },
  503: { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable; try again later.' },
  // Salesforce's own limit errors are 403 REQUEST_LIMIT_EXCEEDED; a 429 comes from what sits in front of it.
  429: { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many requests: retry after the Retry-After delay.' },
};

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Answers one request: control first (never faulted or counted), then faults, then the routes. */
async function dispatch(context: EmulatorContext, exchange: Exchange): Promise<void> {
  const path = exchange.path;
  // Salesforce's answers carry its own time; clients take a window's end from it, so it is the org's clock here too.
  exchange.extraHeaders.Date = context.config.now().toUTCString();
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return handleControl(context, exchange);
  context.requests.count++;
  if (context.faults.delayMs > 0) await delay(context.faults.delayMs);
  for (const fault of context.faults.onRequest(exchange.method, path)) {
    if (applyFault(context, exchange, fault)) return;
  }
  if (path === '/services/oauth2/token') return handleToken(context, exchange);
  if (path === '/services/oauth2/authorize') return handleAuthorize(context, exchange);
  if (path === '/services/oauth2/revoke') return handleRevoke(context, exchange);
  if (path === '/services/oauth2/userinfo') return handleUserInfo(context, exchange);
  const identity = /^\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(path);
  if (identity) return handleIdentity(context, exchange, identity[1], identity[2]);
  if (path === '/services/data' || path === '/services/data/') return handleVersions(exchange);
  if (path.startsWith('/services/data/')) return handleApi(context, exchange);
  exchange.sendApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** Applies a fired fault; true when it answered the request itself. */
function applyFault(context: EmulatorContext, exchange: Exchange, fault: FaultAction): boolean {
  switch (fault.action) {
    case 'error': {
      const status = fault.status ?? 503;
      const body = FAULT_ERRORS[status];
      exchange.sendApiError(status, body.errorCode, body.message, status === 429 ? { 'Retry-After': '1' } : {});
      return true;
    }
    case 'reset':
    case 'half-close':
      exchange.cut = fault.action;
      return false;
    case 'expire-token':
      context.sessions.expireAll();
      return false;
    case 'invalidate-locators':
      context.locators.invalidateAll();
      return false;
  }
}

function handler(context: EmulatorContext) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const exchange = new Exchange(req, res, context.baseUrl || 'http://127.0.0.1');
    dispatch(context, exchange).then(
      () => {
        // A handler that forgot to answer would leave the client hanging; answer for it.
        if (!exchange.isAnswered) exchange.sendApiError(500, 'UNKNOWN_EXCEPTION', `no answer was produced for ${exchange.method} ${exchange.path}`);
      },
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) {
          // The rest of the upload is never read, so the connection cannot carry another request.
          exchange.sendApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is larger than 10 MB.', { Connection: 'close' });
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        exchange.sendApiError(500, 'UNKNOWN_EXCEPTION', `The emulator failed on ${exchange.method} ${exchange.path}: ${message}`);
      },
    );
  };
}

/** Starts listening; `port` 0 picks a free one. Only the given host (127.0.0.1 by default) is bound. */
export async function listen(context: EmulatorContext, port: number, host: string): Promise<RunningServer> {
  const server = createServer({ keepAliveTimeout: 5_000 }, handler(context));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  context.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    server,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections would hold close() open; a closing emulator drops them.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
