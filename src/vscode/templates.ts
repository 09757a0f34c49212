/**
 * The templates "sfjob: New Job" writes: one valid job per feedback type, using the standard objects and
 * fields of each. They are checked with validateJob in a unit test, so a new user starts from a file with
 * no errors (a connection name is the only thing left to fill in when the workspace has none).
 */

export type FeedbackType = 'feedback' | 'chat' | 'sms';

export interface TemplateInfo {
  feedbackType: FeedbackType;
  label: string;
  detail: string;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { feedbackType: 'feedback', label: 'Feedback', detail: 'Each record is one document (for example Case comments or survey responses).' },
  { feedbackType: 'chat', label: 'Chat', detail: 'Salesforce Chat: each LiveChatTranscript is one conversation.' },
  { feedbackType: 'sms', label: 'SMS Text', detail: 'Messaging: ConversationEntry rows grouped into conversations.' },
];

const QUERIES: Record<FeedbackType, string[]> = {
  feedback: ['SELECT Id, CaseNumber, Subject, Description, Status, Origin, CreatedDate', 'FROM Case', "WHERE Status = 'Closed'"],
  chat: ['SELECT Id, Body, Status, ChatDuration, StartTime, EndTime, CreatedDate', 'FROM LiveChatTranscript', "WHERE Status = 'Completed'"],
  sms: ['SELECT Id, ConversationId, Message, ActorType, ActorName, EntryTime', 'FROM ConversationEntry'],
};

const DATE_FIELDS: Record<FeedbackType, string> = { feedback: 'CreatedDate', chat: 'CreatedDate', sms: 'EntryTime' };

const FIELDS: Record<FeedbackType, { source: string; type: string }[]> = {
  feedback: [
    { source: 'Subject', type: 'text' },
    { source: 'Description', type: 'verbatim' },
    { source: 'Status', type: 'text' },
    { source: 'Origin', type: 'text' },
  ],
  chat: [
    { source: 'Status', type: 'text' },
    { source: 'ChatDuration', type: 'number' },
  ],
  sms: [],
};

/** A job file's text for a feedback type, pretty-printed with a trailing newline. */
export function jobTemplate(feedbackType: FeedbackType, name: string, connection: string): string {
  const job: Record<string, unknown> = {
    name,
    project: 'My Project',
    connection,
    feedbackType,
    ...(feedbackType === 'feedback' ? {} : { participants: 'auto' }),
    query: QUERIES[feedbackType],
    dateField: DATE_FIELDS[feedbackType],
    mapping: {
      natural_id: feedbackType === 'sms' ? 'ConversationId' : 'Id',
      ...(FIELDS[feedbackType].length > 0 ? { fields: FIELDS[feedbackType] } : {}),
    },
    schedule: { mode: 'once' },
  };
  return `${JSON.stringify(job, null, 2)}\n`;
}

/** A file name for a job name: lower case, words joined with "-", ending in .sfjob.json. */
export function jobFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'job'}.sfjob.json`;
}
