import type { ExprType, ExprValue } from './ast';
import {
  asDate,
  isBlank,
  roundHalfAwayFromZero,
  startOfUtcDay,
  textToNumber,
  toText,
} from './values';

export interface EvalEnv {
  /** The run's clock: TODAY() and NOW() read it, so a run and its tests are repeatable. */
  now: Date;
}

/** What an argument may be; `any` takes every type. */
export type ParamType = ExprType | 'any' | 'date-like';

export interface FunctionSpec {
  name: string;
  /** How it is written, for messages, completion and hover: `CONTAINS(text, part)`. */
  signature: string;
  description: string;
  minArgs: number;
  maxArgs: number;
  /** The type of each parameter; the last one repeats for variadic functions. */
  params: readonly ParamType[];
  /** The result type given the argument types (already checked). */
  returns(argTypes: readonly ExprType[]): ExprType;
  /**
   * Eager evaluation over evaluated arguments, with each argument's static type (for TEXT of a date).
   * AND, OR and IF are evaluated lazily by the compiler and have none.
   */
  evaluate?(args: readonly ExprValue[], argTypes: readonly ExprType[], env: EvalEnv): ExprValue;
}

const fixed =
  (type: ExprType) =>
  (): ExprType =>
    type;

function text(value: ExprValue, type: ExprType): string | null {
  return toText(value, type);
}

