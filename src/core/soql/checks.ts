import type { Query } from './library';
import { sqlOnlyWord } from './keyword-typos';
import type { AnalyzedField } from './selected-fields';
import { isDateNLiteral, isWord, type KeywordPair, type QueryToken } from './tokens';
import { formatCount, MAX_FIELDS_MACRO_LIMIT, MAX_OFFSET, MAX_WHERE_STRING_LENGTH, type SoqlProblem } from './types';
import { composedWhere, notChainAt, outerWhereTokens, whereSurvivesComposition } from './where-text';

/**
 * Checks that work on tokens alone, so they also run when the library cannot parse the query
 * (it rejects `ALL ROWS` and `GROUP` and `BY` on separate lines).
 */
export function groupByProblems(pairs: readonly KeywordPair[]): SoqlProblem[] {
  return pairs
    .filter((pair) => pair.depth === 0)
    .map((pair) => ({
      code: 'soql-group-by',
      message:
        'GROUP BY is not supported in a connector query: grouped rows are AggregateResult summaries, not records. ' +
        'Remove the GROUP BY clause and select the record fields you need.',
      start: pair.start,
      end: pair.end,
    }));
}

/** `ALL ROWS` at the end of the outer query: Apex-only syntax. Returns the problems and the ranges to drop before parsing. */
export function allRowsProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (isWord(tokens[i], 'ALL') && isWord(tokens[i + 1], 'ROWS') && tokens[i].depth === 0) {
      problems.push({
        code: 'soql-unsupported',
        message:
          'ALL ROWS only works in Apex. To include deleted and archived records, remove ALL ROWS and set ' +
          '"includeDeleted": true in the job.',
        start: tokens[i].start,
        end: tokens[i + 1].end,
      });
    }
  }
  return problems;
}

/** Apex bind variables (`:name`) have no value outside Apex. `LAST_N_DAYS:7` is a literal, not a bind. */
export function bindVariableProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const name = tokens[i + 1];
    if (token.type !== 'COLON' || isDateNLiteral(tokens[i - 1]) || !name || !/^[A-Za-z_]/.test(name.image)) continue;
    problems.push({
      code: 'soql-unsupported',
      message: `The Apex bind variable ':${name.image}' has no value outside Apex. Write the value into the query instead.`,
      start: token.start,
      end: name.end,
    });
  }
  return problems;
}

/** Salesforce refuses a string literal in WHERE longer than 4,000 characters. */
export function longStringProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  return tokens
    .filter((t) => t.type === 'StringIdentifier' && t.image.length - 2 > MAX_WHERE_STRING_LENGTH)
    .map((t) => ({
      code: 'soql-unsupported',
      message: `This string is ${formatCount(t.image.length - 2)} characters long; Salesforce accepts at most ${formatCount(MAX_WHERE_STRING_LENGTH)} in a condition. Shorten it or split the condition.`,
      start: t.start,
      end: t.end,
    }));
}

