import { z } from 'zod';
import { apiVersionSchema, fileRefSchema, relativePathSchema } from './schema-parts';

/**
 * The job file format: the single source of truth. The editor's JSON schema (schemas/sfjob.schema.json)
 * is generated from this with `npm run schema`, and a test fails when the two drift apart.
 * Cross-key rules that JSON schema cannot express live in src/core/lint, not in refinements here,
 * so every broken rule gets its own diagnostic code and range.
 */

/**
 * Upper bounds on lists in a job. Each is far above what a real job holds (a Salesforce object has at
 * most about a thousand fields; a redaction list a few dozen patterns) and keeps the checks and runs of a
 * hostile job bounded: every pattern is compiled and proven safe, every rule applied to every text.
 */
export const MAX_MAPPED_FIELDS = 1_000;
export const MAX_REDACTIONS = 10_000;
export const MAX_SUBSTITUTIONS = 10_000;
export const MAX_LOOKUP_ENTRIES = 10_000;

export const FEEDBACK_TYPES = ['feedback', 'chat', 'sms'] as const;
export const FIELD_TYPES = ['text', 'number', 'date', 'verbatim', 'skip'] as const;
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

const fieldNameSchema = z
  .string()
  .min(1, { error: 'A field name may not be empty.' })
  .meta({ description: 'A field name, in the exact case Salesforce returns it (e.g. `CreatedDate`).' });

const constantSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const sourceSchema = z
  .union(
    [
      fieldNameSchema,
      z.strictObject({ field: fieldNameSchema }).meta({ description: 'The value of a record field.' }),
      z.strictObject({ value: constantSchema }).meta({ description: 'A constant value.' }),
      z
        .strictObject({ expression: z.string().min(1) })
        .meta({ description: 'An expression over record fields, e.g. `UPPER(Status) & "-" & Origin`.' }),
    ],
    { error: 'A source is a field name, or {"field": …}, {"value": …} or {"expression": …}.' },
  )
  .meta({
    description: 'Where a value comes from: a field name (exact case), {field}, {value} or {expression}.',
    markdownDescription:
      'Where a value comes from: a field name in the exact case of the Data Sample (`"CreatedDate"`), `{"field": "X"}`, `{"value": <constant>}` or `{"expression": "…"}`.',
  });

export const transformSchema = z
  .union(
    [
      z.strictObject({
        regex: z.strictObject({
          pattern: z.string().meta({
            description:
              "A regular expression in XM Discover's dialect (.NET syntax as JavaScript can express it: lookbehind, positive lookahead, backreferences, named groups; no negative lookahead). Patterns that could backtrack catastrophically are refused.",
          }),
          replace: z.string().meta({ description: 'The replacement; `$1` refers to a group.' }),
        }),
      }),
      z.strictObject({
        lookup: z.strictObject({
          table: z
            .record(z.string(), constantSchema)
            .refine((table) => Object.keys(table).length <= MAX_LOOKUP_ENTRIES, {
              error: `A lookup table holds at most ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} entries.`,
            })
            .meta({ description: `Value → replacement (at most ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} entries).` }),
          default: constantSchema.optional().meta({ description: 'Used when a value is not in the table; without it the value is kept.' }),
        }),
      }),
      z.strictObject({ expression: z.string().min(1).meta({ description: 'An expression; `VALUE` … the field names as usual.' }) }),
    ],
    { error: 'A transform is one of {"regex": {pattern, replace}}, {"lookup": {table, default?}} or {"expression": "…"}.' },
  )
  .meta({ description: 'At most one transform applied to the value.' });

export const mappedFieldSchema = z
  .strictObject({
    source: sourceSchema,
    name: z.string().min(1).optional().meta({ description: "The attribute's name in the document; defaults to the source field's name." }),
    type: z.enum(FIELD_TYPES).meta({
      description: 'How the value is loaded: text, number, date, verbatim (analysed text) or skip (Do Not Map).',
      enumDescriptions: ['A text attribute.', 'A numeric attribute.', 'A date attribute.', 'Verbatim text, analysed.', 'Do Not Map: the field is retrieved but not loaded.'],
    }),
    transform: transformSchema.optional(),
  })
  .meta({ description: 'An extra field of the document.' });

