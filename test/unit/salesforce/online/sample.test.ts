import assert from 'node:assert/strict';
import { defaultCompilers } from '../../../../src/core/run/compilers';
import type { CompiledRedaction } from '../../../../src/core/run/plan';
import type { SfRecord } from '../../../../src/core/run/types';
import { redactRecords, sampleToCsv } from '../../../../src/salesforce/online/sample';

function rule(pattern: string, mask: string, fields?: string[]): CompiledRedaction {
  const compiled = defaultCompilers().compilePattern(pattern);
  assert.ok(compiled.ok);
  return { pattern: compiled.pattern, mask, ...(fields ? { fields: new Set(fields) } : {}), turns: !fields };
}

function records(): SfRecord[] {
  return [
    {
      attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/003A' },
      Id: '003A',
      Email: 'ann@example.com',
      Description: 'Call ann@example.com or 555 123 4567',
      Account: { attributes: { type: 'Account', url: '/x' }, Name: 'Acme, "the" best' },
      Cases: { totalSize: 1, done: true, records: [{ attributes: { type: 'Case', url: '/y' }, Subject: 'mail bob@example.org' }] },
    },
    { attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/003B' }, Id: '003B', Email: null, Description: null, Account: null, Cases: null },
  ] as SfRecord[];
}

describe('sample records', () => {
  it('masks the content fields with a rule without fields, nested lookups and child rows included, and leaves attributes alone', () => {
    const sample = records();
    const count = redactRecords(sample, [rule('[a-z]+@[a-z.]+', '***')], new Set(['Email', 'Description', 'Subject']));
    assert.equal(count, 3);
    assert.equal(sample[0].Email, '***');
    assert.equal(sample[0].Description, 'Call *** or 555 123 4567');
    assert.equal(((sample[0].Cases as { records: SfRecord[] }).records[0] as { Subject: string }).Subject, 'mail ***');
    assert.equal((sample[0].attributes as { url: string }).url, '/services/data/v62.0/sobjects/Contact/003A');
    assert.equal(sample[1].Email, null);
  });

  it('applies a rule that names fields only to those fields, by name or by path', () => {
    const sample = records();
    const count = redactRecords(sample, [rule('[a-z]+@[a-z.]+', '[email]', ['Email']), rule('Acme', 'ACME', ['Account.Name'])]);
    assert.equal(count, 2);
    assert.equal(sample[0].Email, '[email]');
    assert.equal(sample[0].Description, 'Call ann@example.com or 555 123 4567');
    assert.equal((sample[0].Account as { Name: string }).Name, 'ACME, "the" best');
  });

  it('keeps ids, dates and numbers whole, and text outside the content fields, when a rule without fields matches them', () => {
    const sample: SfRecord[] = [{ attributes: { type: 'LiveChatTranscript', url: '/z' }, Id: '5705g000000abcDAAQ', CaseId: '5005g000001AbCdAAK', StartTime: '2018-12-18T03:10:01.000+0000', Status: 'Completed', Body: 'Agent 12345: hello' }];
    const count = redactRecords(sample, [rule('[0-9]{4,}', '[REDACTED]'), rule('[A-Za-z]+', 'X', ['Id', 'StartTime'])], new Set(['Body']));
    assert.equal(count, 1);
    assert.equal(sample[0].Id, '5705g000000abcDAAQ');
    assert.equal(sample[0].CaseId, '5005g000001AbCdAAK');
    assert.equal(sample[0].StartTime, '2018-12-18T03:10:01.000+0000');
    assert.equal(sample[0].Status, 'Completed');
    assert.equal(sample[0].Body, 'Agent [REDACTED]: hello');
  });

  it('writes CSV with a column per field path, quoting as spreadsheets expect', () => {
    const csv = sampleToCsv(records()).split('\r\n');
    assert.equal(csv[0], 'Id,Email,Description,Account.Name,Cases');
    assert.equal(csv[1], '003A,ann@example.com,Call ann@example.com or 555 123 4567,"Acme, ""the"" best","{""totalSize"":1,""done"":true,""records"":[{""attributes"":{""type"":""Case"",""url"":""/y""},""Subject"":""mail bob@example.org""}]}"');
    assert.equal(csv[2], '003B,,,,');
    assert.equal(csv[3], '');
  });
});
