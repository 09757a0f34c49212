import * as path from 'node:path';
import { describeJob } from '../../app/describe';
import { ONE_JOB_FILE, defineCommand } from '../define';
import { displayPath } from '../files';
import { formatReports } from '../format';
import { cliUseCaseOptions, onJobFile, parseMaxAge } from '../online';


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
    const file = path.resolve(io.cwd, positionals[0]);
    const shown = displayPath(file, io.cwd);
    const outcome = await onJobFile(shown, () => describeJob(file, { ...cliUseCaseOptions(io, 'describe', now), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) }));
    if (outcome.status === 'blocked') {
      io.stderr(formatReports([{ path: shown, diagnostics: outcome.diagnostics }], 'text', io.version));
      io.stderr(`sfjob describe: ${shown} needs a connection and a query whose FROM object can be read.\n`);
      return 1;
    }
    const { refresh, object } = outcome;
    const folder = displayPath(refresh.orgDir, io.cwd) || path.basename(refresh.orgDir);
    const parts = [`fetched ${refresh.fetched.length > 0 ? refresh.fetched.join(', ') : 'nothing'}`];
    if (refresh.reused.length > 0) parts.push(`kept ${refresh.reused.join(', ')} (fresh)`);
    if (refresh.missing.length > 0) parts.push(`the org has no ${refresh.missing.join(', ')}`);
    io.stdout(`${shown}: ${parts.join('; ')} (${folder})\n`);
    return refresh.missing.includes(object) ? 1 : 0;
  },
});
