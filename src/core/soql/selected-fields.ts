import type { SelectedField } from '../validate-api';
import type { FieldType } from './library';
import type { SelectItem } from './select-items';
import type { QueryToken } from './tokens';

/** What kind of item a selected field came from; the checks treat each kind differently. */
export type SelectedKind = 'field' | 'aggregate' | 'function' | 'subquery' | 'typeof' | 'fields-macro';

export interface AnalyzedField extends SelectedField {
  kind: SelectedKind;
  /** An alias written after a plain field, which Salesforce refuses (usually a missing comma). */
  strayAlias?: { name: string; start: number; end: number };
}

/**
 * Date functions (DAY_ONLY, CALENDAR_YEAR, …) are marked aggregate by soql-parser-js, but they do not
 * aggregate rows; only these five do (COUNT() with no argument included).
 */
const AGGREGATE_FUNCTIONS = new Set(['AVG', 'COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM']);

export function isAggregateFunction(name: string): boolean {
  return AGGREGATE_FUNCTIONS.has(name.toUpperCase());
}

/**
 * Functions whose value comes back under the wrapped field's own name when there is no alias
 * (`toLabel(Status)` is the record key `Status`).
 */
const SAME_KEY_FUNCTIONS = new Set(['TOLABEL', 'FORMAT', 'CONVERTCURRENCY']);

/**
 * Pairs each field of the parsed model with its item in the SELECT list, giving the path as a record key
 * would spell it (the FROM alias removed) and its characters in the query text.
 */
export function selectedFields(
  modelFields: readonly FieldType[],
  items: readonly SelectItem[],
  tokens: readonly QueryToken[],
  objectAlias: string | undefined,
): AnalyzedField[] {
  const result: AnalyzedField[] = [];
  const count = Math.min(modelFields.length, items.length);
  const stripAlias = (written: string) => stripObjectAlias(written, objectAlias);
  for (let i = 0; i < count; i++) {
    const field = modelFields[i];
    const item = items[i];
    const firstToken = tokens[item.first];
    switch (field.type) {
      case 'Field':
      case 'FieldRelationship': {
        const path = stripAlias(firstToken.image);
        const aliasToken = item.last - item.first > 1 ? tokens[item.last - 1] : undefined;
        const strayAlias = aliasToken ? { strayAlias: { name: aliasToken.image, start: aliasToken.start, end: aliasToken.end } } : {};
        result.push({ kind: 'field', path, start: firstToken.end - path.length, end: firstToken.end, ...strayAlias });
        break;
      }
      case 'FieldFunctionExpression': {
        const alias = field.alias;
        const end = alias ? tokens[item.last - 2]?.end ?? item.end : item.end;
        const name = field.functionName.toUpperCase();
        if (name === 'FIELDS') {
          result.push({ kind: 'fields-macro', path: field.rawValue ?? 'FIELDS', start: item.start, end });
        } else if (isAggregateFunction(name) || containsAggregate(field.parameters)) {
          result.push({ kind: 'aggregate', path: field.rawValue ?? name, ...(alias ? { alias } : {}), start: item.start, end });
        } else if (SAME_KEY_FUNCTIONS.has(name) && typeof field.parameters[0] === 'string') {
          const inner = tokens.slice(item.first, item.last).find((t) => t.type === 'Identifier' && t.image === field.parameters[0]);
          const path = stripAlias(field.parameters[0]);
          const at = inner ? { start: inner.end - path.length, end: inner.end } : { start: item.start, end };
          result.push({ kind: 'function', path, ...(alias ? { alias } : {}), ...at });
        } else {
          result.push({ kind: 'function', path: field.rawValue ?? name, ...(alias ? { alias } : {}), start: item.start, end });
        }
        break;
      }
      case 'FieldSubquery':
        result.push({ kind: 'subquery', path: field.subquery.relationshipName, start: item.start, end: item.end });
        break;
      case 'FieldTypeof':
        result.push(...typeofFields(field.field, tokens, item));
        break;
    }
  }
  return result;
}

/** `FORMAT(MIN(Amount))` and `toLabel(MAX(Status))` aggregate rows as much as the bare aggregate does. */
function containsAggregate(parameters: unknown): boolean {
  if (!Array.isArray(parameters)) return false;
  return parameters.some((parameter: unknown) => {
    if (typeof parameter !== 'object' || parameter === null) return false;
    const inner = parameter as { functionName?: string; parameters?: unknown };
    return (inner.functionName !== undefined && isAggregateFunction(inner.functionName)) || containsAggregate(inner.parameters);
  });
}

/**
 * A TYPEOF item selects fields of whichever object the polymorphic field points at; each one comes back
 * nested under the polymorphic field, so its record path is `What.Name`.
 */
function typeofFields(polymorphic: string, tokens: readonly QueryToken[], item: SelectItem): AnalyzedField[] {
  const fields: AnalyzedField[] = [];
  const seen = new Set<string>();
  let inFieldList = false;
  for (let i = item.first; i < item.last; i++) {
    const token = tokens[i];
    if (token.type === 'THEN' || token.type === 'ELSE') inFieldList = true;
    else if (token.type === 'WHEN' || token.type === 'END') inFieldList = false;
    else if (inFieldList && token.type !== 'COMMA') {
      const path = `${polymorphic}.${token.image}`;
      if (seen.has(path.toLowerCase())) continue;
      seen.add(path.toLowerCase());
      fields.push({ kind: 'typeof', path, start: token.start, end: token.end });
    }
  }
  return fields;
}

/** A field as a record key spells it: the FROM alias (`c.` in `FROM Case c`) removed. */
export function stripObjectAlias(written: string, objectAlias: string | undefined): string {
  if (!objectAlias) return written;
  const prefix = `${objectAlias.toLowerCase()}.`;
  return written.toLowerCase().startsWith(prefix) ? written.slice(prefix.length) : written;
}
