/**
 * The one place the core reaches into soql-parser-js.
 *
 * The package's main entry is a webpack bundle with its own private copy of chevrotain and no way to
 * get at the token a parse failed on. Its compiled sources (dist/src) expose the same API plus the
 * lexer and the parser class, and share one chevrotain between them, so everything here comes from
 * dist/src: the public parse and compose functions, the lexer for token offsets, and the parser class
 * for locating syntax errors. Other modules import from here, never from the package directly, so the
 * bundle is not loaded a second time.
 */
import { parseQuery as libraryParseQuery, type Query as LibraryQuery } from 'soql-parser-js/dist/src/index';

export { composeQuery, Compose } from 'soql-parser-js/dist/src/index';

/**
 * The library rebuilds its parser (about 100 ms) whenever `ignoreParseErrors` differs from the last
 * call's, and an options object without the key counts as different from the default `false`. Passing
 * it explicitly on every call keeps the one parser instance.
 */
export function parseQuery(query: string, options: { allowApexBindVariables?: boolean } = {}): LibraryQuery {
  return libraryParseQuery(query, { allowApexBindVariables: options.allowApexBindVariables ?? false, ignoreParseErrors: false, logErrors: false });
}
export type {
  Query,
  Subquery,
  FieldType,
  Field,
  FieldFunctionExpression,
  FieldRelationship,
  FieldSubquery,
  FieldTypeOf,
  WhereClause,
  Condition,
  ConditionWithValueQuery,
  ValueCondition,
  NegationCondition,
  OrderByClause,
  FunctionExp,
} from 'soql-parser-js/dist/src/index';
import { allTokens, lex } from 'soql-parser-js/dist/src/parser/lexer';
import { SoqlParser } from 'soql-parser-js/dist/src/parser/parser';

export { allTokens, lex, SoqlParser };
export { DateNLiteral } from 'soql-parser-js/dist/src/parser/lexer';

// chevrotain is soql-parser-js's dependency, not ours, so its types are reached through the package's own.
export type IToken = ReturnType<typeof lex>['tokens'][number];
export type IRecognitionException = SoqlParser['errors'][number];
