import { jobSchema, type JobInput } from '../../../../src/core/job/schema';
import { resolveJob, type ResolvedJob } from '../../../../src/core/job/resolve';
import { defaultCompilers } from '../../../../src/core/run/compilers';
import { createPipeline, type PipelineInput } from '../../../../src/core/run/pipeline';
import { compileRunPlan, type RunPlan } from '../../../../src/core/run/plan';
import { resolveRules } from '../../../../src/core/run/rule-files';
import type { MappedUnit, RunCounters, RunEvent, SfRecord } from '../../../../src/core/run/types';

export const RUN_TIME = new Date('2026-11-25T08:00:00.000Z');

export function job(overrides: Partial<JobInput> = {}): ResolvedJob {
  return resolveJob(
    jobSchema.parse({
      name: 'Support feedback',
      project: 'Customer Care',
      connection: 'acme',
      feedbackType: 'feedback',
      query: 'SELECT Id, CreatedDate, Comment__c FROM Feedback__c',
      dateField: 'CreatedDate',
      ...overrides,
    }),
  );
}

export function plan(resolved: ResolvedJob, files: Record<string, string> = {}): RunPlan {
  const rules = resolveRules(resolved, (path) => files[path]);
  if (rules.problems.length > 0) throw new Error(rules.problems.map((problem) => problem.message).join('; '));
  const result = compileRunPlan(resolved, rules, defaultCompilers());
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.plan;
}

/** An async source of pages that records how many pages were pulled. */
export function pagesOf(pages: SfRecord[][]): AsyncIterable<SfRecord[]> & { pulled: number; closed: boolean } {
  const source = {
    pulled: 0,
    closed: false,
    async *[Symbol.asyncIterator](): AsyncGenerator<SfRecord[]> {
      try {
        for (const page of pages) {
          source.pulled++;
          yield page;
        }
      } finally {
        source.closed = true;
      }
    },
  };
  return source;
}

export interface RunResult {
  units: MappedUnit[];
  counters: RunCounters;
  events: RunEvent[];
}

export async function run(resolved: ResolvedJob, pages: SfRecord[][] | AsyncIterable<SfRecord[]>, extra: Partial<PipelineInput> = {}): Promise<RunResult> {
  const events: RunEvent[] = [];
  const pipeline = createPipeline({
    pages: Array.isArray(pages) ? pagesOf(pages) : pages,
    now: RUN_TIME,
    onEvent: (event) => events.push(event),
    ...extra,
    plan: extra.plan ?? plan(resolved),
  });
  const units: MappedUnit[] = [];
  for await (const unit of pipeline.documents) units.push(unit);
  return { units, counters: pipeline.counters, events };
}

export function feedbackRecord(id: string, createdDate: string, fields: SfRecord = {}): SfRecord {
  return { attributes: { type: 'Feedback__c', url: `/services/data/v62.0/sobjects/Feedback__c/${id}` }, Id: id, CreatedDate: createdDate, ...fields };
}
