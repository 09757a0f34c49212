import * as assert from 'node:assert/strict';
import { fieldKnowledge } from '../../../../../src/core/lint/field-knowledge';
import { readSample } from '../../../../../src/core/lint/sample';
import { standardField } from '../../../../../src/core/lint/standard-fields';
import { emulatorDescribe } from './fixtures';

function sample(records: unknown[]) {
  const read = readSample('s.sample.json', JSON.stringify(records));
  assert.ok(read.ok);
  return read.sample;
}

describe('field knowledge', () => {
  it('types fields from the sample’s values, relationship paths included', () => {
    const known = fieldKnowledge({
      object: 'Thing__c',
      sample: sample([
        { Score__c: 4.5, Done__c: true, When__c: '2024-05-01T10:00:00.000+0000', Day__c: '2024-05-01', Note__c: 'hi', Owner: { Name: 'Ann' }, At__c: '10:00:00.000Z' },
        { Score__c: null, Done__c: false, When__c: null, Day__c: '2024-05-02', Note__c: 'yo', Owner: null, At__c: null },
      ]),
    });
    assert.deepEqual(
      ['Score__c', 'Done__c', 'When__c', 'Day__c', 'Note__c', 'Owner.Name', 'At__c'].map((f) => known.type(f)),
      ['number', 'boolean', 'datetime', 'date', 'text', 'text', 'unknown'],
    );
  });

  it('says nothing about a field whose sample values are of several kinds, or all blank', () => {
    const known = fieldKnowledge({ sample: sample([{ Mixed__c: 1 }, { Mixed__c: 'one' }, { Blank__c: null }]) });
    assert.equal(known.type('Mixed__c'), 'unknown');
    assert.equal(known.type('Blank__c'), 'unknown');
  });

  it('prefers the describe data’s type to the sample’s values', () => {
    const known = fieldKnowledge({ object: 'Case', describe: emulatorDescribe(['Case']), sample: sample([{ Subject: '2024-05-01' }]) });
    assert.equal(known.type('Subject'), 'text');
  });

  it('spells a field by the sample, then the describe data, then the standard fields', () => {
    const known = fieldKnowledge({ object: 'Case', describe: emulatorDescribe(['Case']), sample: sample([{ Custom__C: 'x' }]) });
    assert.equal(known.spelling('custom__c')?.name, 'Custom__C');
    assert.match(known.spelling('custom__c')?.origin ?? '', /sample/);
    assert.equal(known.spelling('last_reply_at__c')?.name, 'Last_Reply_At__c');
    assert.equal(known.spelling('account.name')?.name, 'Account.Name');
    assert.equal(fieldKnowledge({ object: 'Case' }).spelling('systemmodstamp')?.name, 'SystemModstamp');
    assert.equal(fieldKnowledge({ object: 'Case' }).spelling('rating__c'), undefined);
  });

  it('knows standard fields per object and through standard relationships', () => {
    assert.deepEqual(standardField('LiveChatTranscript', 'chatduration'), { name: 'ChatDuration', type: 'number' });
    assert.deepEqual(standardField('Opportunity', 'closedate'), { name: 'CloseDate', type: 'date' });
    assert.deepEqual(standardField('Case', 'CreatedBy.email'), { name: 'CreatedBy.Email', type: 'text' });
    assert.equal(standardField('Case', 'ChatDuration'), undefined);
    assert.equal(standardField('Case', 'Owner.Email'), undefined, 'Owner may be a queue: only the fields every owner has');
  });
});
