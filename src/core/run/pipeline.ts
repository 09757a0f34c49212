import { NaturalIds } from './natural-ids';
import type { RunPlan } from './plan';
import { contentHash, documentJson } from './content-hash';
import { normalizeDate, readField, toText } from './fields';
import { applyTextRules, dedupeDocuments, filterUnits, limitDocuments } from './stages';
import { mapDocuments } from './mapping';
import { createCounters, markProcessed, type MappedUnit, type RunCounters, type RunEvent, type SfRecord, type StageContext, type Step } from './types';
import { toUnits } from './units';

/**
 * The run pipeline: source pages → records → units (transcripts read, sms rows grouped) → filter →
 * documents → duplicates → record limit → substitutions and redactions → the caller's sink.
 *
 * Cheap decisions come first, so the costly text rules only run on documents that will be written.
 * The stages are synchronous steps, and each page of records goes through all of them at once: a
 * promise per page, not one per record and stage, which would cost more than the work itself. So at
 * most one page of documents is held, and the counters are final once `documents` is exhausted.
 */

export interface PipelineInput {
  pages: AsyncIterable<readonly SfRecord[]>;
  plan: RunPlan;
  /** The run's time: `loadDate`, and `now` for expressions. */
  now: Date;
  /** Natural ids loaded by earlier runs, for the duplicates policy; the run notes its own ids in it too. */
  seenIds?: NaturalIds;
  onEvent?: (event: RunEvent) => void;
  /**
   * Called with each source page before its records go through the stages: the runner looks up the
   * natural ids the page names in the saved state here, so `seenIds` needs to hold only those.
   */
  beforePage?: (records: readonly SfRecord[]) => Promise<void> | void;
  /** Aborting stops the run: the next read throws a RunStoppedError. */
  signal?: AbortSignal;
  /**
   * The watermark instant, ISO, when the run before stopped part-way (see leaveOutBoundaryRepeats):
   * records dated exactly then whose natural_id an earlier run delivered are left out.
   */
  boundary?: string;
}

/** Read either `documents` or `pages`, not both: they draw on the same source. */
export interface Pipeline {
  documents: AsyncIterable<MappedUnit>;
  /** The same documents, a source page's worth at a time: one promise per page rather than per document. */
  pages: AsyncIterable<readonly MappedUnit[]>;
  counters: RunCounters;
}

export class RunStoppedError extends Error {
  constructor() {
    super('the run was stopped before it finished, so none of its documents were published: the output and state are as they were before it, and the next run reads the same window again');
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

  const ready: MappedUnit[] = [];
  const finished = applyTextRules(plan, context, (unit) => ready.push(unit));
  const limited = limitDocuments(plan.job.recordLimit, () => (stopRequested = true), context, finished);
  const ids = input.seenIds ?? new NaturalIds();
  ids.beginRun();
  const unique = dedupeDocuments(plan.job.duplicates, ids, context, limited, (unit) => {
    // The JSON made for the hash is kept with the unit: written unchanged, the document is not serialized again.
    const json = documentJson(unit.document);
    unit.json = json;
    return contentHash(unit.document, plan.rulesFingerprint, json);
  });
  const mapped = mapDocuments(plan, now, context, unique);
  const kept = plan.filter ? filterUnits(plan.filter, now, context, mapped) : mapped;
  const converted = toUnits(plan.job, context, kept);
  const units = input.boundary ? leaveOutBoundaryRepeats(input.boundary, plan, now, ids, context, converted) : converted;

  /** Counts a document as handed on, when the consumer takes it. */
  function handOn(unit: MappedUnit): void {
    if (signal?.aborted) throw new RunStoppedError();
    counters.emitted++;
    if (!unit.supersedes) counters.written++;
    markProcessed(context, unit);
  }

  /**
   * Pulls the source into the stages a page at a time, pausing after each page (and after the end)
   * with that page's documents in `ready` for the consumer to take.
   */
  async function* fill(): AsyncGenerator<void> {
    const iterator = input.pages[Symbol.asyncIterator]();
    try {
      // shouldStop is asked before each new page is pulled.
      while (!shouldStop()) {
        const next = await iterator.next();
        if (next.done) break;
        counters.pages++;
        await input.beforePage?.(next.value);
        for (const record of next.value) {
          counters.retrieved++;
          units.push(record);
        }
        yield;
        context.emit({ type: 'progress', retrieved: counters.retrieved, documents: counters.emitted });
      }
      units.end();
      yield;
    } finally {
      // Tells the source no more pages are wanted, so it can stop paging and release its connection.
      await iterator.return?.();
    }
  }

  async function* documents(): AsyncGenerator<MappedUnit> {
    for await (const _filled of fill()) {
      for (let index = 0; index < ready.length; index++) {
        handOn(ready[index]);
        yield ready[index];
      }
      ready.length = 0;
    }
  }

  async function* pages(): AsyncGenerator<MappedUnit[]> {
    for await (const _filled of fill()) {
      const taken = ready.splice(0);
      for (const unit of taken) handOn(unit);
      if (taken.length > 0) yield taken;
    }
  }

  return { documents: documents(), pages: pages(), counters };
}

/**
 * A run that stopped part-way (the record limit, the API allowance) saved the date of its last record
 * as the watermark, and the next window starts at that instant inclusive, so the records dated exactly
 * then come again. Those already delivered are the same records read twice (an edit would have moved a
 * date field such as LastModifiedDate past the watermark), so they are left out rather than delivered a
 * second time. They are recognised by the document's natural_id, whatever field it comes from, as an
 * earlier run delivered it. Only the exact watermark instant is affected: a lookback re-reads on
 * purpose. Not for sms, whose rows are grouped into conversations first.
 */
function leaveOutBoundaryRepeats(
  boundary: string,
  plan: RunPlan,
  now: Date,
  ids: NaturalIds,
  context: StageContext,
  next: { push: Step<SfRecord>; end(): void },
): { push: Step<SfRecord>; end(): void } {
  const dateField = plan.job.dateField;
  return {
    push: (record) => {
      if (normalizeDate(readField(record, dateField)) === boundary) {
        let naturalId = '';
        try {
          naturalId = toText(plan.naturalId(record, now));
        } catch {
          // The mapping stage reports a natural_id that cannot be computed.
        }
        if (naturalId !== '' && ids.loadedBeforeRun(naturalId)) {
          context.counters.boundaryRepeats++;
          return;
        }
      }
      next.push(record);
    },
    end: () => next.end(),
  };
}
