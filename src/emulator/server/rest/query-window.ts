import { parseQuery } from 'soql-parser-js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The parts of soql-parser-js's right-nested WHERE list this reads; negations and subqueries have no field. */
interface ClauseLink {
  left?: { field?: unknown; operator?: string; literalType?: string; value?: unknown; dateLiteralVariable?: number } | null;
  right?: ClauseLink;
}

interface Bounds {
  lower?: number;
  upper?: number;
}

/**
 * How many days the date window of a query spans, for the QUERY_TIMEOUT fault: for each date field
 * with a lower bound, from that bound to its upper bound (or to now); LAST_N_DAYS:n spans n days.
 * Undefined when the query has no lower date bound at all (it is not a window) or does not parse.
 */
export function windowDays(soql: string, now: Date): number | undefined {
  let where: ClauseLink | undefined;
  try {
    where = parseQuery(soql).where as ClauseLink | undefined;
  } catch {
    return undefined;
  }
  const byField = new Map<string, Bounds>();
  let widest: number | undefined;
  for (let clause = where; clause; clause = clause.right) {
    const condition = clause.left;
    if (!condition || typeof condition.field !== 'string') continue;
    if (condition.literalType === 'DATE_N_LITERAL' && /^LAST_N_DAYS:/i.test(String(condition.value))) {
      widest = Math.max(widest ?? 0, Number(condition.dateLiteralVariable ?? 0));
      continue;
    }
    if (condition.literalType !== 'DATETIME' && condition.literalType !== 'DATE') continue;
    const at = Date.parse(String(condition.value));
    if (Number.isNaN(at)) continue;
    const bounds = byField.get(condition.field.toLowerCase()) ?? {};
    if (condition.operator === '>' || condition.operator === '>=') bounds.lower = at;
    if (condition.operator === '<' || condition.operator === '<=') bounds.upper = at;
    byField.set(condition.field.toLowerCase(), bounds);
  }
  for (const bounds of byField.values()) {
    if (bounds.lower === undefined) continue;
    const days = ((bounds.upper ?? now.getTime()) - bounds.lower) / DAY_MS;
    widest = Math.max(widest ?? 0, days);
  }
  return widest;
}
