import type { RunPlan } from './plan';
import { applyTextRules, dedupeDocuments, filterUnits, limitDocuments } from './stages';
import { mapDocuments } from './mapping';
import { createCounters, markProcessed, type MappedUnit, type RunCounters, type RunEvent, type SfRecord, type StageContext } from './types';
import { flattenPages, toUnits } from './units';

/**
 * The run pipeline: source pages → records → units (transcripts read, sms rows grouped) → filter →
 * documents → duplicates → record limit → substitutions and redactions → the caller's sink.
 *
 * Cheap decisions come first, so the costly text rules only run on documents that will be written.
 * Nothing is buffered: pulling a document from `documents` pulls exactly as much from the source as that
 * document needs, and the counters are final once `documents` is exhausted.
 */

export interface PipelineInput {
  pages: AsyncIterable<readonly SfRecord[]>;
  plan: RunPlan;
  /** The run's time: `loadDate`, and `now` for expressions. */
  now: Date;
  /** Natural ids loaded by earlier runs, for the duplicates policy. */
  seenIds?: ReadonlySet<string>;
  onEvent?: (event: RunEvent) => void;
  /** Aborting stops the run: the next read throws a RunStoppedError. */
  signal?: AbortSignal;
}

export interface Pipeline {
  documents: AsyncIterable<MappedUnit>;
  counters: RunCounters;
}

export class RunStoppedError extends Error {
  constructor() {
    super('the run was stopped before it finished; the last good output and state were kept');
    this.name = 'RunStoppedError';
  }
}

export function createPipeline(input: PipelineInput): Pipeline {
  const { plan, now, signal } = input;
  const counters = createCounters(plan.redactions.length);
  const context: StageContext = { counters, emit: input.onEvent ?? (() => undefined) };
  let stopRequested = false;
  const shouldStop = (): boolean => {
    if (signal?.aborted) throw new RunStoppedError();
    return stopRequested;
  };

  const records = flattenPages(input.pages, context, shouldStop);
  const units = toUnits(records, plan.job, context);
  const kept = plan.filter ? filterUnits(units, plan.filter, now, context) : units;
  const mapped = mapDocuments(kept, plan, now, context);
  const unique = dedupeDocuments(mapped, plan.job.duplicates, input.seenIds ?? new Set(), context);
  const limited = limitDocuments(unique, plan.job.recordLimit, () => (stopRequested = true), context);
  const finished = applyTextRules(limited, plan, context);

  async function* documents(): AsyncGenerator<MappedUnit> {
    for await (const unit of finished) {
      if (signal?.aborted) throw new RunStoppedError();
      counters.emitted++;
      if (!unit.supersedes) counters.written++;
      markProcessed(context, unit);
      yield unit;
    }
  }
  return { documents: documents(), counters };
}
