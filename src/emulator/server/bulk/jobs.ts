import { randomBytes } from 'node:crypto';
import { parseQuery } from 'soql-parser-js';
import type { QueryExecution } from '../../soql/types';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export interface BulkJob {
  readonly id: string;
  readonly operation: 'query' | 'queryAll';
  readonly object: string;
  readonly createdById: string;
  readonly createdDate: string;
  systemModstamp: string;
  state: BulkJobState;
  readonly apiVersion: number;
  readonly lineEnding: string;
  readonly columnDelimiter: string;
  readonly columns: readonly string[];
  readonly execution: QueryExecution;
  /** Status reads so far: a job reports UploadComplete when created and JobComplete from the first poll. */
  polls: number;
}

export type BulkJobInfo = Omit<BulkJob, 'columns' | 'execution' | 'polls'> & Record<string, unknown>;

/** Why Bulk API 2.0 refuses a query it cannot split into CSV rows, or undefined when it can run it. */
export function bulkRefusal(soql: string): string | undefined {
  let query;
  try {
    query = parseQuery(soql);
  } catch {
    // The SOQL engine reports the syntax error in Salesforce's words.
    return undefined;
  }
  for (const field of query.fields ?? []) {
    if (field.type === 'FieldSubquery') return 'Nested queries are not supported in Bulk API 2.0 query jobs.';
    if (field.type === 'FieldFunctionExpression' && field.isAggregateFn) return 'Aggregate queries are not supported in Bulk API 2.0 query jobs.';
    if (field.type === 'FieldTypeof') return 'TYPEOF is not supported in Bulk API 2.0 query jobs.';
  }
  if (query.groupBy) return 'GROUP BY is not supported in Bulk API 2.0 query jobs.';
  if (query.offset !== undefined) return 'OFFSET is not supported in Bulk API 2.0 query jobs.';
  return undefined;
}

/** The CSV columns of a query, as the query names them (`Owner.Name` for a parent field). */
export function columnsOf(soql: string): string[] {
  const query = parseQuery(soql);
  const columns: string[] = [];
  for (const field of query.fields ?? []) {
    if (field.type === 'Field') columns.push(field.field);
    else if (field.type === 'FieldRelationship') columns.push(field.rawValue ?? [...field.relationships, field.field].join('.'));
  }
  return columns;
}

/** The columns FIELDS(…) stands for cannot be known from the text, so they come from the first record. */
export function columnsFromRecord(record: Record<string, unknown> | undefined): string[] {
  if (!record) return [];
  return Object.keys(record).filter((key) => key !== 'attributes');
}

export class BulkJobStore {
  private readonly jobs = new Map<string, BulkJob>();
  private created = 0;

  get createdCount(): number {
    return this.created;
  }

  add(job: Omit<BulkJob, 'id' | 'polls'>): BulkJob {
    const stored: BulkJob = { ...job, id: newJobId(), polls: 0 };
    this.jobs.set(stored.id, stored);
    this.created++;
    return stored;
  }

  get(id: string): BulkJob | undefined {
    return this.jobs.get(id);
  }

  delete(id: string): boolean {
    return this.jobs.delete(id);
  }

  all(): BulkJob[] {
    return [...this.jobs.values()];
  }
}

export function jobInfo(job: BulkJob): BulkJobInfo {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Bulk jobs carry the 750 key prefix, as real ones do. */
function newJobId(): string {
  let id = '750';
  for (const byte of randomBytes(15)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}
