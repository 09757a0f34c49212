import type { ResolvedJob } from '../job/resolve';
import { normalizeDate, readField } from './fields';
import { groupConversationRows } from './sms';
import { parseTranscript } from './transcript';
import { markProcessed, recordSkip, recordWarning, type RunUnit, type SfRecord, type StageContext } from './types';

/** Pages from the source → records, one at a time. `shouldStop` is asked before each new page is pulled. */
export async function* flattenPages(pages: AsyncIterable<readonly SfRecord[]>, context: StageContext, shouldStop: () => boolean): AsyncGenerator<SfRecord> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    while (!shouldStop()) {
      const next = await iterator.next();
      if (next.done) return;
      context.counters.pages++;
      for (const record of next.value) {
        context.counters.retrieved++;
        yield record;
      }
      context.emit({ type: 'progress', retrieved: context.counters.retrieved, documents: context.counters.emitted });
    }
  } finally {
    // Tells the source no more pages are wanted, so it can stop paging and release its connection.
    await iterator.return?.();
  }
}

/** Records → units: one per record for feedback, a parsed transcript for chat, grouped rows for sms. */
export function toUnits(records: AsyncIterable<SfRecord>, job: ResolvedJob, context: StageContext): AsyncIterable<RunUnit> {
  if (job.feedbackType === 'sms') {
    return withMessages(groupConversationRows(records, { fields: job.mapping.conversation, participants: job.participants, dateField: job.dateField }, context), context);
  }
  if (job.feedbackType === 'chat') return withMessages(chatUnits(records, job, context), context);
  return feedbackUnits(records, job);
}

/**
 * A conversation nobody wrote in (a missed chat, an sms session of System entries only) says nothing
 * to analyse: it is skipped with its own reason, so the report shows how many there were.
 */
async function* withMessages(units: AsyncIterable<RunUnit>, context: StageContext): AsyncGenerator<RunUnit> {
  for await (const unit of units) {
    if (unit.conversation && unit.conversation.turns.length === 0) {
      const id = unit.record['Id'];
      recordSkip(context, 'conversation-without-messages', 'the conversation has no messages', typeof id === 'string' ? id : undefined);
      markProcessed(context, unit);
      continue;
    }
    yield unit;
  }
}

async function* feedbackUnits(records: AsyncIterable<SfRecord>, job: ResolvedJob): AsyncGenerator<RunUnit> {
  for await (const record of records) yield unitOf(record, job);
}

async function* chatUnits(records: AsyncIterable<SfRecord>, job: ResolvedJob, context: StageContext): AsyncGenerator<RunUnit> {
  const field = job.mapping.conversation.transcriptField;
  for await (const record of records) {
    const unit = unitOf(record, job);
    const id = readField(record, 'Id');
    const label = typeof id === 'string' ? id : undefined;
    const startTime = normalizeDate(readField(record, 'StartTime'));
    const result = parseTranscript(readField(record, field), {
      participants: job.participants,
      isChatbotSession: readField(record, 'IsChatbotSession') === true,
      ...(startTime ? { fallbackStart: startTime } : {}),
    });
    if (!result.ok) {
      recordSkip(context, 'transcript-unreadable', `the ${field} transcript could not be read: ${result.reason}`, label);
      markProcessed(context, unit);
      continue;
    }
    context.counters.conversations++;
    context.counters.systemLines += result.transcript.systemLines.length;
    for (const warning of result.transcript.warnings) recordWarning(context, warning, label);
    yield { ...unit, conversation: { participants: result.transcript.participants, turns: result.transcript.turns } };
  }
}

function unitOf(record: SfRecord, job: ResolvedJob): RunUnit {
  const unit: RunUnit = { record, rows: 1 };
  const date = normalizeDate(readField(record, job.dateField));
  if (date) unit.recordDate = date;
  return unit;
}
