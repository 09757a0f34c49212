import type { ResolvedJob } from '../core/job/resolve';
import { documentRecords, RunCost, type CostSummary } from '../core/run/cost';
import { createPipeline } from '../core/run/pipeline';
import type { Compilers } from '../core/run/plan';
import type { OutputDocument, RunCounters, RunEvent, SfRecord } from '../core/run/types';
import { planJob } from './plan-job';

export interface PreviewOptions {
  jobPath: string;
  job: ResolvedJob;
  /** The sample records, or pages of live ones. */
  records: readonly SfRecord[] | AsyncIterable<readonly SfRecord[]>;
  now: Date;
  /** At most this many documents are returned. Default 20. */
  maxDocuments?: number;
  compilers?: Compilers;
}

export interface PreviewResult {
  documents: OutputDocument[];
  counters: RunCounters;
  events: RunEvent[];
  /** What the documents would cost in XM Discover: in total, and for each document shown (same order). */
  feedbackRecords: CostSummary & { perDocument: number[]; overBudget: boolean };
}

/**
 * The run pipeline on sample records, writing nothing: no output, no state, no report, no lock. Every
 * record counts as new (no natural ids from earlier runs), so the preview shows what a first run makes.
 */
export async function previewJob(options: PreviewOptions): Promise<PreviewResult> {
  const plan = planJob(options.job, options.jobPath, options.compilers);
  const events: RunEvent[] = [];
  const records = options.records;
  const pages = isPageSource(records) ? records : onePage(records);
  const pipeline = createPipeline({ pages, plan, now: options.now, onEvent: (event) => events.push(event) });
  const max = options.maxDocuments ?? 20;
  const documents: OutputDocument[] = [];
  // The cost covers every document the records make, not only those shown (see core/run/cost.ts).
  const cost = new RunCost(new PreviewIds(), options.job.maxFeedbackRecords, false);
  for await (const unit of pipeline.documents) {
    cost.addPage([unit]);
    // Under duplicates: replace the later document wins, as in a run's output file.
    if (unit.supersedes) {
      const earlier = documents.findIndex((document) => document.natural_id === unit.document.natural_id);
      if (earlier >= 0) documents.splice(earlier, 1);
    }
    if (documents.length < max) documents.push(unit.document);
  }
  const summary = cost.summary();
  const feedbackRecords = { ...summary, perDocument: documents.map(documentRecords), overBudget: summary.budget !== undefined && summary.total > summary.budget };
  return { documents, counters: pipeline.counters, events, feedbackRecords };
}

function isPageSource(records: PreviewOptions['records']): records is AsyncIterable<readonly SfRecord[]> {
  return typeof (records as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

async function* onePage(records: readonly SfRecord[]): AsyncGenerator<readonly SfRecord[]> {
  yield records;
}

/** Natural ids numbered in the order first seen, for the preview's cost (a run uses its NaturalIds store). */
class PreviewIds {
  private readonly entries = new Map<string, number>();

  entryOf(id: string): number {
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = this.entries.size;
      this.entries.set(id, entry);
    }
    return entry;
  }
}
