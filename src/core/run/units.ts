import type { ResolvedJob } from '../job/resolve';
import { normalizeDate, readField } from './fields';
import { groupConversationRows } from './sms';
import { parseTranscript } from './transcript';
import { markProcessed, recordSkip, recordWarning, type RunUnit, type SfRecord, type StageContext, type Step } from './types';

/** Records → units: one per record for feedback, a parsed transcript for chat, grouped rows for sms. `end` flushes the last sms conversation. */
export function toUnits(job: ResolvedJob, context: StageContext, next: Step<RunUnit>): { push: Step<SfRecord>; end(): void } {
  if (job.feedbackType === 'sms') {
    return groupConversationRows({ fields: job.mapping.conversation, participants: job.participants, dateField: job.dateField }, context, withMessages(context, next));
  }
  if (job.feedbackType === 'chat') return { push: chatUnits(job, context, withMessages(context, next)), end: () => undefined };
  return { push: (record) => next(unitOf(record, job)), end: () => undefined };
}

/**
 * A conversation nobody wrote in (a missed chat, an sms session of System entries only) says nothing
 * to analyse: it is skipped with its own reason, so the report shows how many there were.
 */
function withMessages(context: StageContext, next: Step<RunUnit>): Step<RunUnit> {
  return (unit) => {
    if (unit.conversation && unit.conversation.turns.length === 0) {
      const id = unit.record['Id'];
      recordSkip(context, 'conversation-without-messages', 'the conversation has no messages', typeof id === 'string' ? id : undefined);
      markProcessed(context, unit);
      return;
    }
    next(unit);
  };
}

function chatUnits(job: ResolvedJob, context: StageContext, next: Step<RunUnit>): Step<SfRecord> {
  const field = job.mapping.conversation.transcriptField;
  return (record) => {
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
      return;
    }
    context.counters.conversations++;
    context.counters.systemLines += result.transcript.systemLines.length;
    for (const warning of result.transcript.warnings) recordWarning(context, warning, label);
    next({ ...unit, conversation: { participants: result.transcript.participants, turns: result.transcript.turns } });
  };
}

function unitOf(record: SfRecord, job: ResolvedJob): RunUnit {
  const unit: RunUnit = { record, rows: 1 };
  const date = normalizeDate(readField(record, job.dateField));
  if (date) unit.recordDate = date;
  return unit;
}
