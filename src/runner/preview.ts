import type { ResolvedJob } from '../core/job/resolve';
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
  for await (const unit of pipeline.documents) {
    // Under duplicates: replace the later document wins, as in a run's output file.
    if (unit.supersedes) {
      const earlier = documents.findIndex((document) => document.natural_id === unit.document.natural_id);
      if (earlier >= 0) documents.splice(earlier, 1);
    }
    if (documents.length >= max) break;
    documents.push(unit.document);
  }
  return { documents, counters: pipeline.counters, events };
}

function isPageSource(records: PreviewOptions['records']): records is AsyncIterable<readonly SfRecord[]> {
  return typeof (records as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

async function* onePage(records: readonly SfRecord[]): AsyncGenerator<readonly SfRecord[]> {
  yield records;
}
