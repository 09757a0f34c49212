import { z } from 'zod';
import { connectionsFileSchema } from './connections-schema';
import { jobSchema, sourceSchema } from './schema';

/**
 * The editor's JSON schemas, generated from the zod schemas (the single source). Draft-07 is the draft
 * VS Code's JSON support handles completely; its extensions (`defaultSnippets`, `errorMessage`,
 * `markdownDescription`) make completion and messages read well in the editor.
 */

type JsonObject = Record<string, unknown>;

/** Messages for unions, whose default in the editor ("Incorrect type. Expected one of …") says little. */
const UNION_MESSAGES: Record<string, string> = {
  query: 'query is a SOQL string, or an array of lines joined with new lines.',
  recordLimit: 'recordLimit is "All" or a positive whole number.',
  substitutions: 'substitutions is an array of {"find", "replace"}, or {"file": "rules/x.substitutions"}.',
  redactions: 'redactions is an array of regex strings or {"pattern", "fields"?, "mask"?}, or {"file": "rules/x.redactions"}.',
  natural_id: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  document_date: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  source_value: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  feedback_type: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  job_name: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  source: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.',
  transform: 'A transform is one of {"regex": {"pattern", "replace"}}, {"lookup": {"table", "default"?}} or {"expression": "…"}.',
  schedule: 'schedule is {"mode": "once"} or {"mode": "incremental", "frequency", "startsOn", "timezone", …}.',
};

const NEW_JOB_SNIPPETS = [
  {
    label: 'New feedback job',
    description: 'Each record of an object is one document.',
    body: {
      name: '${1:Survey feedback}',
      project: '${2:Customer Care}',
      connection: '${3:local}',
      feedbackType: 'feedback',
      query: ['SELECT Id, ${4:Comment__c}, CreatedDate', 'FROM ${5:Survey_Response__c}'],
      dateField: 'CreatedDate',
      mapping: { fields: [{ source: '${4:Comment__c}', type: 'verbatim' }] },
      schedule: { mode: 'incremental', frequency: 'daily', startsOn: '${6:06:00}', timezone: '${7:UTC}' },
    },
  },
  {
    label: 'New chat job',
    description: 'LiveChatTranscript: each transcript is one conversation.',
    body: {
      name: '${1:Support chats}',
      project: '${2:Customer Care}',
      connection: '${3:local}',
      feedbackType: 'chat',
      query: ['SELECT Id, Body, StartTime, Status, ChatDuration', 'FROM LiveChatTranscript', "WHERE Status = 'Completed'"],
      dateField: 'StartTime',
      mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'ChatDuration', type: 'number' }] },
    },
  },
  {
    label: 'New SMS job',
    description: 'ConversationEntry rows grouped into conversations.',
    body: {
      name: '${1:SMS conversations}',
      project: '${2:Customer Care}',
      connection: '${3:local}',
      feedbackType: 'sms',
      query: ['SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime', 'FROM ConversationEntry'],
      dateField: 'EntryTime',
    },
  },
];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks the generated schema once, adding editor messages beside the keys they belong to. */
function decorate(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(decorate);
    return;
  }
  if (!isObject(node)) return;
  const properties = node.properties;
  if (isObject(properties)) {
    for (const [key, property] of Object.entries(properties)) {
      const alternatives = isObject(property) ? (property.anyOf ?? property.oneOf) : undefined;
      if (!isObject(property) || !UNION_MESSAGES[key] || !Array.isArray(alternatives)) continue;
      // VS Code reports the closest alternative's type mismatch, so each alternative carries the message too.
      property.errorMessage = UNION_MESSAGES[key];
      for (const alternative of alternatives) if (isObject(alternative)) alternative.errorMessage = UNION_MESSAGES[key];
    }
  }
  // A reused source keeps its generic Markdown text; put the key's own description in front of it.
  if (typeof node.markdownDescription === 'string' && node.markdownDescription === sourceSchema.meta()?.markdownDescription && node.description !== sourceSchema.description) {
    node.markdownDescription = `${String(node.description)}\n\n${node.markdownDescription}`;
  }
  for (const value of Object.values(node)) decorate(value);
}

/**
 * VS Code's JSON service reads these two keywords of a schema: both files are JSON with comments and
 * trailing commas (as sfjob parses them), so editors that apply the schema do not flag either.
 */
const JSONC = { allowComments: true, allowTrailingCommas: true } as const;

export function jobJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(jobSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonObject;
  decorate(schema);
  return { ...schema, ...JSONC, defaultSnippets: NEW_JOB_SNIPPETS };
}

export function connectionsJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(connectionsFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonObject;
  decorate(schema);
  return {
    ...schema,
    ...JSONC,
    defaultSnippets: [
      {
        label: 'New connections file',
        body: {
          connections: { '${1:acme-prod}': { environmentUrl: '${2:https://acme.my.salesforce.com}', flow: 'webServer', clientId: '${3:consumer key}' } },
        },
      },
    ],
  };
}

/** The file text written to schemas/: pretty-printed, ending with a new line. */
export function schemaFileText(schema: JsonObject): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
