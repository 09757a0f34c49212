import type { FeedbackType, Job, MappedField, Schedule, Source } from './schema';

/**
 * A job with every default of the contract filled in. The schema keeps keys optional so the editor
 * shows what the user wrote; everything that runs a job works from this resolved form, so a default
 * is decided in exactly one place.
 */
export interface ResolvedJob {
  name: string;
  description?: string;
  project: string;
  connection: string;
  apiVersion?: string;
  feedbackType: FeedbackType;
  participants: 'auto' | 'firstIsAgent' | 'firstIsClient';
  /** The query as one string (array lines joined with "\n"). */
  query: string;
  dateField: string;
  includeDeleted: boolean;
  /** Read a window through Bulk API 2.0 when it holds more rows than this. */
  bulkAbove?: number;
  sample?: string;
  mapping: ResolvedMapping;
  substitutions: Job['substitutions'];
  redactions: Job['redactions'];
  filter?: string;
  filterAction: 'include' | 'exclude';
  recordLimit: number | 'All';
  /** The most XM Discover feedback records one run may consume; absent for no limit. */
  maxFeedbackRecords?: number;
  duplicates: 'replace' | 'skip' | 'allow';
  notifications: { onFailure: boolean; onWarnings: boolean; onSuccess: boolean };
  schedule: Schedule;
  output: { path: string; format: 'jsonl' | 'csv' };
}

export interface ResolvedMapping {
  natural_id: Source;
  document_date: Source;
  source_value: Source;
  feedback_type: Source;
  job_name: Source;
  fields: MappedField[];
  conversation: ResolvedConversation;
}

export interface ResolvedConversation {
  transcriptField: string;
  conversationIdField: string;
  textField: string;
  actorTypeField: string;
  actorNameField: string;
  entryTimeField: string;
}

export const DEFAULT_API_VERSION = '62.0';
export const FEEDBACK_PROVIDER = 'Salesforce';
export const DEFAULT_OUTPUT_PATH = 'out/{job}/{runId}.jsonl';

export function queryText(query: Job['query']): string {
  return Array.isArray(query) ? query.join('\n') : query;
}

export function resolveConversation(conversation: Partial<ResolvedConversation> | undefined): ResolvedConversation {
  return {
    transcriptField: conversation?.transcriptField ?? 'Body',
    conversationIdField: conversation?.conversationIdField ?? 'ConversationId',
    textField: conversation?.textField ?? 'Message',
    actorTypeField: conversation?.actorTypeField ?? 'ActorType',
    actorNameField: conversation?.actorNameField ?? 'ActorName',
    entryTimeField: conversation?.entryTimeField ?? 'EntryTime',
  };
}

export function resolveJob(job: Job): ResolvedJob {
  const mapping = job.mapping ?? {};
  const conversation = resolveConversation(mapping.conversation);
  const format = job.output?.format ?? 'jsonl';
  const naturalIdDefault = job.feedbackType === 'sms' ? conversation.conversationIdField : 'Id';
  return {
    name: job.name,
    description: job.description,
    project: job.project,
    connection: job.connection,
    apiVersion: job.apiVersion,
    feedbackType: job.feedbackType,
    participants: job.participants ?? 'auto',
    query: queryText(job.query),
    dateField: job.dateField,
    includeDeleted: job.includeDeleted ?? false,
    ...(job.bulkAbove !== undefined ? { bulkAbove: job.bulkAbove } : {}),
    sample: job.sample,
    mapping: {
      natural_id: mapping.natural_id ?? naturalIdDefault,
      document_date: mapping.document_date ?? job.dateField,
      source_value: mapping.source_value ?? { value: FEEDBACK_PROVIDER },
      feedback_type: mapping.feedback_type ?? { value: 'Operational Reporting' },
      job_name: mapping.job_name ?? { value: job.name },
      fields: mapping.fields ?? [],
      conversation,
    },
    substitutions: job.substitutions,
    redactions: job.redactions,
    filter: job.filter,
    filterAction: job.filterAction ?? 'include',
    recordLimit: job.recordLimit ?? 'All',
    ...(job.budget ? { maxFeedbackRecords: job.budget.maxFeedbackRecords } : {}),
    duplicates: job.duplicates ?? 'replace',
    notifications: {
      onFailure: job.notifications?.onFailure ?? true,
      onWarnings: job.notifications?.onWarnings ?? true,
      onSuccess: job.notifications?.onSuccess ?? false,
    },
    schedule: job.schedule ?? { mode: 'once' },
    output: {
      path: job.output?.path ?? (format === 'csv' ? DEFAULT_OUTPUT_PATH.replace(/\.jsonl$/, '.csv') : DEFAULT_OUTPUT_PATH),
      format,
    },
  };
}

/** The job's short name: the file name without `.sfjob.json` (the `{job}` placeholder). */
export function jobBaseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.sfjob\.json$/i, '');
}
