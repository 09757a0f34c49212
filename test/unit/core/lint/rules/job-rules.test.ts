import * as assert from 'node:assert/strict';
import { applyFix, codesOf, jobText, only, rangeOf, validate, withCode } from '../job-fixture';

describe('date-field-not-selected and no-date-candidate', () => {
  it('flags a dateField missing from SELECT at the dateField value, listing the candidates with a fix for each', () => {
    const text = jobText({ dateField: 'ClosedDate' });
    const diagnostic = only(validate(text), 'date-field-not-selected');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"ClosedDate"'));
    assert.match(diagnostic.message, /"CreatedDate"/);
    assert.deepEqual(diagnostic.data?.candidates, ['CreatedDate']);
    assert.deepEqual(codesOf(validate(applyFix(text, diagnostic))), []);
  });

  it('flags a query that selects no date field at its SELECT list', () => {
    const text = jobText({ query: 'SELECT Id, Subject, Description FROM Case' });
    const diagnostic = only(validate(text), 'no-date-candidate');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'Id, Subject, Description'));
  });

  it('accepts a selected dateField whatever its case in SELECT', () => {
    assert.deepEqual(withCode(validate(jobText({ query: 'SELECT Id, Description, CREATEDDATE FROM Case' })), 'date-field-not-selected'), []);
  });
});

describe('fixed-field', () => {
  for (const key of ['feedback_provider', 'loadDate']) {
    it(`flags mapping.${key} at its key and removes it with the fix`, () => {
      const text = jobText({ mapping: { [key]: 'x', fields: [{ source: 'Description', type: 'verbatim' }] } });
      const diagnostic = only(validate(text), 'fixed-field');
      assert.deepEqual(diagnostic.range, rangeOf(text, `"${key}"`));
      const fixed = applyFix(text, diagnostic);
      assert.ok(!fixed.includes(key));
      assert.deepEqual(codesOf(validate(fixed)), []);
    });
  }

  it('removes the last property of an object together with the comma before it', () => {
    const text = jobText({ mapping: { fields: [{ source: 'Description', type: 'verbatim' }], loadDate: 1 } });
    assert.deepEqual(codesOf(validate(applyFix(text, only(validate(text), 'fixed-field')))), []);
  });

  it('accepts the other default fields', () => {
    assert.deepEqual(codesOf(validate(jobText({ mapping: { source_value: { value: 'Web' }, job_name: { value: 'x' } } }))), []);
  });
});

