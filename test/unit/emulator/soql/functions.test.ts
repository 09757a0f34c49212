import assert from 'node:assert/strict';
import { formatOf, toLabelOf } from '../../../../src/emulator/soql/functions';
import { field } from '../../../../src/emulator/org/describe/fields';

describe('toLabel() and FORMAT() values', () => {
  it('labels each value of a multi-select picklist and leaves unknown values and nulls alone', () => {
    const tags = field('Tags__c', 'multipicklist', { picklistValues: [['bill', 'Billing'], 'Delivery'] });
    const label = toLabelOf(tags);
    assert.equal(label('bill;Delivery;other'), 'Billing;Delivery;other');
    assert.equal(label(null), null);
    assert.equal(toLabelOf(field('Subject', 'string'))('as is'), 'as is');
  });

  it('formats percent, doubles with their scale, dates and datetimes in the given time zone', () => {
    assert.equal(formatOf(field('Rate__c', 'percent', { scale: 1 }), 'UTC')(12.25), '12.3%');
    assert.equal(formatOf(field('Score__c', 'double', { scale: 1 }), 'UTC')(1234.5), '1,234.5');
    assert.equal(formatOf(field('Birthdate', 'date'), 'Asia/Tokyo')('2026-03-09'), '3/9/2026');
    const stamp = formatOf(field('CreatedDate', 'datetime'), 'Europe/Berlin');
    assert.equal(stamp('2026-07-01T22:30:00.000+0000'), '7/2/2026 12:30 AM');
    assert.equal(stamp(null), null);
    assert.equal(formatOf(field('IsClosed', 'boolean'), 'UTC')(true), true);
  });
});
