import type { Node } from 'jsonc-parser';
import { defaultSeverity, type Diagnostic } from './diagnostics';
import { nodeAt, spanAtPath, type Span } from './job/locate';
import { parseDocument } from './job/parse';
import { queryTextOf, type QueryText } from './job/query-text';
import { lexQuery } from './soql/tokens';
import { LineIndex } from './text';

/** A query error as Salesforce reported it: `[{"errorCode","message"}]` of a 400 answer. */
export interface OrgQueryError {
  errorCode: string;
  message: string;
  /**
   * Which statement failed: `query` is the job's query text sent as it is (so Salesforce's Row and
   * Column point into it); `window` is a statement composed from it (the window count), whose Row and
   * Column do not.
   */
  statement: 'query' | 'window';
}

const ROW_COLUMN = /ERROR at Row:(\d+):Column:(\d+)/;
/** The names Salesforce quotes in its query errors: a column, a relationship, an sObject type. */
const NAMED = /(?:No such column|Didn't understand relationship|sObject type|field) '([^']+)'/;

/**
 * Turns a Salesforce query error into a diagnostic at the exact characters of the job file: the Row
 * and Column Salesforce reports, else the field or object it names, else the dateField (for the window
 * the tool adds), else the whole query. The code is `org-error`; Salesforce's errorCode stays in the
 * message and in `data`.
 */
export function orgErrorDiagnostic(jobText: string, error: OrgQueryError): Diagnostic {
  const lines = new LineIndex(jobText);
  const root = parseDocument(jobText, lines).root;
  const queryNode = nodeAt(root, ['query']);
  const query = queryNode ? queryTextOf(jobText, queryNode) : undefined;
  const named = NAMED.exec(error.message)?.[1];
  // The window adds only the dateField's bounds, so an error in it is about that field first of all.
  const span =
    placeOnDateField(root, error, named) ??
    (query && placeInQuery(query, error, named)) ??
    (queryNode ? { start: queryNode.offset, end: queryNode.offset + queryNode.length } : { start: 0, end: 0 });
  return {
    code: 'org-error',
    severity: defaultSeverity('org-error'),
    message: `Salesforce rejected the query: ${error.errorCode}: ${readableText(error.message)}`,
    range: lines.rangeOf(span.start, span.end),
    data: { errorCode: error.errorCode, ...(named ? { name: named } : {}) },
  };
}

/** Salesforce's message without the echoed statement and caret: the sentence after "ERROR at Row…". */
export function readableText(message: string): string {
  const match = ROW_COLUMN.exec(message);
  const text = match ? message.slice((match.index ?? 0) + match[0].length) : message;
  return text.trim().replace(/\s+/g, ' ');
}

function placeInQuery(query: QueryText, error: OrgQueryError, named: string | undefined): Span | undefined {
  const rowColumn = error.statement === 'query' ? ROW_COLUMN.exec(error.message) : null;
  if (rowColumn) {
    const offset = offsetOfRowColumn(query.text, Number(rowColumn[1]), Number(rowColumn[2]));
    if (offset !== undefined) {
      const length = lengthAt(query.text, offset, named);
      return query.toDocumentRange(offset, offset + length);
    }
  }
  const found = named ? findName(query.text, named) : undefined;
  return found ? query.toDocumentRange(found.start, found.end) : undefined;
}

function placeOnDateField(root: Node | undefined, error: OrgQueryError, named: string | undefined): Span | undefined {
  if (error.statement !== 'window') return undefined;
  const dateField = nodeAt(root, ['dateField']);
  if (typeof dateField?.value !== 'string') return undefined;
  // An error naming another field (or the object) is in the user's own query; one naming nothing is the window's.
  if (named !== undefined && named.toLowerCase() !== dateField.value.toLowerCase() && !dateField.value.toLowerCase().endsWith(`.${named.toLowerCase()}`)) return undefined;
  return spanAtPath(root, ['dateField']);
}

/** Salesforce counts rows and columns from 1 in the statement it received. */
function offsetOfRowColumn(text: string, row: number, column: number): number | undefined {
  let start = 0;
  for (let r = 1; r < row; r++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const lineEnd = text.indexOf('\n', start);
  const offset = start + column - 1;
  // Salesforce may point one past the end ("unexpected end of query"): keep it on the line.
  return Math.min(offset, lineEnd < 0 ? text.length : lineEnd);
}

/** How many characters the error covers at `offset`: the named segment when it is there, else the word. */
function lengthAt(text: string, offset: number, named: string | undefined): number {
  const rest = text.slice(offset);
  if (named) {
    const segment = named.slice(named.lastIndexOf('.') + 1);
    for (const candidate of [named, segment]) if (rest.toLowerCase().startsWith(candidate.toLowerCase())) return candidate.length;
  }
  const word = /^(?:'(?:\\.|[^'\\\n])*'?|[A-Za-z_][\w.]*|\d[\w.:+-]*|\S)/.exec(rest);
  return word ? word[0].length : 0;
}

/** The first identifier in the query that is the name, or has it as one segment of a dotted path. */
function findName(text: string, name: string): Span | undefined {
  const lexed = lexQuery(text);
  if (!lexed.ok) return undefined;
  const lower = name.toLowerCase();
  for (const token of lexed.tokens) {
    const image = token.image.toLowerCase();
    if (image === lower) return { start: token.start, end: token.end };
    const segments = image.split('.');
    const at = segments.indexOf(lower);
    if (at >= 0) {
      const start = token.start + segments.slice(0, at).reduce((sum, s) => sum + s.length + 1, 0);
      return { start, end: start + name.length };
    }
  }
  return undefined;
}
