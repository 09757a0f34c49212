import * as assert from 'node:assert';
import { compareSamples, describeSampleChange, isSameSample, type SampleChange } from '../../../../src/core/sample/compare-samples';

function compared(before: unknown, after: Record<string, unknown>[]): SampleChange {
  const change = compareSamples(before, after);
  if ('unreadable' in change) assert.fail(change.unreadable);
  return change;
}

const attributes = (id: string) => ({ type: 'Case', url: `/services/data/v62.0/sobjects/Case/${id}` });

describe('comparing a sample file with freshly fetched records', () => {
  it('matches records by Id and counts added, removed, changed and unchanged ones', () => {
    const before = [
      { attributes: attributes('1'), Id: '1', Subject: 'a' },
      { attributes: attributes('2'), Id: '2', Subject: 'b' },
      { attributes: attributes('3'), Id: '3', Subject: 'c' },
    ];
    const after = [
      { attributes: attributes('3'), Id: '3', Subject: 'c' },
      { attributes: attributes('2'), Id: '2', Subject: 'B' },
      { attributes: attributes('4'), Id: '4', Subject: 'd' },
      { attributes: attributes('5'), Id: '5', Subject: 'e' },
    ];
    const change = compared(before, after);
    assert.deepStrictEqual(
      { added: change.added, removed: change.removed, changed: change.changed, unchanged: change.unchanged, before: change.before, after: change.after, matchedBy: change.matchedBy },
      { added: 2, removed: 1, changed: 1, unchanged: 1, before: 3, after: 4, matchedBy: 'Id' },
    );
    assert.strictEqual(isSameSample(change), false);
  });

  it('names the fields added and removed, lookups as dotted paths and attributes left out', () => {
    const before = [{ attributes: attributes('1'), Id: '1', Subject: 'a', Owner: { attributes: {}, Name: 'x' } }];
    const after = [{ attributes: attributes('1'), Id: '1', subject: 'a', Owner: { attributes: {}, Name: 'x', Email: 'x@example.com' } }];
    const change = compared(before, after);
    assert.deepStrictEqual(change.fieldsAdded, ['Owner.Email', 'subject']);
    assert.deepStrictEqual(change.fieldsRemoved, ['Subject']);
    assert.strictEqual(change.changed, 1);
    assert.deepStrictEqual(describeSampleChange(change).slice(1), ['Fields added: Owner.Email, subject.', 'Fields removed: Subject.']);
  });

  it('ignores key order and the attributes block when deciding a record is unchanged', () => {
    const before = [{ Subject: 'a', Id: '1', attributes: { type: 'Case', url: 'old' } }];
    const after = [{ attributes: { type: 'Case', url: 'new' }, Id: '1', Subject: 'a' }];
    const change = compared(before, after);
    assert.strictEqual(change.unchanged, 1);
    assert.strictEqual(isSameSample(change), true);
  });

  it('matches by position when the records have no Id', () => {
    const change = compared([{ Subject: 'a' }, { Subject: 'b' }], [{ Subject: 'a' }, { Subject: 'c' }, { Subject: 'd' }]);
    assert.strictEqual(change.matchedBy, 'position');
    assert.deepStrictEqual([change.unchanged, change.changed, change.added, change.removed], [1, 1, 1, 0]);
    assert.match(describeSampleChange(change)[0], /2 records now, 3 records fetched \(matched by position: the records have no Id\): 1 added, 0 removed, 1 changed, 1 unchanged\./);
  });

  it('says a file that is not a list of records cannot be compared, instead of counting it as empty', () => {
    assert.deepStrictEqual(compareSamples({ records: [] }, [{ Id: '1' }]), { unreadable: 'it does not hold a list of records' });
    assert.deepStrictEqual(compareSamples([1, 2], [{ Id: '1' }]), { unreadable: 'some of its entries are not records' });
  });

  it('counts every old record as removed when the org returns none', () => {
    const change = compared([{ Id: '1' }, { Id: '2' }], []);
    assert.deepStrictEqual([change.added, change.removed, change.after], [0, 2, 0]);
  });
});
