import { parseArgs } from 'node:util';
import { connectionsJsonSchema, jobJsonSchema, schemaFileText } from '../../core/job/json-schemas';
import { CliUsageError, type CliIo, type Command } from '../command';

const HELP = `usage: sfjob schema [--connections]

Prints the JSON schema of job files (or, with --connections, of sfjob.connections.json): the same text
as schemas/sfjob.schema.json, for editors other than VS Code.
`;

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { connections: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n${HELP}`);
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    io.stdout(schemaFileText(values.connections ? connectionsJsonSchema() : jobJsonSchema()));
    return 0;
  },
};
