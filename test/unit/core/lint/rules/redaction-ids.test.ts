import * as assert from 'node:assert/strict';
import { codesOf, jobText, only, rangeOf, validate } from '../job-fixture';

const SAMPLE = JSON.stringify([
  { attributes: { type: 'Case', url: '/x' }, Id: '5005g000000123AAAV', Subject: 'Order 1234567', Description: 'x', Status: 'New', CreatedDate: '2026-11-19T08:00:00.000+0000', Owner: { attributes: { type: 'User', url: '/u' }, Id: '0055g00000ABCDEAAA' } },
]);

describe('redaction-matches-ids', () => {
  it('warns at an inline rule without fields whose pattern matches an id in the sample', () => {
    const text = jobText({ redactions: ['\\d{6,}'] });
    const diagnostic = only(validate(text, { files: { 'cases.sample.json': SAMPLE } }), 'redaction-matches-ids');
    assert.equal(diagnostic.severity, 'warning');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"\\\\d{6,}"'));
    assert.match(diagnostic.message, /redactions\[0\]: the pattern "\\\\d\{6,\}" matches Salesforce ids in cases\.sample\.json \(Id "5005g000000123AAAV"\)/);
  });

  it('names the line of a rule file, and looks at ids of lookups too', () => {
    const text = jobText({ redactions: { file: 'pii.redactions' } });
    const files = { 'cases.sample.json': SAMPLE, 'pii.redactions': '# ids of users\ng00000[A-Z]\n' };
    const diagnostic = only(validate(text, { files }), 'redaction-matches-ids');
    assert.match(diagnostic.message, /^pii\.redactions:2: .*Owner\.Id "0055g00000ABCDEAAA"/);
    assert.deepEqual(diagnostic.range, rangeOf(text, '"pii.redactions"'));
  });

  it('says nothing of a rule that names its fields, a pattern that matches no id, or a job without a sample', () => {
    const files = { 'cases.sample.json': SAMPLE };
    assert.deepEqual(codesOf(validate(jobText({ redactions: [{ pattern: '\\d{6,}', fields: ['Description'] }] }), { files })), []);
    assert.deepEqual(codesOf(validate(jobText({ redactions: ['\\b\\d{6,}\\b'] }), { files })), []);
    assert.deepEqual(codesOf(validate(jobText({ redactions: ['\\d{6,}'] }))), []);
  });
});
