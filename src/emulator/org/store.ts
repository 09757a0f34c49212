import type { SObjectDescribe } from '../../core/describe';
import { formatDateTime, normalizeDate, normalizeDateTime, parseDate, parseDateTime } from './dates';
import type { EmulatorDescribe } from './describe/build';
import { makeId, to18 } from './ids';
import type { EmulatorUser, OrgStore, SRecord } from './types';

/** The fixed login of the emulator; the examples workspace depends on it. */
export const INTEGRATION_USERNAME = 'integration@sfjob.local';

interface ObjectTable {
  describe: EmulatorDescribe;
  rows: SRecord[];
  byId: Map<string, SRecord>;
  nextCounter: number;
  fieldsByLowerName: Map<string, { name: string; type: string; length: number }>;
}

const NUMBER_TYPES = new Set(['double', 'int', 'currency', 'percent', 'long']);

/** A value in the stored form for its field type, or an error saying what the field takes. */
function checkedValue(objectName: string, fieldName: string, type: string, value: unknown, length: number): unknown {
  if (value === null) return null;
  const where = `${objectName}.${fieldName}`;
  if (type === 'datetime') {
    const normalized = normalizeDateTime(value);
    if (typeof normalized !== 'string' || Number.isNaN(parseDateTime(normalized))) {
      throw new Error(`${where}: ${JSON.stringify(value)} is not a datetime; write it like "2024-05-01T10:00:00Z" or "2024-05-01T10:00:00.000+0000".`);
    }
    return normalized;
  }
  if (type === 'date') {
    const normalized = normalizeDate(value);
    if (typeof normalized !== 'string' || Number.isNaN(parseDate(normalized))) throw new Error(`${where}: ${JSON.stringify(value)} is not a date; write it like "2024-05-01".`);
    return normalized;
  }
  if (NUMBER_TYPES.has(type)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: ${JSON.stringify(value)} is not a number.`);
    return value;
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw new Error(`${where}: ${JSON.stringify(value)} is not true or false.`);
    return value;
  }
  if (typeof value !== 'string') throw new Error(`${where}: ${JSON.stringify(value)} is not text; put it in quotes.`);
  // Salesforce refuses text longer than the field (STRING_TOO_LONG) rather than storing it.
  if (length > 0 && value.length > length) throw new Error(`${where}: the value is ${value.length} characters long; the field holds at most ${length}.`);
  return value;
}

/**
 * The in-memory org. Rows are plain objects kept in insertion order; `version` changes on every write so the
 * query engine can cache indexes (children by parent id) safely.
 */
export class MemoryOrg implements OrgStore {
  readonly orgId: string;
  private readonly tables = new Map<string, ObjectTable>();
  private readonly clock: () => Date;
  private writeVersion = 0;

  constructor(describes: readonly EmulatorDescribe[], options: { orgId: string; clock: () => Date }) {
    this.orgId = options.orgId;
    this.clock = options.clock;
    for (const describe of describes) {
      this.tables.set(describe.name.toLowerCase(), {
        describe,
        rows: [],
        byId: new Map(),
        nextCounter: 1,
        fieldsByLowerName: new Map(describe.fields.map((f) => [f.name.toLowerCase(), { name: f.name, type: f.type, length: f.length ?? 0 }])),
      });
    }
  }

  /** Increases on every insert or update. */
  get version(): number {
    return this.writeVersion;
  }

  describeGlobal(): SObjectDescribe[] {
    return [...this.tables.values()].map((t) => t.describe);
  }

  describe(objectName: string): EmulatorDescribe | undefined {
    return this.tables.get(objectName.toLowerCase())?.describe;
  }

  rows(objectName: string): readonly SRecord[] {
    return this.tables.get(objectName.toLowerCase())?.rows ?? [];
  }

  /** Finds a record by its 15- or 18-character id. */
  byId(objectName: string, id: string): SRecord | undefined {
    return this.tables.get(objectName.toLowerCase())?.byId.get(to18(id));
  }

  /** Reserves the next id of an object without storing anything (the generator links records before inserting them). */
  nextId(objectName: string): string {
    const table = this.requireTable(objectName);
    return makeId(table.describe.keyPrefix, table.nextCounter++);
  }

  insert(objectName: string, records: SRecord[]): SRecord[] {
    const table = this.requireTable(objectName);
    // Every record is checked before any is stored, so a bad record leaves the org as it was.
    const normalized = records.map((input) => this.normalize(table, input));
    const now = formatDateTime(this.clock().getTime());
    const defaultUser = this.users().find((u) => u.username === INTEGRATION_USERNAME)?.userId ?? null;
    const stored = normalized.map((record) => {
      const existing = typeof record.Id === 'string' && record.Id !== '' ? table.byId.get(to18(record.Id)) : undefined;
      if (existing) {
        delete record.Id;
        Object.assign(existing, record);
        return existing;
      }
      record.Id = typeof record.Id === 'string' && record.Id !== '' ? to18(record.Id) : makeId(table.describe.keyPrefix, table.nextCounter++);
      this.fillDefaults(table, record, now, defaultUser);
      table.rows.push(record);
      table.byId.set(record.Id as string, record);
      return record;
    });
    this.writeVersion++;
    return stored;
  }

  /** What Salesforce sets on a new record: audit fields, the owner, names and auto-numbers. */
  private fillDefaults(table: ObjectTable, record: SRecord, now: string, defaultUser: string | null): void {
    const has = (name: string) => table.fieldsByLowerName.has(name.toLowerCase());
    record.CreatedDate ??= now;
    record.LastModifiedDate ??= record.CreatedDate;
    record.SystemModstamp ??= record.LastModifiedDate;
    if (has('CreatedById')) record.CreatedById ??= defaultUser;
    if (has('LastModifiedById')) record.LastModifiedById ??= defaultUser;
    if (has('OwnerId')) record.OwnerId ??= defaultUser;
    if (has('IsDeleted')) record.IsDeleted ??= false;
    if (has('FirstName') && has('Name') && record.Name === undefined) {
      record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
    }
    if (table.describe.name === 'Case' && record.CaseNumber === undefined) {
      record.CaseNumber = String(1000 + table.rows.length + 1).padStart(8, '0');
    }
    const nameField = table.describe.fields.find((f) => f.name === 'Name' && (f as { autoNumber?: boolean }).autoNumber === true);
    if (nameField && record.Name === undefined) record.Name = String(table.rows.length + 1).padStart(8, '0');
  }

  /** Inserts records the generator already filled completely: no copying, no normalizing, for speed. */
  insertGenerated(objectName: string, records: SRecord[]): void {
    const table = this.requireTable(objectName);
    for (const record of records) {
      table.rows.push(record);
      table.byId.set(record.Id as string, record);
    }
    this.writeVersion++;
  }

  /** Drops every row of an object (a data file in replace mode). */
  clear(objectName: string): void {
    const table = this.requireTable(objectName);
    table.rows.length = 0;
    table.byId.clear();
    this.writeVersion++;
  }

  update(objectName: string, id: string, changes: SRecord): SRecord | undefined {
    const table = this.requireTable(objectName);
    const record = table.byId.get(to18(id));
    if (!record) return undefined;
    const normalized = this.normalize(table, changes);
    delete normalized.Id;
    Object.assign(record, normalized);
    // Stamped to the second, as Salesforce does: two edits within one second share a SystemModstamp, which is
    // exactly what an incremental pull with a strict `>` bound loses.
    const stamp = formatDateTime(this.clock().getTime());
    // Explicit audit values win, so tests can stage records "changed yesterday".
    record.LastModifiedDate = normalized.LastModifiedDate ?? stamp;
    record.SystemModstamp = normalized.SystemModstamp ?? record.LastModifiedDate;
    this.writeVersion++;
    return record;
  }

  users(): EmulatorUser[] {
    return this.rows('User').map((u) => ({
      username: String(u.Username),
      userId: String(u.Id),
      name: String(u.Name),
      email: String(u.Email),
    }));
  }

  private requireTable(objectName: string): ObjectTable {
    const table = this.tables.get(objectName.toLowerCase());
    if (!table) throw new Error(`The emulator has no object named '${objectName}'. Known objects: ${[...this.tables.values()].map((t) => t.describe.name).join(', ')}.`);
    return table;
  }

  /**
   * Copies a record with field names put in canonical case and dates in Salesforce's serialized form.
   * Unknown fields and values of the wrong kind are refused with a message naming the field, since a typo in
   * a data file would otherwise only show up as a field that is always null.
   */
  private normalize(table: ObjectTable, input: SRecord): SRecord {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new Error(`A ${table.describe.name} record must be a JSON object of field names and values.`);
    }
    const record: SRecord = {};
    for (const [key, value] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const field = table.fieldsByLowerName.get(key.toLowerCase());
      if (!field) {
        throw new Error(`${table.describe.name} has no field named '${key}'. Its fields are: ${table.describe.fields.map((f) => f.name).join(', ')}.`);
      }
      record[field.name] = checkedValue(table.describe.name, field.name, field.type, value, field.length);
    }
    return record;
  }
}
