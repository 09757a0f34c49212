import { LruByObject } from '../memo';
import { allRowsProblems, bindVariableProblems, clauseProblems, groupByProblems, longStringProblems, whereCompositionProblems } from './checks';
import { dateCandidatesByName, dateCandidatesFromDescribe } from './date-candidates';
import { filterAndOrderFields } from './clause-fields';
import { conditionProblems } from './conditions';
import { parserDialect } from './dialect';
import { functionProblems } from './functions';
import { commaProblems } from './lists';
import { checkFields, checkObject } from './describe-checks';
import { parseQuery, type Query } from './library';
import { fromObjectToken, outerClauses } from './select-items';
import { selectedFields } from './selected-fields';
import { locateSyntaxError } from './syntax-error';
import { blankOut, findKeywordPairs, lexQuery, normalizeKeywordSpacing, type LexFailure, type QueryToken } from './tokens';
import { formatCount, MAX_QUERY_LENGTH, type AnalyzeOptions, type ClauseValue, type SoqlAnalysis, type SoqlFacts, type SoqlProblem } from './types';

/**
 * Analyzes a connector job's SOQL: syntax, the constructs a connector cannot run, the selected fields
 * with their positions, the date field candidates and, with describe data, unknown objects and fields.
 * Never throws: every failure is a problem with a range in the query text.
 */
export function analyzeSoql(query: string, options: AnalyzeOptions = {}): SoqlAnalysis {
  // A custom date-candidate source is a function whose answers cannot be keyed, so it is never remembered.
  const cache = options.dateCandidates ? undefined : ANALYSES.cacheFor(options.describe);
  const remembered = cache?.get(query);
  if (remembered) return remembered;
  const analysis = analyzeUncached(query, options);
  cache?.set(query, analysis);
  return analysis;
}

/**
 * Analyses by query text (and describe data): re-validating a job whose query did not change, on most
 * keystrokes, costs a lookup. Results are shared, so callers treat them as read-only.
 */
const ANALYSES = new LruByObject<SoqlAnalysis>(64);

function analyzeUncached(query: string, options: AnalyzeOptions): SoqlAnalysis {
  try {
    return analyze(query, options);
  } catch (error) {
    // The parser library, or describe data of an unexpected shape, can fail in ways no check describes;
    // the editor must still get a diagnostic instead of an exception. sfjob does not know whether the
    // query is wrong, so this is internal-error ("not checked"), never a syntax error, and the failure's
    // own text, which may quote the query or the cache, is left out.
    const kind = error instanceof Error ? error.name : 'unknown error';
    return {
      problems: [
        {
          code: 'internal-error',
          message: `The analysis of the query failed inside sfjob (${kind}), so the query and the fields it selects were not checked; the other checks ran. Simplify the query, and report it if it is valid SOQL.`,
          start: 0,
          end: query.length,
        },
      ],
    };
  }
}

