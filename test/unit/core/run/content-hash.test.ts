import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { contentHash, documentJson, jsonFromPieces } from '../../../../src/core/run/content-hash';
import { createSerializer } from '../../../../src/core/run/serialize';
import type { OutputDocument } from '../../../../src/core/run/types';
import { job, run } from './helpers';

const jsonValue = fc.jsonValue({ maxDepth: 2 });

const documents = fc.record({
  natural_id: fc.string(),
  document_date: fc.string(),
  feedback_provider: fc.string(),
  source_value: jsonValue,
  feedback_type: jsonValue,
  job_name: jsonValue,
  project: fc.string(),
  loadDate: fc.string(),
  attributes: fc.dictionary(fc.string(), jsonValue),
  verbatims: fc.dictionary(fc.string(), fc.string()),
}).chain((document) =>
  fc.option(fc.record({ participants: fc.array(fc.record({ id: fc.string(), type: fc.constantFrom('AGENT', 'CLIENT'), name: fc.string() })), turns: fc.array(fc.record({ participantId: fc.string(), text: fc.string(), offsetSeconds: fc.nat() })) }), { nil: undefined }).map(
    (conversation) => (conversation ? { ...document, conversation } : document) as OutputDocument,
  ),
);

describe('a document is turned into JSON once', () => {
  it('writes the same line from the pieces made for the hash as from the document', () => {
    const serializer = createSerializer({ output: { format: 'jsonl' }, mapping: { fields: [] }, feedbackType: 'chat' } as never);
    fc.assert(
      fc.property(documents, (document) => {
        const pieces = documentJson(document);
        assert.equal(jsonFromPieces(pieces, document.loadDate), JSON.stringify(document));
        assert.equal(serializer.line(document, pieces), `${JSON.stringify(document)}\n`);
        // Documents of another shape (a member left undefined, another order) take the general way.
        for (const other of [{ ...document, source_value: undefined }, { extra: 1, ...document }, { ...document, extra: [1] }] as OutputDocument[]) {
          assert.equal(jsonFromPieces(documentJson(other), other.loadDate), JSON.stringify(other));
        }
      }),
    );
  });

  it('hashes the document without its loadDate, as delivered runs recorded it', () => {
    fc.assert(
      fc.property(documents, fc.string(), (document, fingerprint) => {
        const { loadDate: _loadDate, ...content } = document;
        const expected = createHash('sha256').update(fingerprint).update('\u0000').update(JSON.stringify(content)).digest('hex').slice(0, 16);
        assert.equal(contentHash(document, fingerprint), expected);
        assert.equal(contentHash({ ...document, loadDate: `${document.loadDate}later` }, fingerprint), expected);
      }),
    );
  });

  it('writes what the text rules left, not the JSON made for the hash before they ran', async () => {
    const resolved = job({ duplicates: 'replace', redactions: ['\\d{4}-\\d{4}'], substitutions: [{ find: 'colour', replace: 'color' }], mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } } as never);
    const serializer = createSerializer(resolved);
    const records = [
      { Id: 'a1', CreatedDate: '2026-11-01T00:00:00.000+0000', Comment__c: 'card 1234-5678 please' },
      { Id: 'a2', CreatedDate: '2026-11-01T00:00:00.000+0000', Comment__c: 'nothing to hide' },
      { Id: 'a3', CreatedDate: '2026-11-01T00:00:00.000+0000', Comment__c: 'the colour red' },
    ];
    const { units } = await run(resolved, [records]);
    const lines = units.map((unit) => serializer.line(unit.document, unit.json));
    assert.deepEqual(lines, units.map((unit) => `${JSON.stringify(unit.document)}\n`));
    assert.match(lines[0], /card \[REDACTED\] please/);
    assert.doesNotMatch(lines[0], /1234/);
    assert.match(lines[2], /the color red/);
    assert.ok(units[1].json, 'an unchanged document keeps the JSON made for its hash');
  });
});