export const conversationSchema = z
  .strictObject({
    transcriptField: fieldNameSchema.optional().meta({ description: 'chat: the field holding the transcript HTML (default `Body`).' }),
    conversationIdField: fieldNameSchema.optional().meta({ description: 'sms: the field grouping rows into conversations (default `ConversationId`).' }),
    textField: fieldNameSchema.optional().meta({ description: 'sms: the message text (default `Message`).' }),
    actorTypeField: fieldNameSchema.optional().meta({ description: 'sms: the actor type, Agent/Bot/EndUser/System (default `ActorType`).' }),
    actorNameField: fieldNameSchema.optional().meta({ description: "sms: the actor's name (default `ActorName`)." }),
    entryTimeField: fieldNameSchema.optional().meta({ description: 'sms: when the entry was made (default `EntryTime`).' }),
  })
  .meta({ description: 'chat and sms: which fields hold the conversation.' });

const fixedFieldSchema = z.unknown().optional();

export const mappingSchema = z
  .strictObject({
    natural_id: sourceSchema.optional().meta({ description: 'Unique per document; default `Id` (for sms, the conversation id).' }),
    document_date: sourceSchema.optional().meta({ description: 'The document date; default the `dateField`.' }),
    feedback_provider: fixedFieldSchema.meta({
      description: 'Fixed to "Salesforce" by the connector: setting it is an error.',
      deprecationMessage: 'feedback_provider is fixed to "Salesforce"; remove it.',
    }),
    source_value: sourceSchema.optional().meta({ description: 'Default "Salesforce".' }),
    feedback_type: sourceSchema.optional().meta({ description: 'Default "Operational Reporting".' }),
    job_name: sourceSchema.optional().meta({ description: "Default the job's name." }),
    loadDate: fixedFieldSchema.meta({
      description: 'Set to the time of the run by the connector: setting it is an error.',
      deprecationMessage: 'loadDate is set at run time; remove it.',
    }),
    fields: z
      .array(mappedFieldSchema)
      .max(MAX_MAPPED_FIELDS, { error: `mapping.fields holds at most ${MAX_MAPPED_FIELDS.toLocaleString('en-US')} fields.` })
      .optional()
      .meta({ description: `Extra fields: attributes and verbatims (at most ${MAX_MAPPED_FIELDS.toLocaleString('en-US')}).` }),
    conversation: conversationSchema.optional(),
  })
  .meta({ description: 'How records become documents: the default fields and extra fields.' });

const substitutionRuleSchema = z.strictObject({
  find: z.string().min(1, { error: 'A substitution needs a phrase to find.' }).meta({ description: 'The phrase, case-sensitive.' }),
  replace: z.string().meta({ description: 'What replaces it.' }),
});

const redactionRuleSchema = z.union(
  [
    z.string().meta({ description: "A regular expression in XM Discover's dialect; matches are masked in the verbatims and conversation turns (never in ids, dates, numbers or booleans)." }),
    z.strictObject({
      pattern: z.string().meta({ description: "A regular expression in XM Discover's dialect (lookbehind, positive lookahead, backreferences, named groups; no negative lookahead)." }),
      fields: z.array(fieldNameSchema).optional().meta({ description: 'The verbatims and text attributes to mask (and the turns when it names the transcript or message field); default the verbatims and the conversation turns. Ids, dates, numbers and booleans are never masked.' }),
      mask: z.string().optional().meta({ description: 'The replacement; default `[REDACTED]`.' }),
    }),
  ],
  { error: 'A redaction is a regex string or {"pattern", "fields"?, "mask"?}.' },
);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'startsOn is a time "HH:MM" (24-hour).' });

const onceScheduleSchema = z.strictObject({ mode: z.literal('once').meta({ description: 'Run when asked.' }) });

