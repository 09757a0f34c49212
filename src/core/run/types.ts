import type { Participant, Turn } from './transcript';

/** A record as Salesforce returns it: field name → value, relationship fields as nested objects. */
export type SfRecord = Record<string, unknown>;

export interface Conversation {
  participants: Participant[];
  turns: Turn[];
}

/** One document of the run's output, in the contract's key order. */
export interface OutputDocument {
  natural_id: string;
  document_date: string;
  feedback_provider: string;
  source_value: unknown;
  feedback_type: unknown;
  job_name: unknown;
  project: string;
  loadDate: string;
  attributes: Record<string, unknown>;
  verbatims: Record<string, string>;
  conversation?: Conversation;
}

/**
 * What moves between the stages: the record a document is made from (for sms, the conversation's first
 * row), the conversation read from it, and once mapped, the document. The record stays with the
 * document so the watermark can be read from it.
 */
export interface RunUnit {
  record: SfRecord;
  conversation?: Conversation;
  /** sms: how many rows the conversation was built from; 1 otherwise. */
  rows: number;
  /** The latest value of the job's dateField among the unit's rows, ISO; for the watermark. */
  recordDate?: string;
}

export interface MappedUnit extends RunUnit {
  document: OutputDocument;
  /** True when this document replaces one written earlier in the same run (duplicates: replace). */
  supersedes: boolean;
  /** The document's content hash (duplicates: replace), kept with its natural id once it is delivered. */
  contentHash?: string;
  /** The document's JSON from hashing it, kept while the document is unchanged so it is not serialized again. */
  json?: DocumentJson;
}

/**
 * A document's JSON around its `loadDate` member: `head` is "{" and the members before it, `tail` the
 * members after it and "}" (see content-hash.ts).
 */
export interface DocumentJson {
  head: string;
  tail: string;
}

/** Why a record or conversation produced no document. One counter per reason in the report. */
export type SkipReason =
  | 'transcript-unreadable'
  | 'missing-natural-id'
  | 'invalid-document-date'
  | 'filter-error'
  | 'mapping-error'
  | 'redaction-error'
  | 'conversation-without-messages';

export type RunEvent =
  | { type: 'progress'; retrieved: number; documents: number }
  | { type: 'skip'; reason: SkipReason; naturalId?: string; message: string }
  | { type: 'warning'; naturalId?: string; message: string };

/** Every counter the run report needs. Stages add to it as items pass. */
export interface RunCounters {
  /** Records (rows, for sms) read from the source. */
  retrieved: number;
  pages: number;
  /** Conversations built (chat: transcripts read; sms: grouped rows). */
  conversations: number;
  filteredOut: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** sms rows left out of turns: System entries, empty messages, unknown actor types. */
  rowsLeftOut: { system: number; emptyMessage: number; unknownActor: number };
  /** chat: system notices (file and chat transfers) kept out of turns. */
  systemLines: number;
  substitutions: number;
  redactions: number;
  /** Matches masked per redaction rule, in the order of the rules. */
  redactionsByRule: number[];
  duplicatesReplaced: number;
  duplicatesSkipped: number;
  /** duplicates: replace, documents identical to the delivered ones: counted, not sent again. */
  duplicatesUnchanged: number;
  /** Records at the watermark instant that the run before (stopped part-way) already delivered. */
  boundaryRepeats: number;
  overLimit: number;
  /** Documents the pipeline emitted (superseded ones included). */
  emitted: number;
  /** Documents that end up in the output: emitted minus those a later one replaced in this run. */
  written: number;
  warnings: number;
  /** True when the record limit stopped the run before the source ran out. */
  stoppedAtLimit: boolean;
  /** The latest dateField value among records the run processed (not those over the limit), ISO. */
  lastRecordDate?: string;
}

export function createCounters(redactionRules = 0): RunCounters {
  return {
    retrieved: 0,
    pages: 0,
    conversations: 0,
    filteredOut: 0,
    skipped: {},
    rowsLeftOut: { system: 0, emptyMessage: 0, unknownActor: 0 },
    systemLines: 0,
    substitutions: 0,
    redactions: 0,
    redactionsByRule: new Array<number>(redactionRules).fill(0),
    duplicatesReplaced: 0,
    duplicatesSkipped: 0,
    duplicatesUnchanged: 0,
    boundaryRepeats: 0,
    overLimit: 0,
    emitted: 0,
    written: 0,
    warnings: 0,
    stoppedAtLimit: false,
  };
}

/**
 * One stage of the pipeline: it takes an item and passes what it keeps to the next stage. Stages are
 * synchronous, so a page of records goes through all of them without a promise per record.
 */
export type Step<T> = (item: T) => void;

/** What every stage gets: the counters to add to and a place to send events. */
export interface StageContext {
  counters: RunCounters;
  emit(event: RunEvent): void;
}

export function recordSkip(context: StageContext, reason: SkipReason, message: string, naturalId?: string): void {
  context.counters.skipped[reason] = (context.counters.skipped[reason] ?? 0) + 1;
  context.emit(naturalId === undefined ? { type: 'skip', reason, message } : { type: 'skip', reason, naturalId, message });
}

export function recordWarning(context: StageContext, message: string, naturalId?: string): void {
  context.counters.warnings++;
  context.emit(naturalId === undefined ? { type: 'warning', message } : { type: 'warning', naturalId, message });
}

/**
 * Called for every unit the run is done with (written, filtered, skipped, a duplicate), never for one
 * over the record limit: the watermark may advance only over records the run really handled.
 */
export function markProcessed(context: StageContext, unit: RunUnit): void {
  const date = unit.recordDate;
  if (date && (!context.counters.lastRecordDate || date > context.counters.lastRecordDate)) context.counters.lastRecordDate = date;
}
