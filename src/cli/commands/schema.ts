import { parseArgs } from 'node:util';
import { z } from 'zod';
import { connectionsFileSchema } from '../../core/job/connections-schema';
import { jobSchema } from '../../core/job/schema';
import { CliUsageError, type CliIo, type Command } from '../command';

const HELP = `usage: sfjob schema [--connections]

Prints the JSON schema of job files (or, with --connections, of sfjob.connections.json).
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
    const schema = z.toJSONSchema(values.connections ? connectionsFileSchema : jobSchema, { io: 'input', unrepresentable: 'any' });
    io.stdout(JSON.stringify(schema, null, 2) + '\n');
    return 0;
  },
};
