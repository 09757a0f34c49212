import { handleAbortJob, handleCreateJob, handleDeleteJob, handleJobResults, handleJobStatus, handleListJobs } from './bulk/handlers';
import type { EmulatorContext } from './context';
import type { Exchange } from './exchange';
import { API_VERSIONS, isRetiredApiVersion } from './options';
import { handleDescribe, handleDescribeGlobal, handleRetrieve, handleSObjectInfo, sendNotFound } from './rest/describe';
import { handleLimits } from './rest/limits';
import { handleQuery, handleQueryMore } from './rest/query';
import { handleResources } from './rest/versions';
import type { Session } from './sessions';

interface ApiCall {
  context: EmulatorContext;
  exchange: Exchange;
  version: string;
  session: Session;
  /** The route's pattern matched against the path after /services/data/vNN.0; groups hold names and ids. */
  match: RegExpExecArray;
}

interface ApiRoute {
  methods: readonly string[];
  /** Matched against the path after /services/data/vNN.0 ('' for the version root). */
  pattern: RegExp;
  handle(call: ApiCall): void | Promise<void>;
}

const ID = '([A-Za-z0-9]{15}|[A-Za-z0-9]{18})';
const NAME = '([A-Za-z][A-Za-z0-9_]*)';

/** The REST resources of one API version; a path matching none answers 404 NOT_FOUND. */
const ROUTES: readonly ApiRoute[] = [
  { methods: ['GET'], pattern: /^\/?$/, handle: (c) => handleResources(c.context, c.exchange, c.version, c.session) },
  { methods: ['GET'], pattern: /^\/sobjects\/?$/, handle: (c) => handleDescribeGlobal(c.context, c.exchange, c.version) },
  { methods: ['GET'], pattern: new RegExp(`^/sobjects/${NAME}/?$`), handle: (c) => handleSObjectInfo(c.context, c.exchange, c.version, c.match[1]) },
  { methods: ['GET'], pattern: new RegExp(`^/sobjects/${NAME}/describe/?$`), handle: (c) => handleDescribe(c.context, c.exchange, c.version, c.match[1]) },
  { methods: ['GET'], pattern: new RegExp(`^/sobjects/${NAME}/${ID}/?$`), handle: (c) => handleRetrieve(c.context, c.exchange, c.version, c.match[1], c.match[2]) },
  { methods: ['GET'], pattern: /^\/query\/?$/, handle: (c) => handleQuery(c.context, c.exchange, c.version, c.session, false) },
  { methods: ['GET'], pattern: /^\/queryAll\/?$/, handle: (c) => handleQuery(c.context, c.exchange, c.version, c.session, true) },
  { methods: ['GET'], pattern: /^\/(?:query|queryAll)\/([^/]+)$/, handle: (c) => handleQueryMore(c.context, c.exchange, c.version, c.session, c.match[1]) },
  { methods: ['GET'], pattern: /^\/limits\/?$/, handle: (c) => handleLimits(c.context, c.exchange) },
  { methods: ['POST'], pattern: /^\/jobs\/query\/?$/, handle: (c) => handleCreateJob(c.context, c.exchange, c.version, c.session) },
  { methods: ['GET'], pattern: /^\/jobs\/query\/?$/, handle: (c) => handleListJobs(c.context, c.exchange) },
  { methods: ['GET'], pattern: /^\/jobs\/query\/(750\w+)\/?$/, handle: (c) => handleJobStatus(c.context, c.exchange, c.match[1]) },
  { methods: ['PATCH'], pattern: /^\/jobs\/query\/(750\w+)\/?$/, handle: (c) => handleAbortJob(c.context, c.exchange, c.match[1]) },
  { methods: ['DELETE'], pattern: /^\/jobs\/query\/(750\w+)\/?$/, handle: (c) => handleDeleteJob(c.context, c.exchange, c.match[1]) },
  { methods: ['GET'], pattern: /^\/jobs\/query\/(750\w+)\/results\/?$/, handle: (c) => handleJobResults(c.context, c.exchange, c.match[1]) },
];

const VERSIONED_PATH = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;

/** Reads the Bearer (or legacy OAuth) token and finds its live session. */
export function sessionFromHeader(context: EmulatorContext, exchange: Exchange): Session | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(exchange.header('authorization') ?? '');
  return match ? context.sessions.find(match[1]) : undefined;
}

/**
 * /services/data/vNN.0/**: checks the session, counts the call against the daily limit, stamps
 * Sforce-Limit-Info on the answer (whatever it turns out to be) and dispatches to a route.
 */
export async function handleApi(context: EmulatorContext, exchange: Exchange): Promise<void> {
  const versioned = VERSIONED_PATH.exec(exchange.path);
  if (versioned && isRetiredApiVersion(versioned[1])) {
    exchange.sendApiError(410, 'GONE', `API version ${versioned[1]} has been retired and is no longer available. Use version ${API_VERSIONS[0]} or later.`);
    return;
  }
  if (!versioned || !API_VERSIONS.includes(versioned[1])) {
    sendNotFound(exchange);
    return;
  }
  const [, version, rest = ''] = versioned;
  exchange.extraHeaders['Sforce-Limit-Info'] = context.usage.header();
  const session = sessionFromHeader(context, exchange);
  if (!session) {
    exchange.sendApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid', { 'WWW-Authenticate': 'Token' });
    return;
  }
  if (!context.usage.record()) {
    exchange.extraHeaders['Sforce-Limit-Info'] = context.usage.header();
    exchange.sendApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    return;
  }
  exchange.extraHeaders['Sforce-Limit-Info'] = context.usage.header();
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(rest);
    if (!match) continue;
    pathMatched = true;
    if (!route.methods.includes(exchange.method) && !(exchange.method === 'HEAD' && route.methods.includes('GET'))) continue;
    await route.handle({ context, exchange, version, session, match });
    return;
  }
  if (pathMatched) {
    const allowed = ROUTES.filter((r) => r.pattern.test(rest)).flatMap((r) => r.methods);
    exchange.sendApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${exchange.method}' not allowed. Allowed are ${allowed.join(',')}`);
    return;
  }
  sendNotFound(exchange);
}
