/** The result of running one SOQL statement: counted once, serialized page by page so nothing is copied up front. */
export interface QueryExecution {
  totalSize: number;
  /** Serializes rows [start, start+count) as Salesforce returns them: attributes {type,url}, nested parents, child subquery results. */
  page(start: number, count: number): Record<string, unknown>[];
  /** The selected columns as `query?columns=true` describes them; absent for aggregate queries. */
  columns?: ColumnMetadata[];
  /** The queried object's name, with `columns`. */
  entityName?: string;
}

/**
 * One column of `query?q=…&columns=true` (what the Salesforce CLI asks before it prints a result):
 * the name and, for a parent relationship or a child subquery, the columns under it. The type flags
 * are not modelled.
 */
export interface ColumnMetadata {
  aggregate: boolean;
  columnName: string;
  displayName: string;
  custom: boolean;
  joinColumns: ColumnMetadata[];
}

export interface ExecuteOptions {
  /** true for /queryAll: rows with IsDeleted = true are included. */
  includeDeleted: boolean;
  /** The clock relative date literals (TODAY, LAST_N_DAYS:n) are computed from. */
  now: Date;
  /** Such as '62.0'; used in the attributes.url of each record. */
  apiVersion: string;
  /** The querying user's time zone (a TimeZoneSidKey), for FORMAT() of datetimes; UTC when not given. */
  timeZone?: string;
}

export interface ExplainOptions {
  now: Date;
}

export interface QueryPlan {
  cardinality: number;
  fields: string[];
  leadingOperationType: 'Index' | 'TableScan' | 'Other';
  notes: { description: string; fields: string[]; tableEnumOrId: string }[];
  relativeCost: number;
  sobjectCardinality: number;
  sobjectType: string;
}

export interface ExplainResult {
  plans: QueryPlan[];
  sourceQuery: string;
}

/** A query error in Salesforce's terms: the HTTP status, the errorCode and the message exactly as Salesforce words it. */
export class SoqlError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(errorCode: string, message: string, status = 400) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
    this.status = status;
  }
}
