import assert from 'node:assert/strict';
import { normalizeDate, readField } from '../../../../src/core/run/fields';
import { parseSubstitutionFile } from '../../../../src/core/run/rule-files';

describe('normalizeDate', () => {
  it('normalizes Salesforce date-times with any offset to UTC with milliseconds', () => {
    assert.equal(normalizeDate('2013-05-20T20:49:32.000+0000'), '2013-05-20T20:49:32.000Z');
    assert.equal(normalizeDate('2013-05-20T20:49:32-05:00'), '2013-05-21T01:49:32.000Z');
    assert.equal(normalizeDate('2013-05-20T20:49Z'), '2013-05-20T20:49:00.000Z');
    assert.equal(normalizeDate('2013-05-20'), '2013-05-20T00:00:00.000Z');
    assert.equal(normalizeDate(new Date(Date.UTC(2020, 0, 2))), '2020-01-02T00:00:00.000Z');
  });

  it('refuses values that are not real dates instead of rolling them over', () => {
    for (const value of ['2024-02-30', '2024-02-30T10:00:00.000+0000', '2024-13-01', 'yesterday', '', 1714557600000, null, '2024-05-01T25:00:00Z']) {
      assert.equal(normalizeDate(value), undefined, String(value));
    }
  });

  it('reads Salesforce UTC timestamps exactly as the date engine does, leap days and bad fields included', () => {
    for (const year of ['1900', '2000', '2023', '2024']) {
      for (const [month, day] of [['02', '28'], ['02', '29'], ['02', '30'], ['04', '30'], ['04', '31'], ['12', '31'], ['00', '10'], ['13', '01'], ['01', '00']]) {
        for (const time of ['00:00:00.000', '23:59:59.999', '24:00:00.000', '12:60:00.000', '12:00:60.000']) {
          const prefix = `${year}-${month}-${day}T${time}`;
          const parsed = Date.parse(`${prefix}Z`);
          const expected = Number.isNaN(parsed) || !new Date(parsed).toISOString().startsWith(prefix) ? undefined : `${prefix}Z`;
          for (const zone of ['Z', '+0000', '+00:00']) assert.equal(normalizeDate(prefix + zone), expected, prefix + zone);
        }
      }
    }
  });
});

describe('readField', () => {
  it('walks relationship paths and prefers a key that holds the dot itself', () => {
    assert.equal(readField({ Owner: { Name: 'Dana' } }, 'Owner.Name'), 'Dana');
    assert.equal(readField({ 'Owner.Name': 'flat', Owner: { Name: 'Dana' } }, 'Owner.Name'), 'flat');
    assert.equal(readField({ Owner: null }, 'Owner.Name'), undefined);
  });
});

describe('parseSubstitutionFile', () => {
  it('reads "phrase: replacement" lines, skips comments and reports bad lines with their line number', () => {
    const problems: { file: string; line: number; message: string }[] = [];
    const rules = parseSubstitutionFile('# comment\nACME: the company\n\nRef:1: reference\nno separator\nblank:\n', 'subs.txt', problems);
    assert.deepEqual(rules, [
      { find: 'ACME', replace: 'the company' },
      { find: 'Ref:1', replace: 'reference' },
      { find: 'blank', replace: '' },
    ]);
    assert.deepEqual(problems.map((problem) => problem.line), [5]);
  });
});