const incrementalScheduleSchema = z.strictObject({
  mode: z.literal('incremental').meta({ description: 'Pull new data on a schedule.' }),
  frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly']).meta({ description: 'How often the job runs.' }),
  everyHours: z.int().min(1).max(24).optional().meta({ description: 'hourly: run every N hours (1–24).' }),
  days: z.array(z.enum(WEEKDAYS)).min(1).optional().meta({ description: 'weekly: the days to run on.' }),
  dayOfMonth: z.int().min(1).max(31).optional().meta({ description: 'monthly: the day (31 means the last day of every month).' }),
  startsOn: hhmm.meta({ description: 'The time of day runs start, "HH:MM".', patternErrorMessage: 'Write a 24-hour time "HH:MM", e.g. "09:00".' }),
  timezone: z.string().min(1).meta({ description: 'An IANA time zone, e.g. "Europe/London".', examples: ['UTC', 'Europe/London', 'America/New_York'] }),
  lookback: z
    .string()
    .regex(/^\d+[mhd]$/, { error: 'lookback is a duration such as "2h" or "1d".' })
    .optional()
    .meta({ description: 'Extra data pulled each run, e.g. "2h" or "1d".' }),
  startDate: z.iso.datetime({ offset: true, error: 'startDate is an ISO date-time such as "2024-01-01T00:00:00Z".' }).optional().meta({ description: "The first run's lower bound." }),
  pullOnCreate: z.boolean().optional().meta({ description: 'Run once as soon as the schedule is created.' }),
});

export const scheduleSchema = z
  .discriminatedUnion('mode', [onceScheduleSchema, incrementalScheduleSchema], {
    error: 'schedule is {"mode": "once"} or {"mode": "incremental", "frequency", "startsOn", "timezone", …}.',
  })
  .meta({ description: 'When the job runs.' });

