import { formatDateTime } from '../../org/dates';
import { executeSoql } from '../../soql/execute';
import type { EmulatorContext } from '../context';
import type { Exchange } from '../exchange';
import { sendSoqlError } from '../rest/query';
import type { Session } from '../sessions';
import { COLUMN_DELIMITERS, csvLines, LINE_ENDINGS } from './csv';
import { bulkRefusal, columnsFromRecord, columnsOf, jobInfo, type BulkJob } from './jobs';

/** Without maxRecords a results request gets this many rows, so one answer never holds a whole large result. */
export const DEFAULT_MAX_RECORDS = 10_000;

interface CreateJobBody {
  operation?: unknown;
  query?: unknown;
  contentType?: unknown;
  columnDelimiter?: unknown;
  lineEnding?: unknown;
}

/** POST jobs/query: runs the query now and keeps its execution; rows are serialized only when read. */
export async function handleCreateJob(context: EmulatorContext, exchange: Exchange, version: string, session: Session): Promise<void> {
  let body: CreateJobBody;
  try {
    body = JSON.parse(await exchange.readBody()) as CreateJobBody;
  } catch {
    exchange.sendApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON: send {"operation":"query","query":"SELECT …"}.');
    return;
  }
  const operation = body?.operation ?? 'query';
  if (operation !== 'query' && operation !== 'queryAll') {
    exchange.sendApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation '${String(operation)}': use query or queryAll`);
    return;
  }
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    exchange.sendApiError(400, 'INVALIDJOB', 'InvalidJob : Query is required');
    return;
  }
  if (body.contentType !== undefined && body.contentType !== 'CSV') {
    exchange.sendApiError(400, 'INVALIDJOB', 'InvalidJob : Only CSV content type is supported');
    return;
  }
  const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  const lineEnding = typeof body.lineEnding === 'string' ? body.lineEnding : 'LF';
  if (!(columnDelimiter in COLUMN_DELIMITERS) || !(lineEnding in LINE_ENDINGS)) {
    exchange.sendApiError(400, 'INVALIDJOB', 'InvalidJob : columnDelimiter must be COMMA, TAB, PIPE, SEMICOLON, CARET or BACKQUOTE and lineEnding LF or CRLF');
    return;
  }
  const refusal = bulkRefusal(body.query);
  if (refusal) {
    exchange.sendApiError(400, 'API_ERROR', refusal);
    return;
  }
  let execution;
  try {
    execution = executeSoql(context.org, body.query, { includeDeleted: operation === 'queryAll', now: context.config.now(), apiVersion: version });
  } catch (error) {
    sendSoqlError(exchange, error);
    return;
  }
  let columns = columnsOf(body.query);
  if (columns.length === 0) columns = columnsFromRecord(execution.page(0, 1)[0]);
  const createdDate = salesforceDate(context.config.now());
  const job = context.bulkJobs.add({
    operation,
    object: context.org.describe(objectOf(body.query))?.name ?? objectOf(body.query),
    createdById: session.userId,
    createdDate,
    systemModstamp: createdDate,
    state: 'UploadComplete',
    apiVersion: Number(version),
    lineEnding,
    columnDelimiter,
    columns,
    execution,
  });
  exchange.sendJson(200, jobInfo(job));
}

/** GET jobs/query: every job of the org. */
export function handleListJobs(context: EmulatorContext, exchange: Exchange): void {
  exchange.sendJson(200, { done: true, records: context.bulkJobs.all().map(jobInfo), nextRecordsUrl: null });
}

/** GET jobs/query/{id}: the job's status; it completes on the first poll. */
export function handleJobStatus(context: EmulatorContext, exchange: Exchange, jobId: string): void {
  const job = findJob(context, exchange, jobId);
  if (!job) return;
  job.polls++;
  if (job.state === 'UploadComplete') {
    job.state = 'JobComplete';
    job.systemModstamp = salesforceDate(context.config.now());
  }
  exchange.sendJson(200, {
    ...jobInfo(job),
    numberRecordsProcessed: job.state === 'JobComplete' ? job.execution.totalSize : 0,
    retries: 0,
    totalProcessingTime: job.state === 'JobComplete' ? 42 : 0,
  });
}

/** PATCH jobs/query/{id} {"state":"Aborted"}. */
export async function handleAbortJob(context: EmulatorContext, exchange: Exchange, jobId: string): Promise<void> {
  const job = findJob(context, exchange, jobId);
  if (!job) return;
  let body: { state?: unknown } = {};
  try {
    body = JSON.parse(await exchange.readBody()) as { state?: unknown };
  } catch {
    // Handled below as a missing state.
  }
  if (body?.state !== 'Aborted') {
    exchange.sendApiError(400, 'INVALIDJOBSTATE', 'InvalidJobState : a query job can only be set to Aborted');
    return;
  }
  if (job.state === 'JobComplete') {
    exchange.sendApiError(400, 'INVALIDJOBSTATE', 'InvalidJobState : Job is already complete');
    return;
  }
  job.state = 'Aborted';
  exchange.sendJson(200, jobInfo(job));
}

export function handleDeleteJob(context: EmulatorContext, exchange: Exchange, jobId: string): void {
  if (!findJob(context, exchange, jobId)) return;
  context.bulkJobs.delete(jobId);
  exchange.send(204, '', {});
}

/**
 * GET jobs/query/{id}/results?maxRecords=N&locator=L: one CSV slice; Sforce-Locator names the next
 * slice, or is the string "null" after the last. The locator is the base64 of the next row offset.
 */
export function handleJobResults(context: EmulatorContext, exchange: Exchange, jobId: string): void {
  const job = findJob(context, exchange, jobId);
  if (!job) return;
  if (job.state !== 'JobComplete') {
    exchange.sendApiError(400, 'INVALIDJOBSTATE', `InvalidJobState : Job ${job.id} is in state ${job.state}: poll until JobComplete before reading results`);
    return;
  }
  const params = exchange.url.searchParams;
  const maxRecordsText = params.get('maxRecords');
  const maxRecords = maxRecordsText === null ? DEFAULT_MAX_RECORDS : Number(maxRecordsText);
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 1) {
    exchange.sendApiError(400, 'INVALIDREQUEST', 'maxRecords must be a positive whole number');
    return;
  }
  const start = offsetOf(params.get('locator'));
  const total = job.execution.totalSize;
  if (start === undefined || start > total) {
    exchange.sendApiError(400, 'INVALIDLOCATOR', 'InvalidLocator : the locator is not valid for this job');
    return;
  }
  const records = job.execution.page(start, Math.min(maxRecords, total - start));
  const next = start + records.length;
  const body = csvLines(job.columns, records, COLUMN_DELIMITERS[job.columnDelimiter], LINE_ENDINGS[job.lineEnding], true);
  exchange.send(200, body, {
    'Content-Type': 'text/csv',
    'Sforce-Locator': next < total && records.length > 0 ? Buffer.from(String(next)).toString('base64').replace(/=+$/, '') : 'null',
    'Sforce-NumberOfRecords': String(records.length),
  });
}

function offsetOf(locator: string | null): number | undefined {
  if (locator === null || locator === '') return 0;
  const text = Buffer.from(locator, 'base64').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function findJob(context: EmulatorContext, exchange: Exchange, jobId: string): BulkJob | undefined {
  const job = context.bulkJobs.get(jobId);
  if (!job) exchange.sendApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return job;
}

function objectOf(soql: string): string {
  return /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '';
}

function salesforceDate(date: Date): string {
  return formatDateTime(date.getTime());
}