function number(value: ExprValue): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const specs: FunctionSpec[] = [
  {
    name: 'AND',
    signature: 'AND(condition, condition, …)',
    description: 'True when every condition is true. `A AND B` is the same.',
    minArgs: 1,
    maxArgs: Infinity,
    params: ['boolean'],
    returns: fixed('boolean'),
  },
  {
    name: 'OR',
    signature: 'OR(condition, condition, …)',
    description: 'True when any condition is true. `A OR B` is the same.',
    minArgs: 1,
    maxArgs: Infinity,
    params: ['boolean'],
    returns: fixed('boolean'),
  },
  {
    name: 'NOT',
    signature: 'NOT(condition)',
    description: 'True when the condition is false. `NOT A` is the same.',
    minArgs: 1,
    maxArgs: 1,
    params: ['boolean'],
    returns: fixed('boolean'),
    evaluate: ([a]) => a !== true,
  },
  {
    name: 'IF',
    signature: 'IF(condition, value if true, value if false)',
    description: 'One of two values, depending on the condition.',
    minArgs: 3,
    maxArgs: 3,
    params: ['boolean', 'any', 'any'],
    returns: ([, a, b]) => unify(a, b) ?? 'unknown',
  },
  {
    name: 'ISBLANK',
    signature: 'ISBLANK(value)',
    description: 'True when the value is missing (null) or empty text.',
    minArgs: 1,
    maxArgs: 1,
    params: ['any'],
    returns: fixed('boolean'),
    evaluate: ([a]) => isBlank(a),
  },
  {
    name: 'CONTAINS',
    signature: 'CONTAINS(text, part)',
    description: 'True when the text contains the part (case-sensitive).',
    minArgs: 2,
    maxArgs: 2,
    params: ['text', 'text'],
    returns: fixed('boolean'),
    evaluate: ([a, b], [ta, tb]) => {
      const whole = text(a, ta);
      const part = text(b, tb);
      return whole !== null && part !== null && whole.includes(part);
    },
  },
  {
    name: 'BEGINS',
    signature: 'BEGINS(text, start)',
    description: 'True when the text starts with the given start (case-sensitive).',
    minArgs: 2,
    maxArgs: 2,
    params: ['text', 'text'],
    returns: fixed('boolean'),
    evaluate: ([a, b], [ta, tb]) => {
      const whole = text(a, ta);
      const start = text(b, tb);
      return whole !== null && start !== null && whole.startsWith(start);
    },
  },
  {
    name: 'UPPER',
    signature: 'UPPER(text)',
    description: 'The text in capital letters.',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: fixed('text'),
    evaluate: ([a], [ta]) => text(a, ta)?.toUpperCase() ?? null,
  },
  {
    name: 'LOWER',
    signature: 'LOWER(text)',
    description: 'The text in small letters.',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: fixed('text'),
    evaluate: ([a], [ta]) => text(a, ta)?.toLowerCase() ?? null,
  },
  {
    name: 'TRIM',
    signature: 'TRIM(text)',
    description: 'The text without spaces at its start and end.',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: fixed('text'),
    evaluate: ([a], [ta]) => text(a, ta)?.trim() ?? null,
  },
  {
    name: 'LEN',
    signature: 'LEN(text)',
    description: 'The number of characters in the text (0 when blank).',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: fixed('number'),
    evaluate: ([a], [ta]) => text(a, ta)?.length ?? 0,
  },
  {
    name: 'ABS',
    signature: 'ABS(number)',
    description: 'The number without its sign.',
    minArgs: 1,
    maxArgs: 1,
    params: ['number'],
    returns: fixed('number'),
    evaluate: ([a]) => {
      const n = number(a);
      return n === null ? null : Math.abs(n);
    },
  },
  {
    name: 'ROUND',
    signature: 'ROUND(number, digits)',
    description: 'The number rounded to the given decimal digits (half away from zero); digits defaults to 0.',
    minArgs: 1,
    maxArgs: 2,
    params: ['number', 'number'],
    returns: fixed('number'),
    evaluate: ([a, digits]) => {
      const n = number(a);
      const d = digits === undefined ? 0 : number(digits);
      return n === null || d === null ? null : roundHalfAwayFromZero(n, d);
    },
  },
  {
    name: 'TEXT',
    signature: 'TEXT(value)',
    description: 'The value as text: numbers as digits, dates as YYYY-MM-DD, date-times in ISO 8601 UTC.',
    minArgs: 1,
    maxArgs: 1,
    params: ['any'],
    returns: fixed('text'),
    evaluate: ([a], [ta]) => text(a, ta),
  },
  {
    name: 'VALUE',
    signature: 'VALUE(text)',
    description: 'The number written in the text, or blank when it is not a number.',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: fixed('number'),
    evaluate: ([a]) => textToNumber(a),
  },
  {
    name: 'DATEVALUE',
    signature: 'DATEVALUE(text or date-time)',
    description: 'The date (in UTC) of a date-time, or of text such as "2024-05-01"; blank when it is not a date.',
    minArgs: 1,
    maxArgs: 1,
    params: ['date-like'],
    returns: fixed('date'),
    evaluate: ([a]) => {
      const date = asDate(a);
      return date ? startOfUtcDay(date) : null;
    },
  },
  {
    name: 'TODAY',
    signature: 'TODAY()',
    description: "Today's date (UTC) at the time of the run.",
    minArgs: 0,
    maxArgs: 0,
    params: [],
    returns: fixed('date'),
    evaluate: (_args, _types, env) => (asDate(env.now) ? startOfUtcDay(env.now) : null),
  },
  {
    name: 'NOW',
    signature: 'NOW()',
    description: 'The date and time of the run.',
    minArgs: 0,
    maxArgs: 0,
    params: [],
    returns: fixed('datetime'),
    evaluate: (_args, _types, env) => asDate(env.now),
  },
];

/** Every function of the language by upper-case name, for the checker, the compiler, completion and hover. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(specs.map((s) => [s.name, s]));

/** The common type of two branches, or undefined when they cannot be one (text and number). */
export function unify(a: ExprType | undefined, b: ExprType | undefined): ExprType | undefined {
  if (a === undefined || a === 'unknown') return b ?? 'unknown';
  if (b === undefined || b === 'unknown' || a === b) return a;
  if ((a === 'date' && b === 'datetime') || (a === 'datetime' && b === 'date')) return 'datetime';
  return undefined;
}
