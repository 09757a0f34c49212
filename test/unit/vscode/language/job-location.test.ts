import * as assert from 'node:assert';
import { isDateFieldPath, isFieldSourcePath, isQueryPath, jsonStringContent, locateString, queryIndexAt, queryText, valueNodeAt } from '../../../../src/vscode/language/job-location';

const job = `{
  "name": "Chats",
  "query": ["SELECT Id, \\"Body\\"", "FROM LiveChatTranscript"],
  "dateField": "CreatedDate",
  "mapping": { "natural_id": "Id", "fields": [{ "source": "Status", "type": "text" }], "document_date": { "field": "EndTime" } }
}`;

describe('locating values in a job', () => {
  it('answers nothing, without exhausting the stack, in a file nested 200,000 levels deep', () => {
    const deep = `{"query": ${'['.repeat(200_000)}`;
    assert.strictEqual(valueNodeAt(deep, ['query']), undefined);
    assert.strictEqual(locateString(deep, 12), undefined);
  });

  it('finds the path of the string value under an offset, and nothing on a key', () => {
    assert.deepStrictEqual(locateString(job, job.indexOf('CreatedDate') + 2)?.path, ['dateField']);
    assert.deepStrictEqual(locateString(job, job.indexOf('"Status"') + 2)?.path, ['mapping', 'fields', 0, 'source']);
    assert.strictEqual(locateString(job, job.indexOf('"dateField"') + 2), undefined);
  });

  it('tells dateField, mapping sources and query lines apart', () => {
    assert.ok(isDateFieldPath(['dateField']));
    assert.ok(isFieldSourcePath(['mapping', 'fields', 0, 'source']));
    assert.ok(isFieldSourcePath(['mapping', 'natural_id']));
    assert.ok(isFieldSourcePath(['mapping', 'document_date', 'field']));
    assert.ok(!isFieldSourcePath(['mapping', 'fields', 0, 'type']));
    assert.ok(isQueryPath(['query', 1]));
    assert.ok(!isQueryPath(['name']));
  });

  it('maps a document offset inside an escaped query line back to the query text', () => {
    const query = queryText(job);
    assert.ok(query);
    assert.strictEqual(query.text, 'SELECT Id, "Body"\nFROM LiveChatTranscript');
    // The B of Body sits after an escaped quote, two characters in the file and one in the query.
    const index = queryIndexAt(query, job.indexOf('Body'));
    assert.strictEqual(query.text[index ?? -1], 'B');
    assert.strictEqual(query.text.slice(index), 'Body"\nFROM LiveChatTranscript');
    assert.strictEqual(queryIndexAt(query, job.indexOf('"name"')), undefined);
  });

  it('finds value nodes by path and escapes text for a JSON string', () => {
    assert.strictEqual(valueNodeAt(job, ['mapping', 'natural_id'])?.value, 'Id');
    assert.strictEqual(valueNodeAt('not json {', ['x']), undefined);
    assert.strictEqual(jsonStringContent('a "b" \\ c'), 'a \\"b\\" \\\\ c');
  });
});
