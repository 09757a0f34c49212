import type { SObjectDescribe } from '../../core/describe';
import { formatDateTime, normalizeDate, normalizeDateTime } from './dates';
import type { EmulatorDescribe } from './describe/build';
import { makeId, to18 } from './ids';
import type { EmulatorUser, OrgStore, SRecord } from './types';

interface ObjectTable {
  describe: EmulatorDescribe;
  rows: SRecord[];
  byId: Map<string, SRecord>;
  nextCounter: number;
  dateTimeFields: string[];
  dateFields: string[];
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
        dateTimeFields: describe.fields.filter((f) => f.type === 'datetime').map((f) => f.name),
        dateFields: describe.fields.filter((f) => f.type === 'date').map((f) => f.name),
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
    const now = formatDateTime(this.clock().getTime());
    const stored: SRecord[] = [];
    for (const input of records) {
      const record = this.normalize(table, input);
      if (typeof record.Id !== 'string' || record.Id === '') record.Id = makeId(table.describe.keyPrefix, table.nextCounter++);
      else record.Id = to18(record.Id);
      record.CreatedDate ??= now;
      record.LastModifiedDate ??= record.CreatedDate;
      record.SystemModstamp ??= record.LastModifiedDate;
      if (table.describe.fields.some((f) => f.name === 'IsDeleted')) record.IsDeleted ??= false;
      const existing = table.byId.get(record.Id as string);
      if (existing) {
        Object.assign(existing, record);
        stored.push(existing);
      } else {
        table.rows.push(record);
        table.byId.set(record.Id as string, record);
        stored.push(record);
      }
    }
    this.writeVersion++;
    return stored;
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
    const now = this.clock().getTime();
    // Two updates in the same millisecond must still move the modstamp forward, as incremental pulls rely on it.
    const previous = Date.parse(String(record.SystemModstamp).replace('+0000', 'Z'));
    const stamp = formatDateTime(Number.isNaN(previous) ? now : Math.max(now, previous + 1));
    record.LastModifiedDate = changes.LastModifiedDate !== undefined ? normalized.LastModifiedDate : stamp;
    record.SystemModstamp = changes.SystemModstamp !== undefined ? normalized.SystemModstamp : stamp;
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

  /** Copies a record with field names put in canonical case and dates in Salesforce's serialized form. */
  private normalize(table: ObjectTable, input: SRecord): SRecord {
    const canonical = new Map(table.describe.fields.map((f) => [f.name.toLowerCase(), f.name]));
    const record: SRecord = {};
    for (const [key, value] of Object.entries(input)) {
      if (key === 'attributes') continue;
      record[canonical.get(key.toLowerCase()) ?? key] = value;
    }
    for (const name of table.dateTimeFields) if (name in record) record[name] = normalizeDateTime(record[name]);
    for (const name of table.dateFields) if (name in record) record[name] = normalizeDate(record[name]);
    return record;
  }
}
