import type { FieldDescribe, SObjectDescribe } from '../../core/describe';
import type { SfRecord } from '../../core/run/types';

/**
 * Bulk API 2.0 answers CSV: every value text, a null an empty cell, parent fields as `Owner.Name`
 * columns. The pipeline expects records as the REST query resource returns them, so each row is turned
 * into that shape: canonical field names, numbers and booleans typed, datetimes in the `+0000` form,
 * parent fields nested under the relationship name, and `attributes` with the type.
 */

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, line breaks inside quotes, LF or CRLF). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += char;
      }
      continue;
    }
    if (char === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (char === delimiter) {
      row.push(cell);
      cell = '';
      cellStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      cellStarted = false;
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) throw new Error('the CSV answer ends inside a quoted value; it was cut short');
  if (cellStarted || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Describe data for an object by name (cached by the caller), or undefined when it cannot be had. */
export type DescribeLookup = (objectName: string) => Promise<SObjectDescribe | undefined>;

interface ColumnPlan {
  /** Canonical names from the record down to the value: ['Owner', 'Name']. */
  path: string[];
  /** The objects each nested level belongs to, for their `attributes`. */
  types: string[];
  fieldType: string | undefined;
}

const NUMBER_TYPES = new Set(['double', 'int', 'integer', 'currency', 'percent', 'long']);

/**
 * Builds the function that turns one CSV row into a record. Columns the describe data does not know
 * (a field added since, a parent object that could not be described) keep the query's spelling and
 * stay text.
 */
export async function recordShaper(objectName: string, columns: readonly string[], describe: DescribeLookup, apiVersion: string): Promise<(cells: readonly string[]) => SfRecord> {
  const root = await describe(objectName);
  const rootType = root?.name ?? objectName;
  const plans: ColumnPlan[] = [];
  for (const column of columns) plans.push(await planColumn(column, root, rootType, describe));
  const idIndex = plans.findIndex((plan) => plan.path.length === 1 && plan.path[0] === 'Id');
  return (cells) => {
    const record: SfRecord = { attributes: { type: rootType, url: '' } };
    plans.forEach((plan, index) => place(record, plan, typed(cells[index] ?? '', plan.fieldType)));
    const id = idIndex >= 0 ? cells[idIndex] : undefined;
    record.attributes = { type: rootType, url: id ? `/services/data/v${apiVersion}/sobjects/${rootType}/${id}` : '' };
    return record;
  };
}

async function planColumn(column: string, root: SObjectDescribe | undefined, rootType: string, describe: DescribeLookup): Promise<ColumnPlan> {
  const parts = column.split('.');
  const path: string[] = [];
  const types: string[] = [rootType];
  let object = root;
  for (let index = 0; index < parts.length - 1; index++) {
    const relationship = object ? findRelationship(object, parts[index]) : undefined;
    path.push(relationship?.relationshipName ?? parts[index]);
    // A polymorphic lookup (Owner: User or Group) is typed `Name` in REST answers, whatever it points at.
    const targets = relationship?.referenceTo ?? [];
    const target = targets.length === 1 ? targets[0] : undefined;
    object = target ? await describe(target) : undefined;
    types.push(targets.length > 1 ? 'Name' : (object?.name ?? target ?? parts[index]));
  }
  const last = parts[parts.length - 1];
  const field = object ? findFieldIgnoringCase(object, last) : undefined;
  path.push(field?.name ?? last);
  return { path, types, fieldType: field?.type };
}

function findFieldIgnoringCase(object: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.name.toLowerCase() === lower);
}

function findRelationship(object: SObjectDescribe, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.relationshipName?.toLowerCase() === lower);
}

function typed(text: string, type: string | undefined): unknown {
  if (text === '') return null;
  if (type === undefined) return text;
  if (NUMBER_TYPES.has(type)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  // REST writes datetimes as 2024-05-01T10:00:00.000+0000, Bulk as …000Z; both mean UTC.
  if (type === 'datetime') return text.endsWith('Z') ? `${text.slice(0, -1)}+0000` : text;
  return text;
}

/** Puts a value at its path; a parent whose every field is empty becomes null, as REST shows a null lookup. */
function place(record: SfRecord, plan: ColumnPlan, value: unknown): void {
  let target = record as Record<string, unknown>;
  for (let level = 0; level < plan.path.length - 1; level++) {
    const key = plan.path[level];
    let next = target[key];
    if (next === null && value === null) return;
    if (typeof next !== 'object' || next === null) {
      if (value === null && next === undefined) {
        target[key] = null;
        return;
      }
      next = { attributes: { type: plan.types[level + 1] } };
      target[key] = next;
    }
    target = next as Record<string, unknown>;
  }
  target[plan.path[plan.path.length - 1]] = value;
}
