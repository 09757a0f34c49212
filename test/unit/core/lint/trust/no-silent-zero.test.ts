import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeSourceOf, type FieldDescribe } from '../../../../../src/core/describe';
import { resolveJob } from '../../../../../src/core/job/resolve';
import type { Job } from '../../../../../src/core/job/schema';
import { validateJob } from '../../../../../src/core/validate';
import { createOrg } from '../../../../../src/emulator/org';
import { previewJob } from '../../../../../src/runner/preview';

/**
 * No silent zero: whenever "sfjob validate" finds a job clean, its preview on the sample yields at least
 * one document, or an event that says why not. Feedback, chat and sms jobs are generated over the emulator's schema, with its
 * generated records as the sample; filters compare a field with a value one of those records holds, written
 * the right way or a wrong way (a number in quotes, a date that is not one, true in quotes, a field in
 * the wrong case). A wrong way can never match, so the checker must catch it before the preview shows zero.
 */

const NOW = new Date('2026-11-25T08:00:00Z');
const org = createOrg({ seed: 7, now: NOW, records: { cases: 12, chats: 8, sms: 4, surveys: 12 } });
const fullDescribe = describeSourceOf(org.describeGlobal());

interface ObjectSetup {
  name: string;
  feedbackType: 'feedback' | 'chat' | 'sms';
  /** Fields every job on the object selects. */
  required: string[];
}

const OBJECTS: ObjectSetup[] = [
  { name: 'Case', feedbackType: 'feedback', required: ['Id'] },
  { name: 'Survey_Response__c', feedbackType: 'feedback', required: ['Id'] },
  { name: 'LiveChatTranscript', feedbackType: 'chat', required: ['Id', 'Body'] },
  { name: 'ConversationEntry', feedbackType: 'sms', required: ['Id', 'ConversationId', 'Message', 'ActorType', 'ActorName', 'EntryTime'] },
];

const SCALAR_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url', 'id', 'reference', 'int', 'double', 'currency', 'percent', 'boolean', 'date', 'datetime']);

function fieldsOf(object: string): FieldDescribe[] {
  return fullDescribe.object(object)!.fields.filter((f) => SCALAR_TYPES.has(f.type) && f.type !== 'multipicklist');
}

function sampleOf(object: string): Record<string, unknown>[] {
  return org
    .rows(object)
    .slice(0, object === 'ConversationEntry' ? 30 : 10)
    .map((row) => ({ attributes: { type: object }, ...row }));
}

const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** How a record's value is written as a literal: right, or one of the ways that can never match. */
type Form = 'right' | 'quoted-number' | 'quoted-boolean' | 'not-a-date' | 'bare-number-for-text';

function literal(field: FieldDescribe, value: unknown, form: Form): string {
  const quoted = (text: string): string => JSON.stringify(text);
  if (typeof value === 'number') return form === 'quoted-number' ? quoted(String(value)) : String(value);
  if (typeof value === 'boolean') return form === 'quoted-boolean' ? quoted(String(value)) : String(value);
  const text = String(value);
  if ((field.type === 'date' || field.type === 'datetime') && form === 'not-a-date') return quoted('yesterday');
  if (form === 'bare-number-for-text' && !NUMBER_TYPES.has(field.type) && field.type !== 'date' && field.type !== 'datetime') return '42';
  return quoted(text);
}

function spelled(name: string, wrongCase: boolean): string {
  return wrongCase ? name.toLowerCase() : name;
}

interface Generated {
  job: Record<string, unknown>;
  withDescribe: boolean;
  sample: Record<string, unknown>[];
}

