import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectionsJsonSchema, jobJsonSchema, schemaFileText } from '../src/core/job/json-schemas';

// Writes the editor's JSON schemas from the zod schemas; test/unit/schemas.test.ts fails when the
// checked-in files differ from a fresh generation, so run this after changing the zod schemas.
const outDir = path.resolve(__dirname, '..', 'schemas');
fs.mkdirSync(outDir, { recursive: true });
const files = {
  'sfjob.schema.json': schemaFileText(jobJsonSchema()),
  'sfjob.connections.schema.json': schemaFileText(connectionsJsonSchema()),
};
for (const [name, text] of Object.entries(files)) {
  fs.writeFileSync(path.join(outDir, name), text);
  console.log(`wrote schemas/${name}`);
}
