import type { ResolvedConversation } from '../job/resolve';
import { normalizeDate, readField, toText } from './fields';
import type { Participant, ParticipantMode, ParticipantType, Turn } from './transcript';
import { recordWarning, type RunUnit, type SfRecord, type StageContext, type Step } from './types';

/**
 * Groups ConversationEntry rows into one conversation each, streaming.
 *
 * The rows of one conversation must arrive together: the window query for an sms job is ordered by the
 * conversation id, then the entry time (`ORDER BY ConversationId, EntryTime`). A conversation is complete
 * the moment a row of another conversation arrives, so only one conversation is held in memory, however
 * many pages its rows span. If rows of a conversation that was already complete show up again (a query
 * not ordered that way), a warning says so and the late rows become a second document with the same
 * natural_id, which the duplicates setting then handles.
 */

const ACTOR_TYPES: Record<string, ParticipantType | 'SYSTEM'> = {
  agent: 'AGENT',
  bot: 'AGENT',
  chatbot: 'AGENT',
  supervisor: 'AGENT',
  enduser: 'CLIENT',
  system: 'SYSTEM',
};

export interface SmsOptions {
  fields: ResolvedConversation;
  participants: ParticipantMode;
  /** The job's dateField, read for the watermark. */
  dateField: string;
}

interface OpenConversation {
  id: string;
  firstRow: SfRecord;
  rows: number;
  turns: Turn[];
  firstEntryMs?: number;
  participants: Participant[];
  participantByKey: Map<string, Participant>;
  latestDate?: string;
}

/**
 * Groups rows into conversations as they come: a conversation is passed to `next` once a row of another
 * one arrives, and the last one at `end`. Rows must come ordered by conversation (see window.ts).
 */
export function groupConversationRows(options: SmsOptions, context: StageContext, next: Step<RunUnit>): { push: Step<SfRecord>; end(): void } {
  const completed = new Set<string>();
  let open: OpenConversation | undefined;
  return {
    push(row) {
      const id = toText(readField(row, options.fields.conversationIdField));
      if (open && open.id !== id) {
        completed.add(open.id);
        const finished = finish(open, options, context);
        open = undefined;
        next(finished);
      }
      if (!open) {
        if (completed.has(id)) {
          recordWarning(
            context,
            `rows of conversation ${id} are not together in the results; order the query by ${options.fields.conversationIdField}, then ${options.fields.entryTimeField}`,
            id,
          );
        }
        open = { id, firstRow: row, rows: 0, turns: [], participants: [], participantByKey: new Map() };
      }
      addRow(open, row, options, context);
    },
    end() {
      if (!open) return;
      const finished = finish(open, options, context);
      open = undefined;
      next(finished);
    },
  };
}

function addRow(conversation: OpenConversation, row: SfRecord, options: SmsOptions, context: StageContext): void {
  conversation.rows++;
  const rowDate = normalizeDate(readField(row, options.dateField));
  if (rowDate && (!conversation.latestDate || rowDate > conversation.latestDate)) conversation.latestDate = rowDate;

  const actorText = toText(readField(row, options.fields.actorTypeField));
  const actorType = ACTOR_TYPES[actorText.toLowerCase()];
  if (actorType === 'SYSTEM') {
    context.counters.rowsLeftOut.system++;
    return;
  }
  if (actorType === undefined && options.participants === 'auto') {
    context.counters.rowsLeftOut.unknownActor++;
    recordWarning(context, `an entry with actor type "${actorText}" was left out: it is not Agent, Bot, Supervisor, EndUser or System`, conversation.id);
    return;
  }
  const text = toText(readField(row, options.fields.textField));
  if (text.trim() === '') {
    context.counters.rowsLeftOut.emptyMessage++;
    return;
  }
  const name = toText(readField(row, options.fields.actorNameField));
  const participant = participantFor(conversation, name, actorType, options.participants);
  const entryTime = normalizeDate(readField(row, options.fields.entryTimeField));
  const entryMs = entryTime === undefined ? undefined : Date.parse(entryTime);
  if (entryMs !== undefined && conversation.firstEntryMs === undefined) conversation.firstEntryMs = entryMs;
  const turn: Turn = {
    participantId: participant.id,
    text,
    offsetSeconds: entryMs !== undefined && conversation.firstEntryMs !== undefined ? Math.round((entryMs - conversation.firstEntryMs) / 1000) : 0,
  };
  if (entryTime !== undefined) turn.timestamp = entryTime;
  conversation.turns.push(turn);
}

/**
 * In auto mode the actor type decides. firstIsAgent and firstIsClient ignore the actor types (for orgs
 * whose types are unreliable): the first speaker gets the mode's type, every other speaker the opposite.
 */
function participantFor(conversation: OpenConversation, name: string, actorType: ParticipantType | undefined, mode: ParticipantMode): Participant {
  const first = conversation.participants[0];
  let type: ParticipantType;
  if (mode === 'auto') type = actorType ?? 'CLIENT';
  else if (!first) type = mode === 'firstIsAgent' ? 'AGENT' : 'CLIENT';
  else type = first.name === name ? first.type : first.type === 'AGENT' ? 'CLIENT' : 'AGENT';
  const key = mode === 'auto' ? `${type}\u0000${name}` : name;
  let participant = conversation.participantByKey.get(key);
  if (!participant) {
    participant = { id: `p${conversation.participants.length + 1}`, type, name };
    conversation.participants.push(participant);
    conversation.participantByKey.set(key, participant);
  }
  return participant;
}

function finish(conversation: OpenConversation, options: SmsOptions, context: StageContext): RunUnit {
  context.counters.conversations++;
  // The document is made from the first row, with the conversation id under the id field even when
  // the row carried it only through a relationship.
  const record: SfRecord = { ...conversation.firstRow, [options.fields.conversationIdField]: conversation.id };
  const unit: RunUnit = { record, conversation: { participants: conversation.participants, turns: conversation.turns }, rows: conversation.rows };
  if (conversation.latestDate) unit.recordDate = conversation.latestDate;
  return unit;
}