const generatedJob: fc.Arbitrary<Generated> = fc
  .record({
    objectIndex: fc.nat({ max: OBJECTS.length - 1 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    dateIndex: fc.nat(),
    mapped: fc.array(fc.nat(), { maxLength: 3 }),
    filter: fc.option(
      fc.record({
        field: fc.nat(),
        record: fc.nat(),
        operator: fc.constantFrom('=', '>=', '<='),
        form: fc.constantFrom<Form>('right', 'right', 'right', 'quoted-number', 'quoted-boolean', 'not-a-date', 'bare-number-for-text'),
        wrongCase: fc.boolean(),
        blankTest: fc.boolean(),
      }),
      { nil: undefined },
    ),
    mappingWrongCase: fc.boolean(),
    withDescribe: fc.boolean(),
  })
  .map((g): Generated => {
    const setup = OBJECTS[g.objectIndex];
    const fields = fieldsOf(setup.name);
    const dates = fields.filter((f) => (f.type === 'date' || f.type === 'datetime') && f.filterable);
    const dateField = dates[g.dateIndex % dates.length].name;
    const selected = [...new Set([...setup.required, dateField, ...g.picks.map((i) => fields[i % fields.length].name)])];
    const sample = sampleOf(setup.name);
    const job: Record<string, unknown> = {
      name: 'Generated',
      project: 'Checks',
      connection: 'local',
      feedbackType: setup.feedbackType,
      query: `SELECT ${selected.join(', ')} FROM ${setup.name}`,
      dateField,
    };
    const mappable = selected.filter((name) => !setup.required.includes(name));
    if (mappable.length > 0 && g.mapped.length > 0) {
      const names = [...new Set(g.mapped.map((i) => mappable[i % mappable.length]))];
      job.mapping = { fields: names.map((name, index) => ({ source: spelled(name, g.mappingWrongCase && index === 0), name: `f${index}`, type: 'text' })) };
    }
    if (g.filter) {
      const field = fullDescribe.object(setup.name)!.fields.find((f) => f.name === selected[g.filter!.field % selected.length])!;
      // An sms filter sees each conversation through its first row, so only first rows hold values it can match.
      const firstRows = setup.feedbackType === 'sms' ? sample.filter((record, index) => sample.findIndex((r) => r.ConversationId === record.ConversationId) === index) : sample;
      const withValue = firstRows.filter((record) => record[field.name] !== null && record[field.name] !== undefined);
      const name = spelled(field.name, g.filter.wrongCase);
      if (g.filter.blankTest || withValue.length === 0) {
        // Some record has the field blank or not: one of the two matches at least the first record.
        const blank = sample[0][field.name] === null || sample[0][field.name] === undefined;
        job.filter = blank ? `ISBLANK(${name})` : `NOT ISBLANK(${name})`;
      } else {
        const value = withValue[g.filter.record % withValue.length][field.name];
        job.filter = `${name} ${g.filter.operator} ${literal(field, value, g.filter.form)}`;
      }
    }
    return { job, withDescribe: g.withDescribe, sample };
  });

describe('no silent zero (property, over the emulator schema)', () => {
  it('a job that validates clean previews at least one document from its sample, or says why not', async () => {
    await fc.assert(
      fc.asyncProperty(generatedJob, async ({ job, withDescribe, sample }) => {
        const text = JSON.stringify(job, null, 2);
        const result = validateJob(text, {
          path: '/workspace/generated.sfjob.json',
          readFile: (file) => (file === 'generated.sample.json' ? JSON.stringify(sample) : undefined),
          connectionNames: ['local'],
          ...(withDescribe ? { describe: fullDescribe } : {}),
          now: NOW,
        });
        const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
        if (problems.length > 0) return;
        assert.ok(result.job, 'a clean job parses');
        const preview = await previewJob({ jobPath: '/workspace/generated.sfjob.json', job: resolveJob(result.job as Job), records: sample, now: NOW, maxDocuments: 50 });
        const reasons = preview.events.filter((event) => event.type === 'skip' || event.type === 'warning');
        assert.ok(
          preview.documents.length > 0 || reasons.length > 0,
          `validate was clean but the preview made no document and gave no reason (${preview.counters.filteredOut} filtered out):\n${text}`,
        );
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('the generator reaches both outcomes: filters the checker refuses and filters that keep records', () => {
    let refused = 0;
    let kept = 0;
    fc.assert(
      fc.property(generatedJob, ({ job, withDescribe, sample }) => {
        if (job.filter === undefined) return;
        const result = validateJob(JSON.stringify(job), {
          path: '/workspace/generated.sfjob.json',
          readFile: (file) => (file === 'generated.sample.json' ? JSON.stringify(sample) : undefined),
          connectionNames: ['local'],
          ...(withDescribe ? { describe: fullDescribe } : {}),
        });
        if (result.diagnostics.some((d) => d.code === 'expression-invalid')) refused++;
        else kept++;
      }),
      { seed: 20261203, numRuns: 300 },
    );
    assert.ok(refused > 20 && kept > 20, `refused ${refused}, kept ${kept}`);
  });
});
