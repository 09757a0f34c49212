import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectionsJsonSchema, jobJsonSchema, schemaFileText } from '../../src/core/job/json-schemas';

const schemasDir = path.resolve(__dirname, '..', '..', 'schemas');

describe('checked-in JSON schemas', () => {
  it('schemas/sfjob.schema.json matches a fresh generation from the zod schema (run "npm run schema")', () => {
    assert.equal(fs.readFileSync(path.join(schemasDir, 'sfjob.schema.json'), 'utf8'), schemaFileText(jobJsonSchema()));
  });

  it('schemas/sfjob.connections.schema.json matches a fresh generation (run "npm run schema")', () => {
    assert.equal(fs.readFileSync(path.join(schemasDir, 'sfjob.connections.schema.json'), 'utf8'), schemaFileText(connectionsJsonSchema()));
  });

  it('offers a new-job snippet for each feedbackType', () => {
    const snippets = jobJsonSchema().defaultSnippets as { body: { feedbackType: string } }[];
    assert.deepEqual(snippets.map((s) => s.body.feedbackType).sort(), ['chat', 'feedback', 'sms']);
  });

  it('gives unions an errorMessage that says which shapes are accepted', () => {
    const properties = jobJsonSchema().properties as Record<string, { errorMessage?: string }>;
    assert.match(properties.query.errorMessage ?? '', /array of lines/);
  });
});
