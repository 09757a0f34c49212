/**
 * What fits at a place in a SOQL query being typed: after SELECT, fields not selected yet and the
 * functions a connector query may use; after FROM, objects; in WHERE, fields, then operators, then
 * values, then AND/OR; after ORDER BY, fields, then ASC/DESC. The text is usually incomplete, so it is
 * read with a forgiving scan instead of the parser, which would stop at the first unfinished clause.
 */

export type SoqlSuggestionKind = 'keyword' | 'field' | 'function' | 'object' | 'operator' | 'value';

export interface SoqlSuggestion {
  label: string;
  kind: SoqlSuggestionKind;
  detail?: string;
}

export interface SoqlCompletionKnowledge {
  /** The fields of the FROM object (describe data, else the sample's keys, else the selected fields). */
  fields: readonly { name: string; detail?: string }[];
  objects: readonly { name: string; detail?: string }[];
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'open' | 'close' | 'comma' | 'operator';
  text: string;
  start: number;
  end: number;
}

const TOKEN = /\s+|'(?:[^'\\]|\\.)*'?|[A-Za-z_][A-Za-z0-9_.]*(?::\d*)?|\d[\d.\-:TZ+]*|\(|\)|,|!=|<=|>=|[=<>]|./gs;

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const image = match[0];
    const start = match.index ?? 0;
    if (/^\s/.test(image)) continue;
    const kind: Token['kind'] =
      image === '(' ? 'open' : image === ')' ? 'close' : image === ',' ? 'comma' : image.startsWith("'") ? 'string' : /^\d/.test(image) ? 'number' : /^[A-Za-z_]/.test(image) ? 'word' : 'operator';
    tokens.push({ kind, text: image, start, end: start + image.length });
  }
  return tokens;
}

const CLAUSES = ['SELECT', 'FROM', 'WHERE', 'WITH', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'USING', 'FOR'] as const;
type Clause = (typeof CLAUSES)[number];

const WORD_OPERATORS = new Set(['LIKE', 'IN', 'INCLUDES', 'EXCLUDES']);
const CONDITION_STARTS = new Set(['WHERE', 'HAVING', 'AND', 'OR', 'NOT']);
const VALUE_WORDS = new Set(['NULL', 'TRUE', 'FALSE']);

/** Functions a connector's SELECT list may use: aggregates make AggregateResult rows, which a job cannot load. */
const SELECT_FUNCTIONS: readonly SoqlSuggestion[] = [
  { label: 'toLabel', kind: 'function', detail: 'the translated label of a picklist value' },
  { label: 'FORMAT', kind: 'function', detail: 'a number, date or currency formatted for the user\'s locale' },
  { label: 'convertCurrency', kind: 'function', detail: 'a currency amount in the user\'s currency' },
  { label: 'FIELDS', kind: 'function', detail: 'FIELDS(STANDARD): every standard field' },
];

/** Date functions a condition may compare (CALENDAR_YEAR(CreatedDate) = 2024). */
const CONDITION_FUNCTIONS: readonly SoqlSuggestion[] = ['CALENDAR_YEAR', 'CALENDAR_MONTH', 'CALENDAR_QUARTER', 'DAY_IN_WEEK', 'DAY_IN_MONTH', 'DAY_ONLY', 'HOUR_IN_DAY', 'WEEK_IN_YEAR'].map((label) => ({
  label,
  kind: 'function' as const,
  detail: 'date function',
}));

const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].map((label): SoqlSuggestion => ({ label, kind: 'operator' }));

