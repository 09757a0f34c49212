import { isWord, type QueryToken } from './tokens';
import type { SoqlProblem } from './types';

/**
 * Valid SOQL that soql-parser-js 5.0.2 refuses, found on tokens and hidden from the parser by blanking
 * characters with spaces, so every other offset stays where it was:
 *
 * - `USING SCOPE` with a scope the library does not list (`mine_and_my_groups`, `scopingRule`, `mru`, …);
 * - more than one object in FROM (`FROM Contact c, c.Account a`);
 * - `ASC`, `DESC` or `NULLS FIRST|LAST` after `GROUPING(x)` in ORDER BY;
 * - `UPDATE TRACKING, VIEWSTAT` (the library takes one of the two).
 *
 * What was blanked is kept, so a query composed from the parsed model can put it back.
 */
export interface ParserDialect {
  /** The query as the library can read it, the same length as the original. */
  text: string;
  /** The blanked ranges, in order. */
  hidden: { start: number; end: number }[];
  /** The scope word written after `USING SCOPE`, when the clause was hidden. */
  usingScope?: string;
  /** The FROM entries after the first (`c.Account a`), as written. */
  extraFromEntries?: string;
  /** The aliases those entries name (`a` in `c.Account a`), lower-cased. */
  extraFromAliases: string[];
  /** True when a scope or FROM entry was hidden inside a subquery, where a composed query could not put it back. */
  hiddenInSubquery: boolean;
  /** What sfjob leaves to Salesforce to check (information), and what a run could not compose (errors). */
  notes: SoqlProblem[];
}

/** The scopes Salesforce documents for `USING SCOPE`, lower-cased. */
const KNOWN_SCOPES = new Set([
  'delegated',
  'everything',
  'mine',
  'mine_and_my_groups',
  'my_territory',
  'my_team_territory',
  'team',
  'scopingrule',
  'allprivate',
  'mru',
]);

/** Tokens that end the FROM list of a query (or subquery). */
const AFTER_FROM = new Set(['USING', 'WHERE', 'WITH', 'GROUP_BY', 'ORDER_BY', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE', 'HAVING', 'R_PAREN']);

export function parserDialect(text: string, tokens: readonly QueryToken[]): ParserDialect {
  const hidden: { start: number; end: number }[] = [];
  const notes: SoqlProblem[] = [];
  let usingScope: string | undefined;
  let extraFromEntries: string | undefined;
  let extraFromAliases: string[] = [];
  let hiddenInSubquery = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'USING' && isWord(tokens[i + 1], 'SCOPE') && tokens[i + 2] && isScopeWord(tokens[i + 2])) {
      const scope = tokens[i + 2];
      hidden.push({ start: token.start, end: scope.end });
      if (token.depth === 0) usingScope = scope.image;
      else hiddenInSubquery = notes.push(subqueryNote(token.start, scope.end)) > 0;
      if (!KNOWN_SCOPES.has(scope.image.toLowerCase())) {
        notes.push({
          code: 'soql-syntax',
          severity: 'info',
          message: `Not checked: '${scope.image}' is not a scope sfjob knows; Salesforce checks it when the query runs.`,
          start: scope.start,
          end: scope.end,
        });
      }
      i += 2;
    } else if (token.type === 'FROM') {
      const extra = extraFromRange(tokens, i);
      if (extra) {
        hidden.push(extra);
        if (token.depth === 0) {
          extraFromEntries = text.slice(extra.start, extra.end).replace(/^\s*,\s*/, '');
          extraFromAliases = extraFromEntries.split(',').flatMap((entry) => entry.trim().split(/\s+/).slice(1).map((alias) => alias.toLowerCase()));
        }
        else hiddenInSubquery = notes.push(subqueryNote(extra.start, extra.end)) > 0;
      }
    } else if (token.type === 'GROUPING' && tokens[i + 1]?.type === 'L_PAREN') {
      const direction = groupingDirection(tokens, i);
      if (direction) hidden.push(direction);
    } else if (token.type === 'UPDATE' && tokens[i - 1]?.type !== 'FOR') {
      const second = tokens[i + 3];
      if (tokens[i + 2]?.type === 'COMMA' && (second?.type === 'TRACKING' || second?.type === 'VIEWSTAT')) {
        hidden.push({ start: tokens[i + 2].start, end: second.end });
      }
    }
  }
  let blanked = text;
  for (const range of hidden) blanked = blanked.slice(0, range.start) + ' '.repeat(range.end - range.start) + blanked.slice(range.end);
  return {
    text: blanked,
    hidden,
    hiddenInSubquery,
    ...(usingScope !== undefined ? { usingScope } : {}),
    ...(extraFromEntries !== undefined ? { extraFromEntries } : {}),
    extraFromAliases,
    notes,
  };
}

/** The window query is composed from the parsed model, which has no place for these inside a subquery. */
function subqueryNote(start: number, end: number): SoqlProblem {
  return {
    code: 'soql-unsupported',
    message: 'USING SCOPE or a second FROM object inside a subquery cannot be combined with the incremental window. Move it to the outer query or remove it.',
    start,
    end,
  };
}

function isScopeWord(token: QueryToken): boolean {
  return /^[A-Za-z_]\w*$/.test(token.image);
}

/**
 * `, c.Account a, …` after `FROM Object [alias]`, up to the clause that follows. Only well-formed
 * entries (a name and an optional alias after each comma) are hidden; anything else is left for the
 * parser and the comma check to report.
 */
function extraFromRange(tokens: readonly QueryToken[], fromIndex: number): { start: number; end: number } | undefined {
  const depth = tokens[fromIndex].depth;
  const isName = (token: QueryToken | undefined) => token !== undefined && token.depth === depth && token.type === 'Identifier';
  let i = fromIndex + 2;
  if (isName(tokens[i])) i++;
  if (tokens[i]?.type !== 'COMMA' || tokens[i].depth !== depth) return undefined;
  const start = tokens[i].start;
  let end = start;
  while (tokens[i]?.type === 'COMMA' && tokens[i].depth === depth) {
    if (!isName(tokens[i + 1])) return undefined;
    i += 2;
    if (isName(tokens[i])) i++;
    end = tokens[i - 1].end;
  }
  const next = tokens[i];
  return next === undefined || next.depth < depth || AFTER_FROM.has(next.type) ? { start, end } : undefined;
}

/** The `DESC NULLS LAST` after `GROUPING(x)`; the library's grammar takes none of it there. */
function groupingDirection(tokens: readonly QueryToken[], index: number): { start: number; end: number } | undefined {
  let i = index + 1;
  const depth = tokens[index].depth;
  while (i < tokens.length && !(tokens[i].type === 'R_PAREN' && tokens[i].depth === depth)) i++;
  const first = i + 1;
  let last = first;
  if (tokens[last]?.type === 'ASC' || tokens[last]?.type === 'DESC') last++;
  if (tokens[last]?.type === 'NULLS' && (tokens[last + 1]?.type === 'FIRST' || tokens[last + 1]?.type === 'LAST')) last += 2;
  return last > first ? { start: tokens[first].start, end: tokens[last - 1].end } : undefined;
}
