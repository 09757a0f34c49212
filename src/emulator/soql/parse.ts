import { parseQuery, type Query } from 'soql-parser-js';
import { malformed } from './errors';

interface ParserToken {
  image: string;
  startOffset: number | null;
}

interface ParserError {
  token?: ParserToken;
  previousToken?: ParserToken & { endOffset: number | null };
}

interface LexerError {
  offset: number;
  length: number;
}

/**
 * Parses a statement, turning a parse failure into Salesforce's MALFORMED_QUERY with a row and column.
 * soql-parser-js only reports the failing token through console.log when `logErrors` is on, so the log is
 * captured for the duration of this synchronous call and put back afterwards.
 */
export function parseSoql(soql: string): Query {
  // Logging errors makes the parser about a hundred times slower, so it is only turned on to explain a failure.
  try {
    return parseQuery(soql);
  } catch {
    return parseLoggingErrors(soql);
  }
}

function parseLoggingErrors(soql: string): Query {
  const logged: unknown[] = [];
  const originalLog = console.log;
  let failure: unknown;
  let query: Query | undefined;
  console.log = (...args: unknown[]) => {
    logged.push(...args);
  };
  try {
    query = parseQuery(soql, { logErrors: true });
  } catch (error) {
    failure = error;
  } finally {
    console.log = originalLog;
  }
  if (query && failure === undefined) return query;
  throw malformedFromLog(soql, logged);
}

function malformedFromLog(soql: string, logged: unknown[]): Error {
  const details = logged.find((item): item is unknown[] => Array.isArray(item) && item.length > 0);
  const first = details?.[0] as (ParserError & LexerError) | undefined;
  if (first && typeof first.offset === 'number' && first.token === undefined) {
    const character = soql.charAt(first.offset);
    return malformed(soql, first.offset, `line 1:${first.offset} no viable alternative at character '${character}'`);
  }
  const token = first?.token;
  if (token && token.startOffset !== null && token.startOffset !== undefined && !Number.isNaN(token.startOffset)) {
    return malformed(soql, token.startOffset, `unexpected token: '${token.image}'`);
  }
  const previousEnd = first?.previousToken?.endOffset;
  const offset = typeof previousEnd === 'number' ? previousEnd + 1 : soql.trimEnd().length;
  return malformed(soql, offset, "unexpected token: '<EOF>'");
}
