import * as assert from 'node:assert/strict';
import { applyFix, codesOf, jobText, only, rangeOf, validate, withCode } from '../lint/job-fixture';

describe('schema diagnostics', () => {
  it('reports every schema problem at once', () => {
    const text = jobText({ feedbackType: 'chatt', recordLimit: -1, duplicates: 'keep' });
    const result = validate(text);
    assert.equal(withCode(result, 'schema').length, 3);
  });

  it('puts an unknown key on the key itself, suggesting the key that was meant', () => {
    const text = jobText({ fitler: 'Status = "Closed"' });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"fitler"'));
    assert.match(diagnostic.message, /Unknown key "fitler".*Did you mean "filter"\?/);
  });

  it('puts a missing required key on the opening brace of the object, naming the key', () => {
    const text = jobText({ project: undefined });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '{'));
    assert.match(diagnostic.message, /Missing required key "project"/);
  });

  it('puts a wrong enum value on the value and lists the accepted ones', () => {
    const text = jobText({ feedbackType: 'chatt' });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"chatt"'));
    assert.match(diagnostic.message, /"feedbackType" must be one of "feedback", "chat", "sms".*Did you mean "chat"/);
  });

  it('follows a union to the alternative that was meant: a bad line of an array query', () => {
    const text = jobText({ query: ['SELECT Id, CreatedDate', 42, 'FROM Case'] });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '42'));
    assert.match(diagnostic.message, /"query\[1\]" must be a string, not a number/);
  });

  it('follows a union into an object source with an unknown key', () => {
    const text = jobText({ mapping: { fields: [{ source: { field: 'Description', feild: 'x' }, type: 'verbatim' }] } });
    const diagnostic = only(validate(text), 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"feild"'));
  });

  it('keeps the project-written message of a union no alternative fits', () => {
    const text = jobText({ recordLimit: 'ten' });
    assert.match(only(validate(text), 'schema').message, /recordLimit is "All" or a positive whole number/);
  });

  it('reports schedule problems as schedule-invalid', () => {
    const text = jobText({ schedule: { mode: 'incremental', frequency: 'daily', startsOn: '25:00', timezone: 'UTC' } });
    const result = validate(text);
    assert.deepEqual(codesOf(result), ['schedule-invalid']);
    assert.deepEqual(result.diagnostics[0].range, rangeOf(text, '"25:00"'));
  });

  it('reports a file that is not an object', () => {
    assert.deepEqual(codesOf(validate('[1, 2]')), ['schema']);
  });

  it('reports nothing for a valid job', () => {
    assert.deepEqual(validate(jobText()).diagnostics, []);
  });

  it('still checks the valid parts of a job with a schema error', () => {
    const text = jobText({ duplicates: 'keep', mapping: { loadDate: 'now' } });
    assert.deepEqual(codesOf(validate(text)).sort(), ['fixed-field', 'schema']);
  });
});

describe('checks beside schema errors', () => {
  it('still runs the other checks when the job has an unknown top-level key', () => {
    const text = jobText({ colour: 'blue', mapping: { loadDate: 'now' } });
    assert.deepEqual(codesOf(validate(text)).sort(), ['fixed-field', 'schema']);
  });

  it('still runs the other checks when a required key is missing', () => {
    const text = jobText({ project: undefined, dateField: 'ClosedDate' });
    assert.deepEqual(codesOf(validate(text)).sort(), ['date-field-not-selected', 'schema']);
  });
});

describe('an empty query', () => {
  it('is reported once, by the schema', () => {
    const text = jobText({ query: '' });
    assert.deepEqual(codesOf(validate(text)), ['schema']);
  });
});

describe('schema quick fixes', () => {
  it('renames a misspelled key to the key it is closest to', () => {
    const text = jobText({ fitler: 'Status = "Closed"' });
    assert.deepEqual(codesOf(validate(applyFix(text, only(validate(text), 'schema')))), []);
  });

  it('changes a misspelled choice to the closest accepted one', () => {
    const text = jobText({ duplicates: 'skp' });
    const fixed = applyFix(text, only(validate(text), 'schema'));
    assert.match(fixed, /"duplicates": "skip"/);
    assert.deepEqual(codesOf(validate(fixed)), []);
  });

  it('offers no fix when nothing is close', () => {
    assert.equal(only(validate(jobText({ colour: 'blue' })), 'schema').fixes, undefined);
  });
});