export const jobSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON schema this file follows.' }),
    name: z
      .string()
      .min(1, { error: 'name may not be empty.' })
      .max(100, { error: 'name is at most 100 characters.' })
      .meta({ description: "The job's name; the default job_name of every document." }),
    description: z.string().optional().meta({ description: 'Why the job exists.' }),
    project: z.string().min(1, { error: 'project may not be empty.' }).meta({ description: 'The destination project the documents are loaded into.' }),
    connection: z
      .string()
      .min(1, { error: 'connection may not be empty.' })
      .meta({ description: 'A connection name from sfjob.connections.json at the workspace root.' }),
    apiVersion: apiVersionSchema.optional(),
    feedbackType: z.enum(FEEDBACK_TYPES).meta({
      description: 'What a record is: feedback (a record is a document), chat (LiveChatTranscript), sms (ConversationEntry rows grouped).',
      enumDescriptions: [
        'Salesforce Feedback: each record is one document.',
        'Salesforce Chat: each LiveChatTranscript is one conversation.',
        'Salesforce SMS Text: ConversationEntry rows grouped into conversations.',
      ],
    }),
    participants: z.enum(['auto', 'firstIsAgent', 'firstIsClient']).optional().meta({
      description: 'chat and sms: how agents and clients are told apart (default auto).',
      enumDescriptions: ['From the transcript header and actor types.', 'The first speaker is the agent.', 'The first speaker is the client.'],
    }),
    query: z
      .union([z.string().min(1, { error: 'query may not be empty.' }), z.array(z.string()).min(1, { error: 'query needs at least one line.' })], {
        error: 'query is a SOQL string or an array of lines.',
      })
      .meta({ description: 'The SOQL query: a string, or an array of lines joined with "\\n". GROUP BY is not supported.' }),
    dateField: fieldNameSchema.meta({
      description: 'The date/datetime field that drives incremental pulls and the default document_date; it must be selected.',
    }),
    includeDeleted: z.boolean().optional().meta({ description: 'Also retrieve deleted and archived rows (queryAll). Default false.' }),
    bulkAbove: z
      .int({ error: 'bulkAbove is a positive whole number of rows.' })
      .positive({ error: 'bulkAbove is a positive whole number of rows.' })
      .optional()
      .meta({
        description:
          "Read a run's window through Bulk API 2.0 when a COUNT() finds more rows than this; fewer go through the REST query resource page by page. Only feedback and chat jobs without a recordLimit use Bulk. `sfjob run --bulk-above N` overrides it. Default: never Bulk.",
        examples: [100000],
      }),
    sample: relativePathSchema.optional().meta({ description: 'Sample records for case checks and previews; default `<job>.sample.json` beside the job. A regular file inside the workspace, at most 50 MB.' }),
    mapping: mappingSchema.optional(),
    substitutions: z
      .union(
        [
          z.array(substitutionRuleSchema).max(MAX_SUBSTITUTIONS, { error: `substitutions holds at most ${MAX_SUBSTITUTIONS.toLocaleString('en-US')} rules.` }),
          fileRefSchema,
        ],
        { error: 'substitutions is an array of {find, replace} or {"file": path}.' },
      )
      .optional()
      .meta({ description: 'Case-sensitive phrase replacement.' }),
    redactions: z
      .union([z.array(redactionRuleSchema).max(MAX_REDACTIONS, { error: `redactions holds at most ${MAX_REDACTIONS.toLocaleString('en-US')} patterns.` }), fileRefSchema], {
        error: 'redactions is an array of patterns or {"file": path}.',
      })
      .optional()
      .meta({ description: 'Patterns to mask.' }),
    filter: z.string().optional().meta({ description: 'A boolean expression over record fields, e.g. `Status = "Closed" AND NOT ISBLANK(Comment__c)`.' }),
    filterAction: z.enum(['include', 'exclude']).optional().meta({
      description: 'Keep the records that match the filter (include, the default), or drop them (exclude).',
      enumDescriptions: ['Keep matching records.', 'Drop matching records.'],
    }),
    recordLimit: z
      .union([z.literal('All'), z.int().positive()], { error: 'recordLimit is "All" or a positive whole number.' })
      .optional()
      .meta({ description: 'Maximum documents in one run (conversations for chat and sms). Default "All".' }),
    budget: z
      .strictObject({
        maxFeedbackRecords: z
          .number({ error: 'budget.maxFeedbackRecords is a number of feedback records.' })
          .positive({ error: 'budget.maxFeedbackRecords is a positive number of feedback records.' })
          .meta({
            description:
              'The most XM Discover feedback records one run may consume (1 per verbatim, 1 more per started 2,048 characters of a verbatim, 0.25 for a document without verbatims). A run whose documents would cost more fails before it publishes anything.',
            examples: [50000],
          }),
      })
      .optional()
      .meta({ description: 'Limits on what one run may cost in XM Discover.' }),
    duplicates: z.enum(['replace', 'skip', 'allow']).optional().meta({
      description: 'A document whose natural_id was loaded before: replace it, skip the new one, or keep both. Default replace.',
      enumDescriptions: ['Replace the earlier document.', 'Keep the earlier document and skip the new one.', 'Keep both.'],
    }),
    notifications: z
      .strictObject({
        onFailure: z.boolean().optional().meta({ description: 'Announce failed runs (default true).' }),
        onWarnings: z.boolean().optional().meta({ description: 'Announce runs with warnings (default true).' }),
        onSuccess: z.boolean().optional().meta({ description: 'Announce successful runs (default false).' }),
      })
      .optional()
      .meta({ description: 'Which run outcomes are announced. A run started from the editor always ends with a notification of its outcome.' }),
    schedule: scheduleSchema.optional(),
    output: z
      .strictObject({
        path: z.string().min(1).optional().meta({ description: 'Where each run writes, relative to the workspace root; must contain {runId} (each run writes a new file) and may use {job} and {date}. Default `out/{job}/{runId}.jsonl`.' }),
        format: z.enum(['jsonl', 'csv']).optional().meta({
          description:
            "jsonl (default) or csv: XM Discover's individual-feedback layout (a header row, one document a row, at most 100,000 rows a file; a larger run writes <name>-part1.csv, -part2.csv, …). Feedback jobs only: chat and sms write JSON lines.",
        }),
      })
      .optional()
      .meta({ description: "Where each run's documents go: one new file per run." }),
  })
  .meta({ title: 'sfjob connector job', description: 'A Salesforce inbound connector job (*.sfjob.json).' });

export type JobInput = z.input<typeof jobSchema>;
export type Job = z.output<typeof jobSchema>;
export type Source = z.output<typeof sourceSchema>;
export type MappedField = z.output<typeof mappedFieldSchema>;
export type Transform = z.output<typeof transformSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type IncrementalSchedule = Extract<Schedule, { mode: 'incremental' }>;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
