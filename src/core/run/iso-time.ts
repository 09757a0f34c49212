/**
 * Strict ISO 8601 date-times, for the places a time decides what is read: a state file's watermark and
 * `sfjob run --since`. `Date.parse` accepts far too much ("12" is the year 2001 in V8, "2026-02-30"
 * rolls over into March), so a value must spell out a date, a time and a zone, and every part must be
 * in range.
 */

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant, or undefined when the text is not a complete, valid ISO date-time with a zone. */
export function parseIsoDateTime(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', , zone] = match;
  const values = [Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (values[0] < 1 || values[0] > 12 || values[1] < 1 || values[2] > 23 || values[3] > 59 || values[4] > 59) return undefined;
  if (values[1] > daysInMonth(Number(year), values[0])) return undefined;
  if (zone !== 'Z') {
    const offset = /^[+-](\d{2}):?(\d{2})$/.exec(zone);
    if (!offset || Number(offset[1]) > 14 || Number(offset[2]) > 59) return undefined;
  }
  const date = new Date(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The words for an error about a value that is not a date-time. */
export const ISO_DATE_TIME_HINT = 'a full ISO 8601 date-time with a zone, such as 2026-11-01T00:00:00Z';
