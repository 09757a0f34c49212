import * as assert from 'node:assert/strict';
import { validateJob } from '../../../src/core/validate';
import type { ValidationContext } from '../../../src/core/validate-api';

const JOB = JSON.stringify({
  name: 'Closed cases',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Subject, CreatedDate FROM Case',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Subject', type: 'verbatim' }] },
  redactions: ['\\d{4}'],
});

/** A host whose files can change between validations, counting reads. */
function host(files: Record<string, string>): ValidationContext & { reads: number } {
  const ctx = {
    reads: 0,
    path: '/work/jobs/cases.sfjob.json',
    connectionNames: ['local'],
    readFile(name: string): string | undefined {
      ctx.reads++;
      return files[name];
    },
  };
  return ctx;
}

describe('validation remembers what it checked', () => {
  it('gives the same diagnostics for the same text, and a list the caller may change', () => {
    const ctx = host({});
    const first = validateJob(JOB, ctx);
    first.diagnostics.push({ code: 'schema', severity: 'error', message: 'added by the caller', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    const second = validateJob(JOB, ctx);
    assert.ok(!second.diagnostics.some((d) => d.message === 'added by the caller'));
    assert.deepEqual(second.diagnostics, validateJob(`${JOB} `, ctx).diagnostics);
  });

  it('sees a sample that changed since the same text was checked', () => {
    const files: Record<string, string> = { 'cases.sample.json': JSON.stringify([{ Id: '500000000000001AAA', Subject: 'Hello', CreatedDate: '2026-11-01T00:00:00.000+0000' }]) };
    const ctx = host(files);
    const clean = validateJob(JOB, ctx);
    assert.ok(!clean.diagnostics.some((d) => d.code === 'sample-invalid'), JSON.stringify(clean.diagnostics));
    files['cases.sample.json'] = '{ not json';
    const broken = validateJob(JOB, ctx);
    assert.ok(broken.diagnostics.some((d) => d.code === 'sample-invalid'), JSON.stringify(broken.diagnostics));
    delete files['cases.sample.json'];
    assert.ok(!validateJob(JOB, ctx).diagnostics.some((d) => d.code === 'sample-invalid'));
  });

  it('checks again when the connection names differ', () => {
    const known = validateJob(JOB, host({}));
    const unknown = validateJob(JOB, { ...host({}), connectionNames: ['other'] });
    assert.notDeepEqual(known.diagnostics.map((d) => d.code), unknown.diagnostics.map((d) => d.code));
  });
});
