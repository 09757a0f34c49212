import type { SObjectDescribe } from '../../core/describe';

/** One stored record: canonical API field names as keys, no `attributes`. Dates are Salesforce-formatted strings. */
export type SRecord = Record<string, unknown>;

export interface EmulatorUser {
  username: string;
  userId: string;
  name: string;
  email: string;
}

/** The in-memory org the emulator serves: describe metadata plus the rows of each object. */
export interface OrgStore {
  /** 18-character organization id (00D…). */
  readonly orgId: string;
  describeGlobal(): SObjectDescribe[];
  /** Looks the object up ignoring case, as SOQL and the REST API do. */
  describe(objectName: string): SObjectDescribe | undefined;
  /** The rows of an object in insertion order; takes the canonical name (or any case) and never copies. */
  rows(objectName: string): readonly SRecord[];
  /** Adds records, filling Id, CreatedDate, LastModifiedDate, SystemModstamp and IsDeleted when missing; returns the stored rows. */
  insert(objectName: string, records: SRecord[]): SRecord[];
  /** Applies changes to one record and bumps LastModifiedDate/SystemModstamp; undefined when the id is unknown. */
  update(objectName: string, id: string, changes: SRecord): SRecord | undefined;
  users(): EmulatorUser[];
}

export interface RecordCounts {
  cases?: number;
  chats?: number;
  /** Messaging sessions (each with several ConversationEntry rows). */
  sms?: number;
  surveys?: number;
}

export interface CreateOrgOptions {
  /** Seed of the deterministic generator; the same seed and `now` give the same org. */
  seed?: number;
  records?: RecordCounts;
  /** A folder of `<Object>.json` files (arrays of records) merged over the generated data. */
  dataDir?: string;
  /** The clock the generated dates are spread back from (default: the current time). */
  now?: Date;
  /**
   * The clock inserts and updates stamp records with (default: `now` when given, else the current time), so
   * a test that moves its clock forward sees later LastModifiedDate and SystemModstamp values.
   */
  clock?: () => Date;
}