const DATE_LITERALS = ['TODAY', 'YESTERDAY', 'LAST_N_DAYS:', 'LAST_WEEK', 'THIS_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'LAST_YEAR', 'THIS_YEAR'];
const VALUES: readonly SoqlSuggestion[] = [...DATE_LITERALS.map((label): SoqlSuggestion => ({ label, kind: 'value', detail: 'date literal' })), ...['null', 'true', 'false'].map((label): SoqlSuggestion => ({ label, kind: 'value' }))];

const keywords = (...labels: string[]): SoqlSuggestion[] => labels.map((label) => ({ label, kind: 'keyword' }));

const AFTER_OBJECT = keywords('WHERE', 'WITH SECURITY_ENFORCED', 'USING SCOPE', 'ORDER BY', 'LIMIT');
const AFTER_CONDITION = keywords('AND', 'OR', 'ORDER BY', 'LIMIT');
const AFTER_ORDER_FIELD = keywords('ASC', 'DESC', 'NULLS FIRST', 'NULLS LAST', 'LIMIT', 'OFFSET');
const AFTER_DIRECTION = keywords('NULLS FIRST', 'NULLS LAST', 'LIMIT', 'OFFSET');

/** The tokens of the group the cursor is in (after its unclosed '('), with closed groups folded to their ')'. */
function currentGroup(tokens: readonly Token[]): { group: Token[]; outer: Token[][] } {
  const stack: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'open') {
      stack[stack.length - 1].push(token);
      stack.push([]);
    } else if (token.kind === 'close' && stack.length > 1) {
      stack.pop();
      stack[stack.length - 1].push(token);
    } else {
      stack[stack.length - 1].push(token);
    }
  }
  const group = stack.pop() ?? [];
  return { group, outer: stack.reverse() };
}

function clauseOf(tokens: readonly Token[]): { clause: Clause; index: number } | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const word = tokens[i].kind === 'word' ? tokens[i].text.toUpperCase() : '';
    if ((CLAUSES as readonly string[]).includes(word)) return { clause: word as Clause, index: i };
  }
  return undefined;
}

const upper = (token: Token | undefined): string => (token?.kind === 'word' ? token.text.toUpperCase() : (token?.text ?? ''));

/** A word that names a field, not a keyword or a literal. */
function isFieldWord(token: Token | undefined): boolean {
  if (token?.kind !== 'word') return false;
  const word = token.text.toUpperCase();
  return !CONDITION_STARTS.has(word) && !WORD_OPERATORS.has(word) && !VALUE_WORDS.has(word) && !DATE_LITERALS.some((d) => word.startsWith(d.replace(':', '')));
}

/** Field names already in the SELECT list that starts at `selectStart` (excluding the word at the cursor). */
function selectedNames(text: string, selectStart: number): Set<string> {
  const tokens = scan(text.slice(selectStart));
  const names = new Set<string>();
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'open') depth++;
    else if (token.kind === 'close') depth--;
    else if (depth === 0 && upper(token) === 'FROM') break;
    else if (depth === 0 && token.kind === 'word' && (tokens[i + 1] === undefined || tokens[i + 1].kind === 'comma' || upper(tokens[i + 1]) === 'FROM')) names.add(token.text.toLowerCase());
  }
  return names;
}

function whereSuggestions(previous: Token | undefined, beforePrevious: Token | undefined, knowledge: SoqlCompletionKnowledge): SoqlSuggestion[] {
  const prev = upper(previous);
  if (!previous || previous.kind === 'open' || CONDITION_STARTS.has(prev)) {
    return [...fieldSuggestions(knowledge.fields), ...CONDITION_FUNCTIONS, ...(prev === 'NOT' ? [] : keywords('NOT'))];
  }
  if (previous.kind === 'operator' || WORD_OPERATORS.has(prev)) return [...VALUES];
  const startsCondition = !beforePrevious || beforePrevious.kind === 'open' || CONDITION_STARTS.has(upper(beforePrevious));
  if (isFieldWord(previous) && startsCondition) return [...OPERATORS];
  // CALENDAR_YEAR(CreatedDate) is compared like a field; a closed group of conditions or values is not.
  if (previous.kind === 'close' && isFieldWord(beforePrevious)) return [...OPERATORS];
  return [...AFTER_CONDITION];
}

