/**
 * 1M-then-1,000 incremental: `sfjob run` (dist/cli.js as a child) reading 1,000 new records for a job
 * that has already delivered 1,000,000 natural ids, beside the same run for a job that has delivered
 * none (the baseline). The run's cost should follow the 1,000 records, not the history: the goal is
 * under 2 s and 150 MB, and about as many bytes written to the state as the baseline writes.
 *
 * The delivered ids are put straight into the job's state database (as a million-record run would
 * leave it), so the bench does not spend minutes paging a million records first; the emulator holds
 * just the 1,000 new records, and neither run has a watermark, so both read all of them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { jobPaths } from '../src/store/paths';
import { stateDatabasePath, StateDatabase } from '../src/store/state-db';
import { median, report } from './lib/measure';
import { CLI, createWorkspace, QUICK, startEmulatorProcess, type Workspace } from './lib/processes';
import { SURVEY_JOB } from './lib/survey-job';

const DELIVERED = QUICK ? 100_000 : 1_000_000;
const NEW_RECORDS = 1_000;
const ROUNDS = QUICK ? 1 : 3;
const PRELOAD = path.join(__dirname, 'lib', 'state-writes.js');

/** Salesforce-shaped ids (18 characters, one object's prefix) that no emulator record has. */
function deliveredId(index: number): string {
  return `a0Zbn${index.toString(36).padStart(13, '0')}`;
}

/** A state database holding `count` delivered ids (with content hashes, as `replace` keeps them). */
async function seedState(file: string, count: number): Promise<void> {
  const database = await StateDatabase.open(file, { exclusive: true });
  try {
    function* entries(): Generator<[string, string | undefined]> {
      for (let index = 0; index < count; index++) yield [deliveredId(index), index.toString(16).padStart(16, '0')];
    }
    database.replace({ entries: entries() }, new Date());
  } finally {
    database.close();
  }
}

interface RunFigures {
  seconds: number;
  mb: number;
  stateBytes: number;
  documents: number;
  seenIds: number;
}

async function measuredRun(workspace: Workspace): Promise<RunFigures> {
  const figuresFile = path.join(os.tmpdir(), `sfjob-bench-state-${process.pid}-${Date.now()}.json`);
  const env = { ...workspace.env, SFJOB_BENCH_STATE_WRITES_FILE: figuresFile, NODE_OPTIONS: `--require ${PRELOAD}` };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'run', workspace.jobPath, '--format', 'json'], { cwd: workspace.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`sfjob run exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const figures = JSON.parse(fs.readFileSync(figuresFile, 'utf8')) as { stateBytes: number; maxRss: number };
  fs.rmSync(figuresFile, { force: true });
  const runReport = JSON.parse(stdout) as { status: string; output?: { documents: number }; state: { after: { seenIds: number } } };
  if (runReport.status !== 'succeeded') throw new Error(`the run ended ${runReport.status}`);
  return { seconds, mb: figures.maxRss / 1024 / 1024, stateBytes: figures.stateBytes, documents: runReport.output?.documents ?? 0, seenIds: runReport.state.after.seenIds };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  // A little over the count: the run's window leaves out records stamped in its last minutes.
  const emulator = await startEmulatorProcess(Math.round(NEW_RECORDS * 1.02));
  const seeded = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-seed-')), 'seeded.sqlite');
  try {
    const seedStarted = Date.now();
    await seedState(seeded, DELIVERED);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const job = { ...SURVEY_JOB, recordLimit: NEW_RECORDS, duplicates: 'replace' };
    const rounds: { empty: RunFigures; full: RunFigures }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const figures: Partial<Record<'empty' | 'full', RunFigures>> = {};
      for (const kind of ['empty', 'full'] as const) {
        const workspace = createWorkspace(emulator, job);
        try {
          if (kind === 'full') {
            const database = stateDatabasePath(jobPaths(workspace.root, workspace.jobPath).state);
            fs.mkdirSync(path.dirname(database), { recursive: true });
            fs.copyFileSync(seeded, database);
          }
          const run = await measuredRun(workspace);
          const delivered = kind === 'full' ? DELIVERED : 0;
          if (run.documents !== NEW_RECORDS || run.seenIds !== delivered + NEW_RECORDS) {
            throw new Error(`the ${kind} run wrote ${run.documents} documents and keeps ${run.seenIds} ids, not ${NEW_RECORDS} and ${delivered + NEW_RECORDS}`);
          }
          figures[kind] = run;
        } finally {
          workspace.remove();
        }
      }
      rounds.push(figures as { empty: RunFigures; full: RunFigures });
    }
    const pick = (kind: 'empty' | 'full', key: 'seconds' | 'mb' | 'stateBytes') => median(rounds.map((r) => r[kind][key]));
    const common = { bench: 'incremental', delivered: DELIVERED, records: NEW_RECORDS, rounds: ROUNDS };
    report({ ...common, metric: `sfjob run of ${NEW_RECORDS} new records with ${DELIVERED} ids delivered (1M-then-1,000 incremental): wall time`, value: pick('full', 'seconds'), unit: 's', baseline: pick('empty', 'seconds'), ratio: pick('full', 'seconds') / pick('empty', 'seconds'), goal: '< 2 s' });
    report({ ...common, metric: `sfjob run of ${NEW_RECORDS} new records with ${DELIVERED} ids delivered: peak RSS`, value: pick('full', 'mb'), unit: 'MB', baseline: pick('empty', 'mb'), ratio: pick('full', 'mb') / pick('empty', 'mb'), goal: '< 150 MB' });
    report({ ...common, metric: `sfjob run of ${NEW_RECORDS} new records with ${DELIVERED} ids delivered: bytes written to the state`, value: pick('full', 'stateBytes'), unit: 'B', baseline: pick('empty', 'stateBytes'), ratio: pick('full', 'stateBytes') / pick('empty', 'stateBytes'), goal: 'in proportion to the run, not the history' });
    report({ ...common, metric: `state database holding ${DELIVERED} ids`, value: fs.statSync(seeded).size / 1024 / 1024, unit: 'MB', seedSeconds });
  } finally {
    fs.rmSync(path.dirname(seeded), { recursive: true, force: true });
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`incremental: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
