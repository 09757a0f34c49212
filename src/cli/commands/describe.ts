import * as path from 'node:path';
import { refreshDescribeCache } from '../../salesforce/describe/refresh';
import { redactSecrets } from '../../salesforce/secrets/redact';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { openJob, openSession, parseMaxAge } from '../online';


export const command = defineCommand({
  name: 'describe',
  usage: ['describe <job> [--max-age DURATION]'],
  about: `
Refreshes the org's describe data for the objects the job's query reads (its FROM object and the
objects its relationship paths reach) in .sfjob/describe/<org id>/ at the workspace root (the folder of
sfjob.connections.json, else the job's folder). With it "sfjob validate" checks objects, fields, date field types and
filterability exactly, offline.`,
  options: {
    'max-age': { type: 'string', value: 'D', help: 'only fetch what is older than D (90m, 12h, 7d); by default everything is fetched' },
  },
  positionals: ONE_JOB_FILE,
  examples: ['sfjob describe jobs/case-feedback.sfjob.json --max-age 12h'],
  exitCodes: '0 refreshed, 1 the job has no readable query or the org refused, 2 bad usage.',
  async run({ values, positionals }, io) {
    const maxAgeMs = parseMaxAge(values['max-age']);
    const now = new Date();
    const job = openJob(positionals[0], io, now);
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
});
