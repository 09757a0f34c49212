import { connectionsJsonSchema, jobJsonSchema, schemaFileText } from '../../core/job/json-schemas';
import { defineCommand } from '../define';

export const command = defineCommand({
  name: 'schema',
  usage: ['schema [--connections]'],
  about: `
Prints the JSON schema of job files (or, with --connections, of sfjob.connections.json): the same text
as schemas/sfjob.schema.json, for editors other than VS Code.`,
  options: {
    connections: { type: 'boolean', help: 'the schema of sfjob.connections.json instead' },
  },
  positionals: { min: 0, max: 0, wrongCount: 'takes no arguments besides --connections.' },
  examples: ['sfjob schema > sfjob.schema.json'],
  exitCodes: '0 printed, 2 bad usage.',
  async run({ values }, io) {
    io.stdout(schemaFileText(values.connections ? connectionsJsonSchema() : jobJsonSchema()));
    return 0;
  },
});
