import { keywordTypoNear } from './keyword-typos';
import { allTokens, SoqlParser, type IRecognitionException, type IToken } from './library';
import type { QueryToken } from './tokens';

export interface LocatedSyntaxError {
  start: number;
  end: number;
  message: string;
  /** The parser's own wording, kept for people who want the full list of expected tokens. */
  parserMessage: string;
  /** The text that would fix it, when exactly that is known (the keyword a typo resembles). */
  replacement?: string;
}

/**
 * soql-parser-js throws errors without the token they happened at. Running the same grammar again on
 * the same tokens gives chevrotain's recognition exceptions, which carry the token. A parser instance
 * costs tens of milliseconds to build, so one is built on the first syntax error and then reused.
 */
let locatorParser: SoqlParser | undefined;

function parser(): SoqlParser {
  locatorParser ??= new SoqlParser();
  return locatorParser;
}

export function locateSyntaxError(text: string, tokens: readonly QueryToken[], fallbackMessage: string): LocatedSyntaxError {
  const instance = parser();
  instance.allowApexBindVariables = true;
  instance.input = tokens.map((t) => t.raw);
  instance.selectStatement();
  const error = instance.errors[0];
  if (!error) {
    // The grammar accepted the tokens, so the library failed later (in its visitor); point at the whole query.
    return { start: 0, end: text.length, message: `The query does not parse: ${fallbackMessage}`, parserMessage: fallbackMessage };
  }
  return (
    unbalancedParenthesis(tokens) ??
    keywordTypo(tokens, error) ??
    zonelessDateTime(text, error) ??
    wrongTokenInsideGroup(tokens, error) ??
    describeRecognitionError(text, error)
  );
}

function keywordTypo(tokens: readonly QueryToken[], error: IRecognitionException): LocatedSyntaxError | undefined {
  const at = error.token.startOffset;
  const atEnd = at === null || Number.isNaN(at) || error.token.tokenType.name === 'EOF';
  const index = atEnd ? tokens.length - 1 : tokens.findIndex((t) => t.start === at);
  if (index < 0) return undefined;
  const typo = keywordTypoNear(tokens, index);
  return typo ? { ...typo, parserMessage: error.message } : undefined;
}

/**
 * When every way the parser could go on starts with the very token it stopped at (`IN (` followed by
 * something that is not a value), chevrotain names that first token, though the mistake is the one
 * after it. Point there, with what could have followed.
 */
function wrongTokenInsideGroup(tokens: readonly QueryToken[], error: IRecognitionException): LocatedSyntaxError | undefined {
  const sequences = [...error.message.matchAll(/^\s*\d+\. \[([^\]]*)\]/gm)].map((m) => m[1].split(', '));
  const stoppedAt = error.token.tokenType.name;
  const continuing = sequences.filter((sequence) => sequence[0] === stoppedAt);
  if (continuing.length === 0 || continuing.some((sequence) => sequence.length < 2)) return undefined;
  const index = tokens.findIndex((t) => t.start === error.token.startOffset);
  const next = tokens[index + 1];
  if (index < 0 || !next) return undefined;
  const expected = expectationFrom(continuing.map((sequence) => sequence[1]));
  return { start: next.start, end: next.end, message: `Unexpected '${next.image}' after '${error.token.image}': ${expected}.`, parserMessage: error.message };
}

/** A parenthesis that closes nothing, or the innermost one never closed: a definite error, and a clearer one. */
function unbalancedParenthesis(tokens: readonly QueryToken[]): LocatedSyntaxError | undefined {
  const open: QueryToken[] = [];
  for (const token of tokens) {
    if (token.type === 'L_PAREN') open.push(token);
    else if (token.type === 'R_PAREN' && open.pop() === undefined) {
      return { start: token.start, end: token.end, message: "This ')' closes no '('. Remove it or add the '(' it belongs to.", parserMessage: '' };
    }
  }
  const unclosed = open.pop();
  if (!unclosed) return undefined;
  return { start: unclosed.start, end: unclosed.end, message: "This '(' is never closed. Add the ')' where its group ends.", parserMessage: '' };
}

/**
 * `2024-01-01T10:00:00` without a zone lexes as a date followed by stray tokens, and the parser's
 * complaint about a ':' says nothing useful; name the real problem instead.
 */
function zonelessDateTime(text: string, error: IRecognitionException): LocatedSyntaxError | undefined {
  const at = error.token.startOffset;
  if (at === null || Number.isNaN(at)) return undefined;
  const literal = /\d{4}-\d{2}-\d{2}T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(?![\dZz+\-:.])/g;
  for (const match of text.matchAll(literal)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (at >= start && at < end) {
      return {
        start,
        end,
        message: `The datetime ${match[0]} needs a time zone: add Z for UTC (${match[0]}Z) or an offset such as +02:00.`,
        parserMessage: error.message,
      };
    }
  }
  return undefined;
}