function orderSuggestions(previous: Token | undefined, knowledge: SoqlCompletionKnowledge): SoqlSuggestion[] {
  const prev = upper(previous);
  if (prev === 'BY' || previous?.kind === 'comma') return fieldSuggestions(knowledge.fields);
  if (prev === 'NULLS') return keywords('FIRST', 'LAST');
  if (prev === 'ASC' || prev === 'DESC') return [...AFTER_DIRECTION];
  if (prev === 'FIRST' || prev === 'LAST') return keywords('LIMIT', 'OFFSET');
  return [...AFTER_ORDER_FIELD];
}

function fieldSuggestions(fields: SoqlCompletionKnowledge['fields'], except: ReadonlySet<string> = new Set()): SoqlSuggestion[] {
  return fields.filter((f) => !except.has(f.name.toLowerCase())).map((f) => ({ label: f.name, kind: 'field', ...(f.detail ? { detail: f.detail } : {}) }));
}

/**
 * The suggestions at `cursor` in `text` (the query, decoded). The word being typed is left to the
 * editor's filtering; only what comes before it decides what fits.
 */
export function soqlSuggestions(text: string, cursor: number, knowledge: SoqlCompletionKnowledge): SoqlSuggestion[] {
  let wordStart = cursor;
  while (wordStart > 0 && /[A-Za-z0-9_.]/.test(text[wordStart - 1])) wordStart--;
  const { group, outer } = currentGroup(scan(text.slice(0, wordStart)));
  const own = clauseOf(group);
  // A parenthesised condition or a function's arguments belong to the clause around them.
  const found = own ?? outer.map(clauseOf).find((c) => c !== undefined);
  if (!found) return keywords('SELECT');
  // Right after a '(' the token before the cursor is that parenthesis, which the enclosing group ends with.
  const opening = outer[0]?.[outer[0].length - 1];
  const previous = group.length > 0 ? group[group.length - 1] : opening;
  // Before a closed group `F(x)` what counts is the word in front of its '(' (folded as "(" then ")").
  const back = previous?.kind === 'close' && group.length > 2 ? 3 : 2;
  const beforePrevious = group.length >= back ? group[group.length - back] : group.length === 1 ? opening : undefined;
  const prev = upper(previous);
  switch (found.clause) {
    case 'SELECT': {
      if (previous?.kind === 'open') return fieldSuggestions(knowledge.fields);
      if (prev !== 'SELECT' && previous?.kind !== 'comma') return keywords('FROM');
      const rest = text.slice(0, wordStart) + ' ' + text.slice(wordEnd(text, wordStart));
      const selected = own ? selectedNames(rest, group[own.index].start) : new Set<string>();
      return [...fieldSuggestions(knowledge.fields, selected), ...SELECT_FUNCTIONS];
    }
    case 'FROM':
      return prev === 'FROM' ? knowledge.objects.map((o): SoqlSuggestion => ({ label: o.name, kind: 'object', ...(o.detail ? { detail: o.detail } : {}) })) : [...AFTER_OBJECT];
    case 'WHERE':
    case 'HAVING':
      return whereSuggestions(previous, beforePrevious, knowledge);
    case 'ORDER':
      return orderSuggestions(previous, knowledge);
    case 'LIMIT':
      return prev === 'LIMIT' ? [] : keywords('OFFSET');
    case 'OFFSET':
      return [];
    case 'WITH':
      return prev === 'WITH' ? keywords('SECURITY_ENFORCED') : keywords('ORDER BY', 'LIMIT');
    case 'USING':
      if (prev === 'USING') return keywords('SCOPE');
      if (prev === 'SCOPE') return ['everything', 'mine', 'team', 'delegated'].map((label): SoqlSuggestion => ({ label, kind: 'value' }));
      return AFTER_OBJECT.filter((k) => k.label !== 'USING SCOPE');
    default:
      return [];
  }
}

/** Where the word that starts at `start` ends. */
function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && /[A-Za-z0-9_.]/.test(text[end])) end++;
  return end;
}
