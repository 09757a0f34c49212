import * as path from 'node:path';
import { refreshDescribeCache } from '../../salesforce/describe/refresh';
import { redactSecrets } from '../../salesforce/secrets/redact';
import type { CliIo, Command } from '../command';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { openJob, openSession, parseJobCommand, parseMaxAge, stringOption } from '../online';

const HELP = `usage: sfjob describe <job> [--max-age DURATION]

Refreshes the org's describe data for the objects the job's query reads (its FROM object and the
objects its relationship paths reach) in .sfjob/describe/<org id>/ at the workspace root (the folder of
sfjob.connections.json, else the job's folder). With it "sfjob validate" checks objects, fields, date field types and
filterability exactly, offline.

Options:
  --max-age D   only fetch what is older than D (90m, 12h, 7d); by default everything is fetched

Exit codes: 0 refreshed, 1 the job has no readable query or the org refused, 2 bad usage.
`;

export const command: Command = {
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseJobCommand(args, { 'max-age': { type: 'string' } }, HELP, io);
    if (!parsed) return 0;
    const maxAgeMs = parseMaxAge(stringOption(parsed.values, 'max-age'));
    const now = new Date();
    const job = openJob(parsed.file, io, now);
    const object = job.offline.query?.object;
    const connection = job.offline.job?.connection;
    if (!object || !connection) {
      io.stderr(formatReports([{ path: job.shown, diagnostics: job.offline.diagnostics }], 'text', io.version));
      io.stderr(`sfjob describe: ${job.shown} needs a connection and a query whose FROM object can be read.\n`);
      return 1;
    }
    const session = await openSession(job, connection, io, 'describe', job.offline.job?.apiVersion);
    try {
      const result = await refreshDescribeCache({
        session,
        cacheDir: job.cacheDir,
        object,
        fieldPaths: job.offline.query?.fields.map((f) => f.path),
        force: maxAgeMs === undefined,
        ...(maxAgeMs !== undefined ? { maxAgeMs } : {}),
        now,
      });
      const folder = displayPath(result.orgDir, io.cwd) || path.basename(result.orgDir);
      const parts = [`fetched ${result.fetched.length > 0 ? result.fetched.join(', ') : 'nothing'}`];
      if (result.reused.length > 0) parts.push(`kept ${result.reused.join(', ')} (fresh)`);
      if (result.missing.length > 0) parts.push(`the org has no ${result.missing.join(', ')}`);
      io.stdout(`${job.shown}: ${parts.join('; ')} (${folder})\n`);
      return result.missing.includes(object) ? 1 : 0;
    } catch (error) {
      throw new Error(redactSecrets(error instanceof Error ? error.message : String(error), session.secretValues()));
    }
  },
};
