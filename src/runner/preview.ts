import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedJob } from '../core/job/resolve';
import { defaultCompilers } from '../core/run/compilers';
import { createPipeline } from '../core/run/pipeline';
import { compileRunPlan, type Compilers } from '../core/run/plan';
import { resolveRules } from '../core/run/rule-files';
import type { OutputDocument, RunCounters, RunEvent, SfRecord } from '../core/run/types';

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
  const jobFolder = path.dirname(options.jobPath);
  const rules = resolveRules(options.job, (relative) => {
    try {
      return fs.readFileSync(path.resolve(jobFolder, relative), 'utf8');
    } catch {
      return undefined;
    }
  });
  const problems = rules.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
  const plan = problems.length === 0 ? compileRunPlan(options.job, rules, options.compilers ?? defaultCompilers()) : undefined;
  if (!plan || !plan.ok) {
    const all = [...problems, ...(plan && !plan.ok ? plan.problems : [])];
    throw new Error(`${options.jobPath} cannot run: ${all.join('; ')}. Run "sfjob validate ${options.jobPath}" for details.`);
  }
  const events: RunEvent[] = [];
  const records = options.records;
  const pages = isPageSource(records) ? records : onePage(records);
  const pipeline = createPipeline({ pages, plan: plan.plan, now: options.now, onEvent: (event) => events.push(event) });
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
