/**
 * End to end on loopback: the emulator (its own process) holds 200,000 survey responses; `sfjob run`
 * (dist/cli.js as a child) copies them to a jsonl file. Compared in the same run, alternating, with
 *   - the floor: a minimal jsforce script paging the same query and writing the raw records as JSON lines;
 *   - the Salesforce CLI's `sf data query --result-format json` on the same org, when it was installed
 *     beforehand with scripts/bench/setup-sf-cli.sh (otherwise a line says why it is missing).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jobSchema } from '../src/core/job/schema';
import { resolveJob } from '../src/core/job/resolve';
import { planWindow, windowQuery } from '../src/core/run/window';
import { median, report } from './lib/measure';
import { SURVEY_JOB } from './lib/survey-job';
import { accessToken, CLI, createWorkspace, QUICK, REPO_ROOT, startEmulatorProcess, timeChild, type EmulatorProcess, type Workspace } from './lib/processes';

const RECORDS = QUICK ? 20_000 : 200_000;
const ROUNDS = QUICK ? 1 : 3;
const SF = path.join(REPO_ROOT, '.cache', 'sf-cli', 'node_modules', '.bin', 'sf');
const FLOOR = path.join(__dirname, 'lib', 'floor-query.js');

/** The SOQL `sfjob run --full` sends for the job now: the window and the ordering added to the job's query. */
function querySentByRun(): string {
  const job = resolveJob(jobSchema.parse(SURVEY_JOB));
  return windowQuery(job, planWindow({ schedule: job.schedule, now: new Date(), full: true }));
}

/** One `sfjob run --full` in a clean workspace (no earlier state), timed. */
async function sfjobRun(workspace: Workspace): Promise<{ ms: number; documents: number }> {
  fs.rmSync(path.join(workspace.root, '.sfjob'), { recursive: true, force: true });
  fs.rmSync(path.join(workspace.root, 'out'), { recursive: true, force: true });
  const result = await timeChild(process.execPath, [CLI, 'run', workspace.jobPath, '--full', '--format', 'json'], { cwd: workspace.root, env: workspace.env });
  const runReport = JSON.parse(result.stdout) as { status: string; output?: { documents: number } };
  if (runReport.status !== 'succeeded') throw new Error(`sfjob run ${runReport.status}: ${result.stdout.slice(0, 300)}`);
  return { ms: result.ms, documents: runReport.output?.documents ?? 0 };
}

async function floorRun(emulator: EmulatorProcess, token: string, soql: string, outFile: string): Promise<{ ms: number; records: number }> {
  const result = await timeChild(process.execPath, [FLOOR, emulator.url, token, soql, outFile]);
  return { ms: result.ms, records: Number(result.stdout.trim()) };
}

/**
 * Signs the Salesforce CLI in to the emulator with an access token, in a home folder of its own so the
 * person's own CLI setup is neither read nor changed. Returns why it cannot run, or the environment to use.
 */
async function prepareSfCli(emulator: EmulatorProcess, token: string, home: string): Promise<{ env: NodeJS.ProcessEnv } | { reason: string }> {
  if (!fs.existsSync(SF)) return { reason: 'the Salesforce CLI is not installed in .cache/sf-cli; run scripts/bench/setup-sf-cli.sh once (it needs the npm registry)' };
  const env = { PATH: process.env.PATH, HOME: home, SF_ACCESS_TOKEN: token, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_USE_PROGRESS_BAR: 'false', SF_ORG_MAX_QUERY_LIMIT: '10000000' };
  try {
    await timeChild(SF, ['org', 'login', 'access-token', '--instance-url', emulator.url, '--alias', 'sfjob-bench', '--no-prompt'], { env });
  } catch (error) {
    return { reason: `the Salesforce CLI could not sign in to the emulator: ${(error as Error).message.slice(0, 300)}` };
  }
  return { env };
}

async function sfQuery(env: NodeJS.ProcessEnv, soql: string, outFile: string): Promise<{ ms: number; records: number }> {
  const result = await timeChild(SF, ['data', 'query', '--query', soql, '--target-org', 'sfjob-bench', '--result-format', 'json'], { env, stdoutFile: outFile });
  const parsed = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { result?: { totalSize?: number; records?: unknown[] } };
  return { ms: result.ms, records: parsed.result?.records?.length ?? 0 };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const emulator = await startEmulatorProcess(RECORDS);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-e2e-'));
  const workspace = createWorkspace(emulator, SURVEY_JOB);
  try {
    const token = await accessToken(emulator);
    const soql = querySentByRun();
    const sf = await prepareSfCli(emulator, token, path.join(scratch, 'sf-home'));
    // One unmeasured pass of each warms the emulator's caches and the file system alike.
    await sfjobRun(workspace);
    await floorRun(emulator, token, soql, path.join(scratch, 'floor.jsonl'));
    const ours: number[] = [];
    const floors: number[] = [];
    const sfTimes: number[] = [];
    let records = 0;
    let sfFailure: string | undefined = 'reason' in sf ? sf.reason : undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const run = await sfjobRun(workspace);
      ours.push(run.ms);
      const floor = await floorRun(emulator, token, soql, path.join(scratch, 'floor.jsonl'));
      floors.push(floor.ms);
      // The window leaves out the few records stamped in the last minutes (and deleted ones): both sides
      // must have copied the same set.
      if (run.documents !== floor.records || floor.records < RECORDS * 0.9) throw new Error(`sfjob run wrote ${run.documents} documents, the floor ${floor.records} records`);
      records = floor.records;
      // The Salesforce CLI is far slower; two rounds are enough for its median.
      if ('env' in sf && sfFailure === undefined && round < 2) {
        try {
          const result = await sfQuery(sf.env, soql, path.join(scratch, 'sf.json'));
          if (result.records !== records) sfFailure = `sf data query returned ${result.records} of ${records} records`;
          else sfTimes.push(result.ms);
        } catch (error) {
          sfFailure = `sf data query failed: ${(error as Error).message.slice(0, 300)}`;
        }
      }
    }
    const perSecond = (ms: number): number => (records / ms) * 1000;
    const oursRate = perSecond(median(ours));
    const floorRate = perSecond(median(floors));
    report({ bench: 'end-to-end', metric: 'sfjob run records per second vs jsforce floor', value: oursRate, unit: 'records/s', baseline: floorRate, ratio: oursRate / floorRate, records, rounds: ROUNDS, goal: '>= 0.9' });
    if (sfFailure !== undefined || sfTimes.length === 0) {
      report({ bench: 'end-to-end', metric: 'sfjob run records per second vs sf data query', value: oursRate, unit: 'records/s', records, skipped: sfFailure ?? 'no figure' });
    } else {
      const sfRate = perSecond(median(sfTimes));
      report({ bench: 'end-to-end', metric: 'sfjob run records per second vs sf data query', value: oursRate, unit: 'records/s', baseline: sfRate, ratio: oursRate / sfRate, records, goal: '> 1' });
    }
  } finally {
    workspace.remove();
    fs.rmSync(scratch, { recursive: true, force: true });
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`end-to-end: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
