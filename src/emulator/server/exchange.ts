import type { IncomingMessage, ServerResponse } from 'node:http';

/** How a fault cuts an answer short: a TCP reset, or a clean close after part of the body. */
export type ConnectionCut = 'reset' | 'half-close';

/** Bodies larger than this are refused: no real client of these endpoints sends more. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * One request and its answer. Every handler answers through `send`, so the headers every answer
 * carries (Sforce-Limit-Info) and the faults that cut a body short live in one place.
 */
export class Exchange {
  readonly url: URL;
  readonly method: string;
  /** Headers added to whatever answer this exchange ends with. */
  readonly extraHeaders: Record<string, string> = {};
  cut: ConnectionCut | undefined;
  private answered = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    baseUrl: string,
  ) {
    this.url = parseRequestUrl(req.url, baseUrl);
    this.method = (req.method ?? 'GET').toUpperCase();
  }

  get path(): string {
    return this.url.pathname;
  }

  get isAnswered(): boolean {
    return this.answered;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  async readBody(): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Reads a form-encoded body (the OAuth endpoints) merged over the query string. */
  async readForm(): Promise<URLSearchParams> {
    const params = new URLSearchParams(this.url.search);
    const type = this.header('content-type') ?? '';
    if (this.method === 'POST' && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) {
      for (const [key, value] of new URLSearchParams(await this.readBody())) params.set(key, value);
    }
    return params;
  }

  sendJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.send(status, JSON.stringify(body), { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  }

  /** Salesforce's REST error shape: a JSON array of {message, errorCode}. */
  sendApiError(status: number, errorCode: string, message: string, headers: Record<string, string> = {}): void {
    this.sendJson(status, [{ message, errorCode }], headers);
  }

  /** The OAuth endpoints' error shape: one object {error, error_description}. */
  sendOAuthError(status: number, error: string, description: string): void {
    this.sendJson(status, { error, error_description: description });
  }

  send(status: number, body: string, headers: Record<string, string>): void {
    if (this.answered) return;
    this.answered = true;
    const payload = Buffer.from(body, 'utf8');
    this.res.writeHead(status, { ...this.extraHeaders, ...headers, 'Content-Length': String(payload.length) });
    if (this.method === 'HEAD') {
      this.res.end();
      return;
    }
    if (this.cut) {
      this.cutShort(payload, this.cut);
      return;
    }
    this.res.end(payload);
  }

  redirect(location: string): void {
    this.send(302, '', { Location: location });
  }

  /**
   * Writes half the body, then breaks the connection: the client has seen a 200 and a Content-Length
   * it will never get, which is what a proxy dropping a connection mid-answer looks like.
   */
  private cutShort(payload: Buffer, cut: ConnectionCut): void {
    const socket = this.res.socket;
    this.res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => {
      if (!socket) return;
      if (cut === 'reset') socket.resetAndDestroy();
      else socket.end();
    });
  }
}

/** A request line no URL parser accepts is answered as an unknown path rather than crashing the server. */
function parseRequestUrl(raw: string | undefined, baseUrl: string): URL {
  // Request targets are paths; a leading // would otherwise be read as a host name.
  const target = (raw ?? '/').replace(/^\/{2,}/, '/');
  try {
    return new URL(target, baseUrl);
  } catch {
    return new URL('/__unparseable__', baseUrl);
  }
}

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body larger than 10 MB');
  }
}