function describeRecognitionError(text: string, error: IRecognitionException): LocatedSyntaxError {
  const token = error.token;
  const atEnd = token.tokenType.name === 'EOF' || token.startOffset === null || Number.isNaN(token.startOffset);
  const parserMessage = error.message;
  if (atEnd) {
    const previous = (error as IRecognitionException & { previousToken?: IToken }).previousToken;
    const end = text.trimEnd().length;
    const lastWord = previous && previous.startOffset !== null && !Number.isNaN(previous.startOffset) ? previous : undefined;
    const start = lastWord ? lastWord.startOffset : Math.max(0, end - 1);
    const after = lastWord ? ` after '${lastWord.image}'` : '';
    return {
      start,
      end: lastWord ? (lastWord.endOffset ?? start) + 1 : end,
      message: `The query ends too early${after}: ${expectation(parserMessage)}.`,
      parserMessage,
    };
  }
  const start = token.startOffset;
  const end = (token.endOffset ?? start) + 1;
  let message: string;
  if (error.name === 'NotAllInputParsedException') {
    message = `Unexpected '${token.image}': the query should end before it. Remove it or fix the clause before it.`;
  } else {
    const expected = expectation(parserMessage);
    const unquotedText = /^[A-Za-z_][\w.]*$/.test(token.image) && expected.startsWith('expected a value');
    message = unquotedText
      ? `Unexpected '${token.image}': ${expected}. Text needs single quotes: '${token.image}'.`
      : `Unexpected '${token.image}': ${expected}.`;
  }
  return { start, end, message, parserMessage };
}

/** Turns chevrotain's wording into one short phrase a person can act on. */
function expectation(parserMessage: string): string {
  const single = /Expecting token of type --> (\S+) <--/.exec(parserMessage);
  if (single) return `expected ${readable(single[1])}`;
  return expectationFrom([...parserMessage.matchAll(/\[([A-Za-z_]+)\]/g)].map((m) => m[1]));
}

function expectationFrom(names: readonly string[]): string {
  if (names.some((name) => VALUE_TOKENS.has(name))) return "expected a value: a 'quoted string', a number, a date, TRUE, FALSE or NULL";
  if (names.includes('Identifier')) return 'expected a field name';
  const unique = [...new Set(names.map(readable))];
  if (unique.length === 1) return `expected ${unique[0]}`;
  if (unique.length > 0 && unique.length <= 6) return `expected one of ${unique.join(', ')}`;
  if (unique.length > 6) return `expected one of ${unique.slice(0, 6).join(', ')}, …`;
  return 'check the clause around it';
}

/** Token kinds that only appear where a literal value is expected. */
const VALUE_TOKENS = new Set(['StringIdentifier', 'NumberIdentifier', 'DateIdentifier', 'NULL']);

/**
 * Words for the lexer's token kinds and categories, so no message shows a parser-internal name. Keywords
 * whose pattern is a plain word are shown as that word (see `readable`).
 */
const SYMBOLS: Record<string, string> = {
  Identifier: 'a field or object name',
  IdentifierNotKeyword: 'a field or object name',
  EOF: 'the end of the query',
  L_PAREN: "'('",
  R_PAREN: "')'",
  RParenMismatch: "')'",
  COMMA: "','",
  COLON: "':'",
  EQUAL: "'='",
  NOT_EQUAL: "'!='",
  GREATER_THAN: "'>'",
  GREATER_THAN_OR_EQUAL: "'>='",
  LESS_THAN: "'<'",
  LESS_THAN_OR_EQUAL: "'<='",
  RelationalOperator: "a comparison such as '='",
  SymbolIdentifier: 'a symbol',
  UNSIGNED_INTEGER: 'a whole number',
  SIGNED_INTEGER: 'a whole number',
  UNSIGNED_DECIMAL: 'a number',
  SIGNED_DECIMAL: 'a number',
  CURRENCY_PREFIXED_DECIMAL: 'an amount such as USD500',
  CURRENCY_PREFIXED_INTEGER: 'an amount such as USD500',
  NumberIdentifier: 'a number',
  IntegerNumberIdentifier: 'a whole number',
  DecimalNumberIdentifier: 'a number',
  StringIdentifier: 'a quoted string',
  DATE: 'a date such as 2024-01-31',
  DATETIME: 'a datetime such as 2024-01-31T08:00:00Z',
  DATE_TIME: 'a datetime such as 2024-01-31T08:00:00Z',
  DateIdentifier: 'a date such as 2024-01-31',
  DateLiteral: 'a date literal such as TODAY',
  DateLiteralNotIdentifier: 'a date literal such as TODAY',
  DateNLiteral: 'a date literal such as LAST_N_DAYS:7',
  DateFunction: 'a date function such as CALENDAR_YEAR',
  AggregateFunction: 'an aggregate function such as COUNT',
  OtherFunction: 'a function such as toLabel',
  LocationFunction: 'DISTANCE or GEOLOCATION',
  FieldsFunction: 'FIELDS',
  FieldsFunctionParamIdentifier: 'ALL, STANDARD or CUSTOM',
  GEOLOCATION_UNIT: "'mi' or 'km'",
  GeolocationUnit: "'mi' or 'km'",
  UsingScopeEnumeration: 'a scope such as mine or everything',
  Keyword: 'a keyword',
  ReservedKeyword: 'a keyword',
  KeywordReserved: 'a keyword',
  ORDER_BY: 'ORDER BY',
  GROUP_BY: 'GROUP BY',
  DATA_CATEGORY: 'DATA CATEGORY',
  APEX_BIND_VARIABLE: 'a value',
};

/** Token kinds by name, for showing a keyword as the word its pattern matches. */
const TOKEN_TYPES = new Map(allTokens.map((type) => [type.name, type]));

export function readable(tokenName: string): string {
  const known = SYMBOLS[tokenName];
  if (known) return known;
  const pattern = TOKEN_TYPES.get(tokenName)?.PATTERN;
  const source = pattern instanceof RegExp ? pattern.source : typeof pattern === 'string' ? pattern : '';
  const word = source.replace(/\\s[+*]?/g, ' ');
  if (/^[A-Za-z_ ]+$/.test(word)) return word.toUpperCase();
  return /^[A-Z_]+$/.test(tokenName) ? tokenName.replace(/_/g, ' ') : 'something else';
}
