import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { connectionsJsonSchema, jobJsonSchema, schemaFileText } from '../../src/core/job/json-schemas';

const schemasDir = path.resolve(__dirname, '..', '..', 'schemas');
const examplesDir = path.resolve(__dirname, '..', '..', 'examples');

/**
 * Validates a file the way VS Code's JSON support does: the checked-in schema associated by file name,
 * and a `$schema` key resolved relative to the file and read from disk.
 */
async function editorProblems(filePath: string, text: string, schemaFile: string): Promise<string[]> {
  const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, schemaFile), 'utf8')) as object;
  const service = getLanguageService({
    schemaRequestService: async (uri) => fs.readFileSync(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({ allowComments: true, schemas: [{ uri: pathToFileURL(path.join(schemasDir, schemaFile)).toString(), fileMatch: ['*'], schema }] });
  const document = TextDocument.create(pathToFileURL(filePath).toString(), 'jsonc', 1, text);
  const problems = await service.doValidation(document, service.parseJSONDocument(document), { comments: 'ignore', trailingCommas: 'ignore' });
  return problems.map((p) => String(p.message));
}

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

  it("lets VS Code's JSON support accept every example job and the connections file", async () => {
    for (const file of fs.readdirSync(examplesDir).filter((f) => f.endsWith('.sfjob.json'))) {
      assert.deepEqual(await editorProblems(path.join(examplesDir, file), fs.readFileSync(path.join(examplesDir, file), 'utf8'), 'sfjob.schema.json'), [], file);
    }
    const connections = fs.readFileSync(path.join(examplesDir, 'sfjob.connections.json'), 'utf8');
    assert.deepEqual(await editorProblems(path.join(examplesDir, 'sfjob.connections.json'), connections, 'sfjob.connections.schema.json'), []);
  });

  it("shows the union's own message in VS Code instead of a bare type mismatch", async () => {
    const problems = await editorProblems(path.join(examplesDir, 'new.sfjob.json'), '{"name": "n", "project": "p", "connection": "c", "feedbackType": "feedback", "dateField": "D", "query": 3}', 'sfjob.schema.json');
    assert.deepEqual(problems, ['query is a SOQL string, or an array of lines joined with new lines.']);
  });
});