/** Checks on the parsed outer query; tokens give the ranges. */
export function clauseProblems(query: Query, tokens: readonly QueryToken[], fields: readonly AnalyzedField[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  const outer = tokens.filter((t) => t.depth === 0);
  const outerIndex = (type: string) => outer.findIndex((t) => t.type === type);

  const having = outerIndex('HAVING');
  if (query.having && having >= 0) {
    problems.push({
      code: 'soql-unsupported',
      message: 'HAVING filters grouped rows, and a connector query cannot group. Move the condition into WHERE.',
      start: outer[having].start,
      end: outer[having].end,
    });
  }

  const offset = outerIndex('OFFSET');
  if (query.offset !== undefined && query.offset > MAX_OFFSET && offset >= 0) {
    const value = outer[offset + 1] ?? outer[offset];
    problems.push({
      code: 'soql-unsupported',
      message: `OFFSET ${query.offset} is over Salesforce's maximum of ${MAX_OFFSET}. Remove the OFFSET: the connector pages through the results itself.`,
      start: outer[offset].start,
      end: value.end,
      data: { offset: query.offset, max: MAX_OFFSET },
    });
  }

  const forIndex = outerIndex('FOR');
  if (query.for && forIndex >= 0) {
    problems.push({
      code: 'soql-unsupported',
      message: `FOR ${query.for} locks or marks records as viewed; a read-only connector query cannot use it. Remove the FOR clause.`,
      start: outer[forIndex].start,
      end: (outer[forIndex + 1] ?? outer[forIndex]).end,
    });
  }

  const update = outer.findIndex((t, i) => t.type === 'UPDATE' && outer[i - 1]?.type !== 'FOR');
  if (query.update && update >= 0) {
    problems.push({
      code: 'soql-unsupported',
      message: `UPDATE ${query.update} writes tracking data on every run; a read-only connector query cannot use it. Remove the UPDATE clause.`,
      start: outer[update].start,
      end: (outer[update + 1] ?? outer[update]).end,
    });
  }

  for (const field of fields) {
    if (field.kind !== 'fields-macro') continue;
    const unbounded = /\(\s*(ALL|CUSTOM)\s*\)/i.exec(field.path);
    if (unbounded && (query.limit === undefined || query.limit > MAX_FIELDS_MACRO_LIMIT)) {
      problems.push({
        code: 'soql-unsupported',
        message:
          `FIELDS(${unbounded[1].toUpperCase()}) needs LIMIT ${MAX_FIELDS_MACRO_LIMIT} or less, which would cap every run. ` +
          'List the fields you need instead (FIELDS(STANDARD) has no such limit).',
        start: field.start,
        end: field.end,
      });
    }
  }

  const hasGroupBy = query.groupBy !== undefined;
  for (const field of fields) {
    // Grouped fields can carry an alias (`SELECT LeadSource src, COUNT(Id) n … GROUP BY LeadSource`).
    const sqlWord = field.kind === 'field' ? sqlOnlyWord(field.path) : undefined;
    if (sqlWord) {
      // `SELECT DISTINCT Name` reads as the field DISTINCT with the alias Name; the SQL word is the mistake.
      problems.push({ code: 'soql-syntax', message: sqlWord, start: field.start, end: field.end });
    } else if (field.strayAlias && !hasGroupBy) {
      problems.push({
        code: 'soql-syntax',
        message:
          `Only aggregate functions can have an alias, so '${field.strayAlias.name}' after '${field.path}' is refused. ` +
          `If it is another field, add the missing comma: ${field.path}, ${field.strayAlias.name}.`,
        start: field.strayAlias.start,
        end: field.strayAlias.end,
      });
    }
    if (field.kind === 'aggregate' && !hasGroupBy) {
      const countOnly = /^COUNT\(\s*\)$/i.test(field.path);
      problems.push({
        code: 'soql-aggregate',
        message: countOnly
          ? 'COUNT() returns only the number of matching rows, no records to turn into documents. Select the record fields instead.'
          : `${field.path} makes the query return one AggregateResult summary row instead of records. Select the record fields instead.`,
        start: field.start,
        end: field.end,
      });
    }
    if (field.kind === 'subquery') {
      problems.push({
        code: 'soql-unsupported',
        severity: 'warning',
        message:
          `The child rows of this subquery come back nested under '${field.path}' and cannot be mapped to document fields. ` +
          'Remove the subquery, or query the child object in a job of its own.',
        start: field.start,
        end: field.end,
      });
    }
  }
  return problems;
}

/**
 * The runner ANDs its window onto the WHERE by composing it from the parsed query; a WHERE that does
 * not survive that (three or more NOTs in a row) is reported here so the run does not fail later.
 */
export function whereCompositionProblems(query: Query, tokens: readonly QueryToken[]): SoqlProblem[] {
  if (!query.where) return [];
  const condition = outerWhereTokens(tokens);
  // Only a run of three NOTs takes the library's lossy path; skipping the compose-and-compare otherwise
  // keeps a keystroke on a long IN list cheap.
  if (condition.filter((t) => t.type === 'NOT').length < 3) return [];
  if (whereSurvivesComposition(condition, composedWhere(query))) return [];
  const where = tokens.find((t) => t.depth === 0 && t.type === 'WHERE');
  const at = notChainAt(condition) ?? where ?? { start: 0, end: 0 };
  return [
    {
      code: 'soql-unsupported',
      message:
        'Three or more NOTs in a row cannot be combined with the incremental window without changing what the query selects. ' +
        'Simplify the condition: NOT (NOT x) is x.',
      start: at.start,
      end: at.end,
    },
  ];
}
