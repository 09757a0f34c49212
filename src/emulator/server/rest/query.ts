import { executeSoql, explainSoql } from '../../soql/execute';
import { SoqlError, type QueryExecution } from '../../soql/types';
import type { EmulatorContext } from '../context';
import type { Exchange } from '../exchange';
import type { Session } from '../sessions';
import { windowDays } from './query-window';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;

/** Sforce-Query-Options: batchSize=N asks for 200–2000 rows a page; out-of-range values are pulled in. */
export function batchSizeOf(header: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}

export function sendSoqlError(exchange: Exchange, error: unknown): void {
  if (error instanceof SoqlError) {
    exchange.sendApiError(error.status, error.errorCode, error.message);
    return;
  }
  throw error;
}

/** GET query?q= and queryAll?q= (and query?explain=): runs the query and answers its first page. */
export function handleQuery(context: EmulatorContext, exchange: Exchange, version: string, session: Session, includeDeleted: boolean): void {
  const params = exchange.url.searchParams;
  const explain = params.get('explain');
  if (explain !== null && !includeDeleted) {
    try {
      exchange.sendJson(200, explainSoql(context.org, explain, { now: context.config.now() }));
    } catch (error) {
      sendSoqlError(exchange, error);
    }
    return;
  }
  const soql = params.get('q');
  if (soql === null || soql.trim() === '') {
    exchange.sendApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    return;
  }
  const now = context.config.now();
  const limitDays = context.faults.queryTimeoutDays;
  if (limitDays !== undefined && (windowDays(soql, now) ?? 0) > limitDays) {
    exchange.sendApiError(400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');
    return;
  }
  let execution: QueryExecution;
  try {
    execution = executeSoql(context.org, soql, { includeDeleted, now, apiVersion: version, timeZone: timeZoneOf(context, session.userId) });
  } catch (error) {
    sendSoqlError(exchange, error);
    return;
  }
  if (params.get('columns') === 'true') {
    // The columns of the query instead of its records, as the Salesforce CLI's `data query` asks first.
    exchange.sendJson(200, { columnMetadata: execution.columns ?? [], entityName: execution.entityName ?? null, groupBy: execution.columns === undefined, idSelected: execution.columns?.some((c) => c.columnName === 'Id') ?? false, keyPrefix: null });
    return;
  }
  const batchSize = batchSizeOf(exchange.header('sforce-query-options'));
  sendPage(context, exchange, version, session, execution, 0, batchSize, undefined);
}

/** The time zone FORMAT() writes datetimes in: the signed-in user's, as Salesforce does. */
function timeZoneOf(context: EmulatorContext, userId: string): string {
  const user = context.org.rows('User').find((row) => row.Id === userId);
  return typeof user?.TimeZoneSidKey === 'string' ? user.TimeZoneSidKey : 'UTC';
}

const LOCATOR_PATTERN = /^(01g[A-Za-z0-9]{12,15})-(\d+)$/;

/** GET query/{locator}-{start}: the next page of a query this session opened. */
export function handleQueryMore(context: EmulatorContext, exchange: Exchange, version: string, session: Session, locator: string): void {
  const match = LOCATOR_PATTERN.exec(locator);
  const cursor = match ? context.locators.find(match[1], session.id) : undefined;
  const start = match ? Number(match[2]) : NaN;
  if (!match || !cursor || !Number.isSafeInteger(start) || start >= cursor.execution.totalSize) {
    exchange.sendApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return;
  }
  sendPage(context, exchange, version, session, cursor.execution, start, cursor.batchSize, match[1]);
}

/**
 * Serializes one page only — never the whole result — and opens a locator when more rows follow.
 * A page shorter than asked for (COUNT() has no rows) ends the query.
 */
function sendPage(
  context: EmulatorContext,
  exchange: Exchange,
  version: string,
  session: Session,
  execution: QueryExecution,
  start: number,
  batchSize: number,
  locatorId: string | undefined,
): void {
  const wanted = Math.min(batchSize, Math.max(0, execution.totalSize - start));
  let records: Record<string, unknown>[];
  try {
    records = execution.page(start, wanted);
  } catch (error) {
    sendSoqlError(exchange, error);
    return;
  }
  const next = start + records.length;
  const done = records.length < wanted || next >= execution.totalSize || records.length === 0;
  let nextRecordsUrl: string | undefined;
  if (!done) {
    const id = locatorId ?? context.locators.open(execution, session, batchSize);
    nextRecordsUrl = `/services/data/v${version}/query/${id}-${next}`;
  }
  exchange.sendJson(200, {
    totalSize: execution.totalSize,
    done,
    ...(nextRecordsUrl ? { nextRecordsUrl } : {}),
    records,
  });
}
