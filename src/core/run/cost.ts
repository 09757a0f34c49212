import type { OutputDocument } from './types';

/**
 * XM Discover bills documents in feedback records: 1 for a document with one verbatim, 1 more for each
 * further verbatim field, 1 more each time a verbatim exceeds 2,048 characters, and 0.25 for a
 * document without verbatims. sfjob reads "each time" as one record per started block of 2,048
 * characters: a verbatim of n characters costs ceil(n / 2048) records, so 2,048 characters cost 1,
 * 2,049 cost 2 and 4,097 cost 3. Characters are Unicode code points (an emoji is one character, not the
 * two UTF-16 units JavaScript counts).
 *
 * A verbatim that is empty or only white space carries no text to analyse and counts as no verbatim;
 * a document whose verbatims are all empty costs 0.25 like one without any. For chat and sms the
 * conversation is one more verbatim whose text is its turns' text, one line per turn.
 *
 * Quarters are the only fractions, so costs are kept in quarter records (whole numbers) while summing:
 * a million documents add up without floating-point drift.
 */

/** Characters a verbatim may have before it costs another feedback record. */
export const VERBATIM_BLOCK = 2048;
/** The cost of a document without verbatims, in quarter records. */
const NO_VERBATIM_QUARTERS = 1;

/** The number of Unicode code points in a text (surrogate pairs count once). */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** The feedback records one verbatim costs: 0 when empty, else one per started block of 2,048 characters. */
export function verbatimRecords(text: string): number {
  if (text.trim() === '') return 0;
  return Math.ceil(characterCount(text) / VERBATIM_BLOCK);
}

/** The texts of a document that XM Discover bills as verbatims. */
function verbatimTexts(document: Pick<OutputDocument, 'verbatims' | 'conversation'>): string[] {
  const texts = Object.values(document.verbatims);
  if (document.conversation) texts.push(document.conversation.turns.map((turn) => turn.text).join('\n'));
  return texts;
}

/** A document's cost in quarter records (4 = one feedback record). */
export function documentQuarters(document: Pick<OutputDocument, 'verbatims' | 'conversation'>): number {
  let records = 0;
  for (const text of verbatimTexts(document)) records += verbatimRecords(text);
  return records === 0 ? NO_VERBATIM_QUARTERS : records * 4;
}

/** A document's cost in feedback records: 0.25, or a whole number. */
export function documentRecords(document: Pick<OutputDocument, 'verbatims' | 'conversation'>): number {
  return documentQuarters(document) / 4;
}

/** Adds up documents' costs exactly (in quarters) and reports them in feedback records. */
export class CostTally {
  private quarters = 0;
  documents = 0;

  /** Counts a document and returns its cost in feedback records. */
  add(document: Pick<OutputDocument, 'verbatims' | 'conversation'>): number {
    const quarters = documentQuarters(document);
    this.addQuarters(quarters);
    return quarters / 4;
  }

  addQuarters(quarters: number): void {
    this.quarters += quarters;
    this.documents++;
  }

  /** Takes back a document counted earlier (one a later document replaced in the same run). */
  removeQuarters(quarters: number): void {
    this.quarters -= quarters;
    this.documents--;
  }

  get records(): number {
    return this.quarters / 4;
  }
}

/** "12.25 feedback records" / "1 feedback record". */
export function describeRecords(records: number): string {
  return `${records.toLocaleString('en-US', { maximumFractionDigits: 2 })} feedback record${records === 1 ? '' : 's'}`;
}

/** What a run report says about cost: the total, how many documents cost what, and the first documents' costs. */
export interface CostSummary {
  total: number;
  documents: number;
  /** Documents by their cost in feedback records ("0.25", "1", "2", …). */
  byCost: Record<string, number>;
  /** The first documents' costs, to find an expensive one. */
  first: { naturalId: string; records: number }[];
  /** The job's budget per run, when it has one. */
  budget?: number;
}

/** The run could not stay within `budget.maxFeedbackRecords`; it is thrown before anything is published. */
export class BudgetExceededError extends Error {
  constructor(budget: number, counted: number, documents: number, complete: boolean) {
    super(
      `the run's documents would consume ${complete ? '' : 'at least '}${describeRecords(counted)} (${documents.toLocaleString('en-US')} documents${complete ? '' : ' so far'}), more than the job's budget of ${describeRecords(budget)} a run (budget.maxFeedbackRecords); nothing was published, and the next run reads the same window again. Raise the budget, narrow the query or filter, or set recordLimit.`,
    );
    this.name = 'BudgetExceededError';
  }
}

const FIRST_DOCUMENTS = 100;

/** Where a run's documents are noted: a small number per natural id (the run's NaturalIds store). */
export interface IdEntries {
  entryOf(id: string): number;
}

/**
 * A run's cost as its documents are written. A document that replaces an earlier one of the same run
 * (duplicates: replace) takes the earlier one's cost back, as the output file drops it. Costs are kept
 * per natural-id entry in a typed array, so a million documents cost a few megabytes, not an object each.
 */
export class RunCost {
  private readonly tally = new CostTally();
  private quartersByEntry = new Float64Array(1024);
  private readonly byCost = new Map<number, number>();
  private readonly first: CostSummary['first'] = [];

  constructor(
    private readonly ids: IdEntries,
    private readonly budget: number | undefined,
    /** False when a later document may replace an earlier one and so lower the total: then only the final total is checked. */
    private readonly checkAsWritten: boolean,
  ) {}

  /** Notes a page of written documents; throws BudgetExceededError as soon as the budget is certainly exceeded. */
  addPage(units: readonly { document: OutputDocument; supersedes: boolean }[]): void {
    for (const unit of units) {
      const entry = this.ids.entryOf(unit.document.natural_id);
      while (entry >= this.quartersByEntry.length) {
        const grown = new Float64Array(this.quartersByEntry.length * 2);
        grown.set(this.quartersByEntry);
        this.quartersByEntry = grown;
      }
      if (unit.supersedes && this.quartersByEntry[entry] > 0) this.take(this.quartersByEntry[entry]);
      const records = this.tally.add(unit.document);
      const quarters = records * 4;
      this.quartersByEntry[entry] = quarters;
      this.byCost.set(quarters, (this.byCost.get(quarters) ?? 0) + 1);
      if (this.first.length < FIRST_DOCUMENTS) this.first.push({ naturalId: unit.document.natural_id, records });
    }
    if (this.checkAsWritten) this.check(false);
  }

  /** The final check, once every document is written. */
  finish(): void {
    this.check(true);
  }

  private take(quarters: number): void {
    this.tally.removeQuarters(quarters);
    const count = (this.byCost.get(quarters) ?? 1) - 1;
    if (count > 0) this.byCost.set(quarters, count);
    else this.byCost.delete(quarters);
  }

  private check(complete: boolean): void {
    if (this.budget !== undefined && this.tally.records > this.budget) throw new BudgetExceededError(this.budget, this.tally.records, this.tally.documents, complete);
  }

  summary(): CostSummary {
    const byCost: Record<string, number> = {};
    for (const [quarters, count] of [...this.byCost].sort((a, b) => a[0] - b[0])) byCost[String(quarters / 4)] = count;
    return { total: this.tally.records, documents: this.tally.documents, byCost, first: this.first, ...(this.budget !== undefined ? { budget: this.budget } : {}) };
  }
}
