import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SObjectDescribe } from '../../../../src/core/describe';
import { parseCsv, recordShaper } from '../../../../src/salesforce/retrieve/bulk-csv';

const field = (name: string, type: string, extra: object = {}) => ({ name, label: name, type, filterable: true, groupable: true, ...extra });

const OBJECTS: Record<string, SObjectDescribe> = {
  livechattranscript: {
    name: 'LiveChatTranscript',
    label: 'Live Chat Transcript',
    fields: [
      field('Id', 'id'),
      field('Body', 'textarea'),
      field('ChatDuration', 'int'),
      field('IsChatbotSession', 'boolean'),
      field('StartTime', 'datetime'),
      field('OwnerId', 'reference', { referenceTo: ['User'], relationshipName: 'Owner' }),
    ],
  },
  user: { name: 'User', label: 'User', fields: [field('Id', 'id'), field('Name', 'string'), field('IsActive', 'boolean')] },
};
const describeObject = async (name: string) => OBJECTS[name.toLowerCase()];

/** Writes rows as Bulk API 2.0 does: every value quoted, quotes doubled, an empty cell for null. */
function toCsv(rows: (string | null)[][]): string {
  return rows.map((row) => row.map((cell) => (cell === null ? '' : `"${cell.replace(/"/g, '""')}"`)).join(',')).join('\n') + '\n';
}

describe('Bulk API 2.0 CSV results', () => {
  it('reads quoted values holding commas, doubled quotes and line breaks, with LF or CRLF endings', () => {
    const text = '"Id","Body"\n"1","<p>Hi, there</p>\n<p>He said ""no""</p>"\n"2",\n';
    assert.deepEqual(parseCsv(text), [['Id', 'Body'], ['1', '<p>Hi, there</p>\n<p>He said "no"</p>'], ['2', '']]);
    assert.deepEqual(parseCsv(text.replace(/"\n/g, '"\r\n').replace(/,\n/g, ',\r\n')), parseCsv(text));
    assert.deepEqual(parseCsv(''), []);
  });

  it('gives back any table of text written the way Bulk writes it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        assert.deepEqual(parseCsv(toCsv([['A', 'B'], ...rows])), [['A', 'B'], ...rows]);
      }),
    );
  });

  it('refuses an answer cut short inside a quoted value', () => {
    assert.throws(() => parseCsv('"Id","Body"\n"1","<p>never ends'), /cut short/);
  });

  it('shapes rows as the REST query resource returns records: canonical names, types, nested parents', async () => {
    const shape = await recordShaper('livechattranscript', ['id', 'body', 'chatduration', 'ischatbotsession', 'starttime', 'owner.name', 'Owner.IsActive'], describeObject, '62.0');
    const record = shape(['0Mw000000000001AAA', '<p>Hello</p>', '312', 'false', '2024-05-01T10:00:00.000Z', 'Royalle G', 'true']);
    assert.deepEqual(record, {
      attributes: { type: 'LiveChatTranscript', url: '/services/data/v62.0/sobjects/LiveChatTranscript/0Mw000000000001AAA' },
      Id: '0Mw000000000001AAA',
      Body: '<p>Hello</p>',
      ChatDuration: 312,
      IsChatbotSession: false,
      StartTime: '2024-05-01T10:00:00.000+0000',
      Owner: { attributes: { type: 'User' }, Name: 'Royalle G', IsActive: true },
    });
  });

  it('turns empty cells into null, and a parent with no values into a null lookup', async () => {
    const shape = await recordShaper('LiveChatTranscript', ['Id', 'ChatDuration', 'Owner.Name'], describeObject, '62.0');
    assert.deepEqual(shape(['0Mw000000000002AAA', '', '']), {
      attributes: { type: 'LiveChatTranscript', url: '/services/data/v62.0/sobjects/LiveChatTranscript/0Mw000000000002AAA' },
      Id: '0Mw000000000002AAA',
      ChatDuration: null,
      Owner: null,
    });
  });

  it('keeps columns the describe data does not know as text under the query spelling', async () => {
    const shape = await recordShaper('Mystery__c', ['Id', 'Score__c'], async () => undefined, '62.0');
    assert.deepEqual(shape(['a01', '7']), { attributes: { type: 'Mystery__c', url: '/services/data/v62.0/sobjects/Mystery__c/a01' }, Id: 'a01', Score__c: '7' });
  });
});
