/**
 * The online checks against the in-process org emulator over real HTTP: how long validate-query takes
 * for one example job and how many API calls it makes (describe fresh, and describe stale), against one
 * plain REST query round trip as the baseline; and what reading the describe cache adds to an offline
 * validation. Run with `npm run bench -- online`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateJob } from '../src/core/validate';
import { openJobWorkspace } from '../src/core/workspace';
import { startEmulator } from '../src/emulator/index';
import { clientCredentialsSession } from '../src/emulator/session';
import { readDescribeCache } from '../src/store/describe-cache';
import { refreshDescribeCache } from '../src/salesforce/describe/refresh';
import { getJson } from '../src/salesforce/retrieve/http';
import { validateQueryOnline } from '../src/salesforce/online/validate-query';
import { fileSystemAccess } from '../src/store/fs-access';
import { medianMs, report } from './lib/measure';

const examples = path.resolve(__dirname, '..', 'examples');
const jobFile = path.join(examples, 'case-feedback.sfjob.json');

async function medianAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-online-'));
  try {
    const session = await clientCredentialsSession(emulator);
    const text = fs.readFileSync(jobFile, 'utf8');
    const context = openJobWorkspace(jobFile, text, fileSystemAccess).validationContext(new Date());
    const cacheDir = path.join(scratch, 'describe');
    const offline = validateJob(text, context);
    const refresh = (force: boolean) => refreshDescribeCache({ session, cacheDir, object: offline.query?.object ?? 'Case', fieldPaths: offline.query?.fields.map((f) => f.path), force });
    await refresh(true);
    const describe = readDescribeCache(cacheDir, { connection: session.connectionName });
    const check = () => validateQueryOnline({ session, text, context, describe });

    for (let i = 0; i < 5; i++) await check();
    const roundTrip = () => getJson(session, `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Case LIMIT 1')}`, { timeoutMs: 10_000 });
    // Rounds interleave the three, so the noise of a shared machine falls on all of them alike.
    const times = { baseline: [] as number[], fresh: [] as number[], stale: [] as number[] };
    for (let round = 0; round < 21; round++) {
      times.baseline.push(await medianAsync(roundTrip, 1));
      times.fresh.push(await medianAsync(check, 1));
      times.stale.push(
        await medianAsync(async () => {
          await refresh(true);
          await check();
        }, 1),
      );
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const baseline = mid(times.baseline);
    report({ bench: 'online-checks', metric: 'validate-query, describe fresh', value: mid(times.fresh), unit: 'ms', baseline, ratio: mid(times.fresh) / baseline });
    report({ bench: 'online-checks', metric: 'validate-query API calls, describe fresh', value: (await check()).apiCalls, unit: 'calls' });
    report({ bench: 'online-checks', metric: 'validate-query, describe refreshed first', value: mid(times.stale), unit: 'ms', baseline, ratio: mid(times.stale) / baseline });
    report({ bench: 'online-checks', metric: 'describe refresh API calls', value: (await refresh(true)).fetched.length, unit: 'calls' });

    // Offline: the describe cache read from disk, then validation with and without it.
    const committed = path.join(examples, '.sfjob', 'describe');
    const readCache = medianMs(() => readDescribeCache(committed, { connection: 'local' }), 30, 5);
    report({ bench: 'online-checks', metric: 'read the examples describe cache', value: readCache, unit: 'ms' });
    const cached = readDescribeCache(committed, { connection: 'local' });
    const without = medianMs(() => validateJob(text, { ...context, describe: undefined }), 50, 10);
    const withDescribe = medianMs(() => validateJob(text, { ...context, describe: cached }), 50, 10);
    report({ bench: 'online-checks', metric: 'validate with describe data', value: withDescribe, unit: 'ms', baseline: without, ratio: withDescribe / without });
  } finally {
    await emulator.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