function analyze(query: string, options: AnalyzeOptions): SoqlAnalysis {
  // Checked before anything else so a huge paste is never lexed or parsed.
  if (query.length > MAX_QUERY_LENGTH) {
    return {
      problems: [
        {
          code: 'soql-unsupported',
          message: `The query is ${formatCount(query.length)} characters long; Salesforce accepts at most ${formatCount(MAX_QUERY_LENGTH)}. Shorten it (long IN lists are the usual cause).`,
          start: MAX_QUERY_LENGTH,
          end: query.length,
          data: { length: query.length, max: MAX_QUERY_LENGTH },
        },
      ],
    };
  }
  if (query.trim() === '') {
    return { problems: [{ code: 'soql-syntax', message: 'The query is empty. Write a SELECT … FROM … query.', start: 0, end: query.length }] };
  }

  const lexed = lexQuery(query);
  if (!lexed.ok) {
    return { problems: [lexProblem(query, lexed.failure)] };
  }

  const problems: SoqlProblem[] = [];
  const groupBy = findKeywordPairs(lexed.tokens, 'GROUP', 'BY');
  const allRows = allRowsProblems(lexed.tokens);
  problems.push(...groupByProblems(groupBy), ...allRows, ...bindVariableProblems(lexed.tokens), ...longStringProblems(lexed.tokens));

  // The library reads `GROUP BY` and `ORDER BY` only with one space between the words and rejects
  // ALL ROWS; both are already reported above, so parse a copy that differs only there, offsets intact.
  // Valid SOQL the library refuses (USING SCOPE mine_and_my_groups, FROM Contact c, c.Account a, …) is
  // blanked the same way.
  const normalized = blankOut(normalizeKeywordSpacing(query, lexed.tokens), allRows);
  const dialect = parserDialect(normalized, normalized === query ? lexed.tokens : relex(normalized, lexed.tokens));
  const parseText = dialect.text;
  const tokens = parseText === query ? lexed.tokens : relex(parseText, lexed.tokens);
  problems.push(...dialect.notes);

  // Rules Salesforce enforces and the library does not; they work on tokens, so they hold whether or not the query parses.
  const structural = [...commaProblems(tokens), ...functionProblems(tokens), ...conditionProblems(tokens)];
  problems.push(...structural);

  let parsed: Query;
  try {
    parsed = parseQuery(parseText, { allowApexBindVariables: true });
  } catch (error) {
    const located = locateSyntaxError(parseText, tokens, error instanceof Error ? error.message : String(error));
    // A structural problem at or before the place the parser stopped is usually what stopped it; one mistake, one error.
    if (structural.every((p) => located.start < p.start)) {
      problems.push({
        code: 'soql-syntax',
        message: located.message,
        start: located.start,
        end: located.end,
        data: { parserMessage: located.parserMessage },
        ...(located.replacement ? { replacements: [located.replacement] } : {}),
      });
    }
    return { problems: sortProblems(problems) };
  }

  const { items, fromIndex } = outerClauses(tokens);
  const fields = selectedFields(parsed.fields ?? [], items, tokens, parsed.sObjectAlias);
  problems.push(...clauseProblems(parsed, tokens, fields), ...whereCompositionProblems(parsed, tokens));

  const objectToken = fromObjectToken(tokens, fromIndex);
  let object = parsed.sObject;
  if (options.describe && object && objectToken) {
    const checked = checkObject(options.describe, object, objectToken.start, objectToken.end);
    problems.push(...checked.problems);
    if (checked.object) {
      object = checked.object.name;
      // Fields reached through a second FROM object (`a.Name` for `c.Account a`) are not checked against describe data.
      const throughExtraObject = (path: string) => dialect.extraFromAliases.includes(path.split('.')[0].toLowerCase());
      const referenced = [...fields, ...filterAndOrderFields(tokens, parsed.sObjectAlias)].filter((f) => !throughExtraObject(f.path));
      problems.push(...checkFields(options.describe, checked.object, referenced));
    }
  }

  const candidateSource = options.dateCandidates ?? (options.describe ? dateCandidatesFromDescribe(options.describe) : dateCandidatesByName);
  const facts: SoqlFacts = {
    ...(object ? { object } : {}),
    ...(objectToken ? { objectStart: objectToken.start, objectEnd: objectToken.end } : {}),
    ...clauseValue('limit', 'LIMIT', parsed.limit, tokens),
    ...clauseValue('offset', 'OFFSET', parsed.offset, tokens),
    fields: fields.map(({ kind: _kind, strayAlias: _strayAlias, ...field }) => field),
    dateFieldCandidates: candidateSource.dateCandidates(object, fields.filter((f) => f.kind === 'field' || f.kind === 'fields-macro')),
  };
  return { facts, problems: sortProblems(problems) };
}

function clauseValue(key: 'limit' | 'offset', type: string, value: number | undefined, tokens: readonly QueryToken[]): Partial<SoqlFacts> {
  const at = tokens.findIndex((t) => t.depth === 0 && t.type === type);
  if (value === undefined || at < 0) return {};
  const clause: ClauseValue = { value, start: tokens[at].start, end: (tokens[at + 1] ?? tokens[at]).end };
  return { [key]: clause };
}

function lexProblem(query: string, failure: LexFailure): SoqlProblem {
  const { start, end, character } = failure;
  if (character === "'") {
    return { code: 'soql-syntax', message: "This string is never closed. Add a ' where it ends (write \\' for a quote inside it).", start, end };
  }
  if (character === '"') {
    const quoted = /^"([^"\n]*)"/.exec(query.slice(start));
    const example = quoted ? ` ('${quoted[1]}')` : '';
    return { code: 'soql-syntax', message: `SOQL strings use single quotes${example}, not double quotes.`, start, end: quoted ? start + quoted[0].length : end };
  }
  return { code: 'soql-syntax', message: `SOQL has no '${character}' here. Remove it or put it inside a quoted string.`, start, end };
}

function relex(text: string, fallback: QueryToken[]): QueryToken[] {
  const result = lexQuery(text);
  return result.ok ? result.tokens : fallback;
}

function sortProblems(problems: SoqlProblem[]): SoqlProblem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}
