import { closestNames } from './describe-paths';
import { hasCategory, type QueryToken } from './tokens';
import type { SoqlProblem } from './types';

/**
 * The functions SOQL has, as Salesforce spells them, with how many arguments each takes. Names are
 * case-insensitive (`calendar_year` is CALENDAR_YEAR).
 */
const FUNCTIONS: Record<string, { min: number; max: number; example: string }> = {
  COUNT: { min: 0, max: 1, example: 'COUNT(Id)' },
  COUNT_DISTINCT: { min: 1, max: 1, example: 'COUNT_DISTINCT(OwnerId)' },
  SUM: { min: 1, max: 1, example: 'SUM(Amount)' },
  AVG: { min: 1, max: 1, example: 'AVG(Amount)' },
  MIN: { min: 1, max: 1, example: 'MIN(CreatedDate)' },
  MAX: { min: 1, max: 1, example: 'MAX(CreatedDate)' },
  CALENDAR_MONTH: { min: 1, max: 1, example: 'CALENDAR_MONTH(CreatedDate)' },
  CALENDAR_QUARTER: { min: 1, max: 1, example: 'CALENDAR_QUARTER(CreatedDate)' },
  CALENDAR_YEAR: { min: 1, max: 1, example: 'CALENDAR_YEAR(CreatedDate)' },
  DAY_IN_MONTH: { min: 1, max: 1, example: 'DAY_IN_MONTH(CreatedDate)' },
  DAY_IN_WEEK: { min: 1, max: 1, example: 'DAY_IN_WEEK(CreatedDate)' },
  DAY_IN_YEAR: { min: 1, max: 1, example: 'DAY_IN_YEAR(CreatedDate)' },
  DAY_ONLY: { min: 1, max: 1, example: 'DAY_ONLY(CreatedDate)' },
  FISCAL_MONTH: { min: 1, max: 1, example: 'FISCAL_MONTH(CreatedDate)' },
  FISCAL_QUARTER: { min: 1, max: 1, example: 'FISCAL_QUARTER(CreatedDate)' },
  FISCAL_YEAR: { min: 1, max: 1, example: 'FISCAL_YEAR(CreatedDate)' },
  HOUR_IN_DAY: { min: 1, max: 1, example: 'HOUR_IN_DAY(CreatedDate)' },
  WEEK_IN_MONTH: { min: 1, max: 1, example: 'WEEK_IN_MONTH(CreatedDate)' },
  WEEK_IN_YEAR: { min: 1, max: 1, example: 'WEEK_IN_YEAR(CreatedDate)' },
  TOLABEL: { min: 1, max: 1, example: 'toLabel(Status)' },
  FORMAT: { min: 1, max: 1, example: 'FORMAT(Amount)' },
  CONVERTCURRENCY: { min: 1, max: 1, example: 'convertCurrency(Amount)' },
  CONVERTTIMEZONE: { min: 1, max: 1, example: 'HOUR_IN_DAY(convertTimezone(CreatedDate))' },
  GROUPING: { min: 1, max: 1, example: 'GROUPING(Type)' },
  ROLLUP: { min: 1, max: Infinity, example: 'ROLLUP(Type)' },
  CUBE: { min: 1, max: Infinity, example: 'CUBE(Type)' },
  FIELDS: { min: 1, max: 1, example: 'FIELDS(STANDARD)' },
  DISTANCE: { min: 3, max: 3, example: "DISTANCE(Location__c, GEOLOCATION(37.77, -122.42), 'km')" },
  GEOLOCATION: { min: 2, max: 2, example: 'GEOLOCATION(37.77, -122.42)' },
};

const FUNCTION_NAMES = Object.keys(FUNCTIONS);

/**
 * Function calls the library lets through or reports badly: a name SOQL does not have (`foo(x)`),
 * a known function with the wrong number of arguments (`CALENDAR_YEAR()`), and convertTimezone()
 * outside a date function. Each is underlined on the call.
 */
export function functionProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i];
    if (tokens[i + 1].type !== 'L_PAREN') continue;
    const name = token.image.toUpperCase();
    const spec = FUNCTIONS[name];
    if (token.type === 'Identifier' && !spec) {
      const close = closestNames(name, FUNCTION_NAMES, 1)[0];
      // Spelled as the example writes it (toLabel, convertTimezone), which is how Salesforce documents it.
      const spelled = close ? (new RegExp(close, 'i').exec(FUNCTIONS[close].example)?.[0] ?? close) : undefined;
      problems.push({
        code: 'soql-syntax',
        message: `'${token.image}' is not a SOQL function.${spelled ? ` Did you mean ${spelled}()?` : ''}`,
        start: token.start,
        end: token.end,
        ...(spelled ? { replacements: [spelled] } : {}),
      });
      continue;
    }
    if (!spec || token.type === 'Identifier') continue;
    const { count, closeIndex } = argumentCount(tokens, i + 1);
    const end = tokens[closeIndex]?.end ?? tokens[i + 1].end;
    if (count < spec.min || count > spec.max) {
      problems.push({
        code: 'soql-syntax',
        message: `${token.image}() takes ${arity(spec.min, spec.max)}, not ${count}: for example ${spec.example}.`,
        start: token.start,
        end,
      });
    } else if (name === 'CONVERTTIMEZONE' && !insideDateFunction(tokens, i)) {
      problems.push({
        code: 'soql-syntax',
        message: `${token.image}() only works inside a date function, for example ${spec.example}.`,
        start: token.start,
        end,
      });
    }
  }
  return problems;
}

function arity(min: number, max: number): string {
  if (min === max) return min === 1 ? 'one argument' : `${min} arguments`;
  if (max === Infinity) return min === 1 ? 'one or more arguments' : `${min} or more arguments`;
  return `${min} to ${max} arguments`;
}

/** Arguments between the parenthesis at `open` and its match, counting only commas at that level. */
function argumentCount(tokens: readonly QueryToken[], open: number): { count: number; closeIndex: number } {
  const depth = tokens[open].depth + 1;
  let count = 0;
  let i = open + 1;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'R_PAREN' && token.depth === depth - 1) break;
    if (token.depth !== depth) continue;
    if (count === 0) count = 1;
    if (token.type === 'COMMA') count++;
  }
  return { count, closeIndex: i };
}

/** True when the call at `index` is the argument of a date function (`HOUR_IN_DAY(convertTimezone(x))`). */
function insideDateFunction(tokens: readonly QueryToken[], index: number): boolean {
  const open = tokens[index - 1];
  const fn = tokens[index - 2];
  return open?.type === 'L_PAREN' && fn !== undefined && hasCategory(fn, 'DateFunction');
}