describe('participants on a feedback job', () => {
  it('is a schema error at the participants key', () => {
    const text = jobText({ participants: 'auto' });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"participants"'));
    assert.deepEqual(codesOf(validate(applyFix(text, diagnostic))), []);
  });

  it('is accepted on chat jobs', () => {
    const text = jobText({ feedbackType: 'chat', participants: 'firstIsAgent', query: 'SELECT Id, Body, StartTime FROM LiveChatTranscript', dateField: 'StartTime', mapping: {} });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('unknown-connection', () => {
  it('flags a name missing from the connections file with "did you mean" and a fix', () => {
    const text = jobText({ connection: 'acme-prd' });
    const diagnostic = only(validate(text, { connectionNames: ['local', 'acme-prod'] }), 'unknown-connection');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"acme-prd"'));
    assert.match(diagnostic.message, /Did you mean "acme-prod"\?/);
    assert.match(applyFix(text, diagnostic), /"connection": "acme-prod"/);
  });

  it('accepts a known name', () => {
    assert.deepEqual(codesOf(validate(jobText(), { connectionNames: ['local'] })), []);
  });

  it('is skipped when there is no connections file', () => {
    assert.deepEqual(codesOf(validate(jobText({ connection: 'anything' }))), []);
  });
});

describe('feedback-type-object', () => {
  it('flags a chat job that reads another object, at the object name in the query', () => {
    const text = jobText({ feedbackType: 'chat', query: 'SELECT Id, Body, CreatedDate FROM Case', mapping: {} });
    assert.deepEqual(only(validate(text), 'feedback-type-object').range, rangeOf(text, 'Case', 1));
  });

  it('accepts an sms job on ConversationEntry', () => {
    const text = jobText({ feedbackType: 'sms', query: 'SELECT Id, ConversationId, Message, ActorType, ActorName, EntryTime FROM ConversationEntry', dateField: 'EntryTime', mapping: {} });
    assert.deepEqual(codesOf(validate(text)), []);
  });
});

describe('schedule-invalid', () => {
  const schedule = (extra: Record<string, unknown>) => ({ mode: 'incremental', frequency: 'daily', startsOn: '06:00', timezone: 'UTC', ...extra });

  it('flags everyHours on a schedule that is not hourly, at the key, with a fix', () => {
    const text = jobText({ schedule: schedule({ everyHours: 2 }) });
    const diagnostic = only(validate(text), 'schedule-invalid');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"everyHours"'));
    assert.deepEqual(codesOf(validate(applyFix(text, diagnostic))), []);
  });

  it('flags a weekly schedule without days, and days or dayOfMonth elsewhere', () => {
    assert.match(only(validate(jobText({ schedule: schedule({ frequency: 'weekly' }) })), 'schedule-invalid').message, /needs "days"/);
    assert.equal(withCode(validate(jobText({ schedule: schedule({ days: ['MON'], dayOfMonth: 3 }) })), 'schedule-invalid').length, 2);
  });

  it('flags an unknown IANA time zone at its value', () => {
    const text = jobText({ schedule: schedule({ timezone: 'Europe/Londn' }) });
    assert.deepEqual(only(validate(text), 'schedule-invalid').range, rangeOf(text, '"Europe/Londn"'));
  });

  it('flags a startDate whose day does not exist', () => {
    assert.match(only(validate(jobText({ schedule: schedule({ startDate: '2025-02-30T00:00:00Z' }) })), 'schedule-invalid').message, /startDate/);
  });

  it('flags a monthly schedule without dayOfMonth at its frequency, since it would never run', () => {
    const text = jobText({ schedule: schedule({ frequency: 'monthly' }) });
    const diagnostic = only(validate(text), 'schedule-invalid');
    assert.match(diagnostic.message, /needs "dayOfMonth"/);
    assert.deepEqual(diagnostic.range, rangeOf(text, '"monthly"'));
  });

  it('warns, without an error, when a time zone is written in the wrong case', () => {
    const diagnostic = only(validate(jobText({ schedule: schedule({ timezone: 'europe/london' }) })), 'schedule-invalid');
    assert.equal(diagnostic.severity, 'warning');
    assert.match(diagnostic.message, /"Europe\/London"/);
  });

  it('accepts valid hourly, weekly and monthly schedules', () => {
    for (const extra of [{ frequency: 'hourly', everyHours: 3 }, { frequency: 'weekly', days: ['MON', 'FRI'] }, { frequency: 'monthly', dayOfMonth: 31, timezone: 'America/New_York', startDate: '2024-02-29T00:00:00Z' }]) {
      assert.deepEqual(codesOf(validate(jobText({ schedule: schedule(extra) }))), [], JSON.stringify(extra));
    }
  });
});

describe('secret-in-file in a job', () => {
  it('flags an access token written as a constant, at the token, without repeating it', () => {
    const token = '00D5g000004XyZw!AQ4AQFzW6yVx1B0Tq9cR3pLkM7nZ2sHjUe8o';
    const text = jobText({ mapping: { source_value: { value: `Bearer ${token}` } } });
    const diagnostic = only(validate(text), 'secret-in-file');
    assert.deepEqual(diagnostic.range, rangeOf(text, token));
    assert.ok(!diagnostic.message.includes(token));
  });

  it('stays quiet on record ids and ordinary text', () => {
    assert.deepEqual(codesOf(validate(jobText({ description: 'Pulls 5005g00000AbCdEAAV and friends', mapping: { source_value: { value: 'Web' } } }))), []);
  });
});
