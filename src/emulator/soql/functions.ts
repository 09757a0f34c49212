import type { FieldDescribe } from '../../core/describe';
import { parseDate, parseDateTime } from '../org/dates';

/**
 * The value functions SOQL allows around a field in SELECT: `toLabel(field)` gives a picklist's label in the
 * user's language instead of its stored value, `FORMAT(field)` gives numbers, currency and dates as the
 * user's locale writes them. The emulator's user writes American English (en_US) in their own time zone.
 */
export type ValueFunction = (value: unknown) => unknown;

export const VALUE_FUNCTIONS = new Set(['TOLABEL', 'FORMAT']);

interface PicklistEntry {
  value: string;
  label: string;
}

/** toLabel: a picklist value becomes its label (each value of a multi-select one); other fields pass unchanged. */
export function toLabelOf(field: FieldDescribe): ValueFunction {
  const entries = ((field as { picklistValues?: PicklistEntry[] }).picklistValues ?? []).map((p) => [p.value, p.label] as const);
  if (entries.length === 0) return (value) => value;
  const labels = new Map(entries);
  const label = (value: string) => labels.get(value) ?? value;
  if (field.type === 'multipicklist') return (value) => (typeof value === 'string' ? value.split(';').map(label).join(';') : value);
  return (value) => (typeof value === 'string' ? label(value) : value);
}

/**
 * FORMAT: numbers grouped with the field's decimals (`1,234.5`), currency with the symbol (`$1,234.00`),
 * percent with `%`, datetimes as `3/10/2026 8:05 AM` in the user's time zone, dates as `3/10/2026`; text,
 * booleans and ids come back as they are.
 */
export function formatOf(field: FieldDescribe, timeZone: string): ValueFunction {
  const scale = Number((field as { scale?: number }).scale ?? 0);
  switch (field.type) {
    case 'int':
    case 'long':
    case 'double':
      return numberFormat({ minimumFractionDigits: scale, maximumFractionDigits: scale });
    case 'percent': {
      const number = numberFormat({ minimumFractionDigits: scale, maximumFractionDigits: scale });
      return (value) => (typeof value === 'number' ? `${String(number(value))}%` : value);
    }
    case 'currency':
      return numberFormat({ style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'datetime': {
      const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
      return (value) => {
        const ms = typeof value === 'string' ? parseDateTime(value) : NaN;
        return Number.isNaN(ms) ? value : format.format(ms).replace(',', '').replace(/\u202f/g, ' ');
      };
    }
    case 'date': {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
      return (value) => {
        const ms = typeof value === 'string' ? parseDate(value) : NaN;
        return Number.isNaN(ms) ? value : format.format(ms);
      };
    }
    default:
      return (value) => value;
  }
}

function numberFormat(options: Intl.NumberFormatOptions): ValueFunction {
  const format = new Intl.NumberFormat('en-US', options);
  return (value) => (typeof value === 'number' ? format.format(value) : value);
}

/** The function named in `toLabel(x)` / `FORMAT(x)` for a field, or undefined for any other name. */
export function valueFunction(name: string, field: FieldDescribe, timeZone: string): ValueFunction | undefined {
  const upper = name.toUpperCase();
  if (upper === 'TOLABEL') return toLabelOf(field);
  if (upper === 'FORMAT') return formatOf(field, timeZone);
  return undefined;
}
