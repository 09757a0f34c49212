import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A careless org in front of the emulator, over real HTTP on 127.0.0.1: every request is passed on,
 * except queries while `echo` is on, which are refused with the caller's own bearer token in the
 * error text (as a misbehaving proxy or a verbose org might). Queries get pages of 200 rows. It counts the requests it sees, so a
 * test can tell that nothing was sent.
 */
export interface EchoingOrg {
  url: string;
  /** Requests seen since the start (or the last reset). */
  requests(): number;
  /** The bearer tokens it has been sent: the secrets that must never come back out. */
  tokens(): string[];
  echo: boolean;
  reset(): void;
  close(): Promise<void>;
}

/**
 * The sign-in answer names the instance to call next: it must be this org, not the one behind it. Only
 * instance_url changes; the signed fields (id, issued_at) stay as the org signed them.
 */
function instanceHere(text: string, self: string): string {
  if (!text.includes('"instance_url"')) return text;
  const answer = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ ...answer, instance_url: self });
}

export async function startEchoingOrg(target: string): Promise<EchoingOrg> {
  let requests = 0;
  const tokens = new Set<string>();
  const state = { echo: false };
  let self = '';
  const server = http.createServer((request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (token) tokens.add(token);
      if (state.echo && token && /\/query(All)?\/?\?|\/query\/?$/.test(request.url ?? '')) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify([{ errorCode: 'MALFORMED_QUERY', message: `refused for session ${token}` }]));
        return;
      }
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)).map(([name, value]) => [name, String(value)]));
      // Small pages (Salesforce's smallest), so a run reads a few hundred records in several requests.
      if (/\/query/.test(request.url ?? '')) headers['sforce-query-options'] = 'batchSize=200';
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(new URL(request.url ?? '/', target), { method: request.method ?? 'GET', headers, ...(body && request.method !== 'GET' && request.method !== 'HEAD' ? { body } : {}) })
        .then(async (answer) => {
          const text = instanceHere(await answer.text(), self);
          const passed: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) passed[name] = value;
          });
          response.writeHead(answer.status, passed);
          response.end(text);
        })
        .catch((error: unknown) => {
          response.writeHead(502);
          response.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;
  return {
    url: self,
    requests: () => requests,
    tokens: () => [...tokens],
    get echo() {
      return state.echo;
    },
    set echo(value: boolean) {
      state.echo = value;
    },
    reset: () => {
      requests = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
