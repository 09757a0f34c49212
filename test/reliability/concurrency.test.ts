import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index';
import { loadJobForRun } from '../../src/app/load-job';
import { liveSource, loadState, runJob } from '../../src/runner';
import { connect } from '../../src/salesforce/connect';
import { CLI, REPO_ROOT } from '../helpers/cli';
import { reportTestOutput } from '../helpers/secret-channels';
import { listFiles, readJsonLines } from '../unit/runner/helpers';
import { emulatorWorkspace, TestWorkspace } from '../integration/salesforce/workspace';

/**
 * Two runs of one job at once, in separate processes or the CLI beside an in-process run: the second
 * is refused with a clear message, and state and output stay whole. A lock left by a dead process is
 * taken over, by one contender only.
 */

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process without blocking this one (the emulator in this process must keep answering). */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, timeout: 60_000 }, (error, stdout, stderr) => {
      reportTestOutput(`${path.basename(command)} ${args.join(' ')}`, `${stdout}\n${stderr}`);
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const CONTENDERS = 4;

interface Contender {
  pid: number;
  got: boolean;
  message?: string;
  /** When it held the lock, by the wall clock. */
  from?: number;
  to?: number;
}

/**
 * Starts the contenders, waits until every one is ready, then lets them all go at once (each polls for
 * the go file every few milliseconds), so they really try together however slowly they started.
 */
async function contend(lockPath: string): Promise<Contender[]> {
  const barrier = await fs.mkdtemp(path.join(os.tmpdir(), 'sfjob-barrier-'));
  try {
    const exits = Array.from({ length: CONTENDERS }, () => run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lock-contender.ts'), lockPath, barrier, '1000']));
    const deadline = Date.now() + 60_000;
    while ((await fs.readdir(barrier)).filter((name) => name.startsWith('ready-')).length < CONTENDERS) {
      assert.ok(Date.now() < deadline, 'the contenders did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await fs.writeFile(path.join(barrier, 'go'), '');
    return (await Promise.all(exits)).map((exit) => {
      assert.equal(exit.code, 0, exit.stderr);
      return JSON.parse(exit.stdout.trim()) as Contender;
    });
  } finally {
    await fs.rm(barrier, { recursive: true, force: true });
  }
}

function assertOneHolderAtATime(results: Contender[]): void {
  const held = results.filter((result) => result.got).sort((a, b) => (a.from ?? 0) - (b.from ?? 0));
  for (let i = 1; i < held.length; i++) assert.ok((held[i].from ?? 0) >= (held[i - 1].to ?? 0), `two processes held the lock at once: ${JSON.stringify(held)}`);
}

describe('concurrency: one run of a job at a time, across processes', function () {
  this.timeout(90_000);

  describe('the lock alone', () => {
    let folder: string;
    before(async () => {
      folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sfjob-lock-'));
    });
    after(() => fs.rm(folder, { recursive: true, force: true }));

    it(`gives the lock to exactly one of ${CONTENDERS} processes trying at once, and names it to the others`, async () => {
      const lockPath = path.join(folder, 'fresh.lock');
      const results = await contend(lockPath);
      assertOneHolderAtATime(results);
      const winners = results.filter((result) => result.got);
      assert.equal(winners.length, 1, JSON.stringify(results));
      for (const loser of results.filter((result) => !result.got)) assert.match(loser.message ?? '', /the job is already running \(process \d+, run contender-\d+/);
      await assert.rejects(fs.stat(lockPath), 'the winner released the lock');
    });

    it(`lets exactly one of ${CONTENDERS} processes take over a dead process's lock, however they interleave`, async () => {
      for (let round = 0; round < 2; round++) {
        const lockPath = path.join(folder, `stale-${round}.lock`);
        await fs.writeFile(lockPath, JSON.stringify({ pid: deadPid(), hostname: os.hostname(), runId: 'crashed', startedAt: '2026-11-25T08:00:00.000Z' }));
        const results = await contend(lockPath);
        assertOneHolderAtATime(results);
        assert.equal(results.filter((result) => result.got).length, 1, `round ${round}: ${JSON.stringify(results)}`);
        const leftovers = (await fs.readdir(folder)).filter((name) => name.startsWith(`stale-${round}.lock`));
        assert.deepEqual(leftovers, [], 'the lock, its takeover marker and staging files are all gone');
      }
    });
  });

  describe('runs against the emulator', () => {
    let emulator: EmulatorHandle;
    let workspace: TestWorkspace;
    let env: NodeJS.ProcessEnv;
    const jobFile = path.join('jobs', 'surveys.sfjob.json');
    /** How far the org's clock (its answers' Date header) is ahead of this machine's. */
    let orgAheadMs = 0;

    before(async () => {
      emulator = await startEmulator({ port: 0, now: () => new Date(Date.now() + orgAheadMs), records: { cases: 2, chats: 2, sms: 2, surveys: 600 } });
      workspace = emulatorWorkspace(emulator);
      env = { ...workspace.env, ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
      await fs.mkdir(path.join(workspace.root, 'jobs'));
      await fs.writeFile(
        path.join(workspace.root, jobFile),
        JSON.stringify({ name: 'Surveys', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' }),
      );
    });
    after(async () => {
      await emulator.close();
      workspace.remove();
    });
    afterEach(() => emulator.faults.clear());

    async function outputIds(): Promise<string[]> {
      const files = (await listFiles(workspace.root)).filter((file) => file.startsWith('out/jobs/surveys/'));
      const ids: string[] = [];
      for (const file of files) for (const document of await readJsonLines(path.join(workspace.root, file))) ids.push(String(document.natural_id));
      return ids;
    }

    it('refuses the second of two CLI runs started together; the first writes every record once', async () => {
      // Slow answers keep the first run inside its lock while the second starts.
      emulator.faults.set({ delayMs: 2_500 });
      const [a, b] = await Promise.all([run(process.execPath, [CLI, 'run', jobFile], { cwd: workspace.root, env }), run(process.execPath, [CLI, 'run', jobFile], { cwd: workspace.root, env })]);
      const exits = [a, b].sort((x, y) => (x.code ?? 9) - (y.code ?? 9));
      assert.equal(exits[0].code, 0, exits[0].stderr);
      assert.equal(exits[1].code, 1, exits[1].stdout + exits[1].stderr);
      assert.match(exits[1].stderr, /jobs\/surveys\.sfjob\.json: the job is already running \(process \d+, run \d{8}T\d+Z-[0-9a-f]+, started .*\); wait for it to finish, or delete .*surveys\.lock if that run is certainly gone/);
      const ids = await outputIds();
      const live = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true);
      assert.equal(ids.length, live.length);
      assert.equal(new Set(ids).size, ids.length);
      const state = await loadState(path.join(workspace.root, '.sfjob', 'state', 'jobs', 'surveys.json'));
      assert.equal(state.seenIds.size, ids.length);
    });

    it('refuses a CLI run while an in-process run of the same job holds the lock, then the in-process run finishes whole', async () => {
      const before = await outputIds();
      const stateBefore = await fs.readFile(path.join(workspace.root, '.sfjob', 'state', 'jobs', 'surveys.json'), 'utf8');
      const loaded = loadJobForRun(path.join(workspace.root, jobFile), new Date());
      assert.ok(loaded.job);
      const job = loaded.job;
      const session = await connect('local', { workspaceRoot: workspace.root, secrets: workspace.secrets(), env: workspace.env });
      // New records just after the saved watermark, and a run whose window reaches past them.
      const watermark = Date.parse((await loadState(path.join(workspace.root, '.sfjob', 'state', 'jobs', 'surveys.json'))).watermark ?? '');
      assert.ok(Number.isFinite(watermark), 'the first test left a watermark');
      const inserted = emulator.org.insert('Survey_Response__c', Array.from({ length: 5 }, (_, i) => ({ Score__c: i, CreatedDate: new Date(watermark + 1_000 + i).toISOString() })));
      let refused: Exit | undefined;
      const now = new Date(Math.max(Date.now(), watermark) + 120_000);
      // The window ends at the org's time: the org's clock reads the run's time.
      orgAheadMs = now.getTime() - Date.now();
      const outcome = await runJob({
        jobPath: path.join(workspace.root, jobFile),
        job,
        // Called once this run holds the lock: the whole CLI run happens inside it.
        source: async (state) => {
          refused = await run(process.execPath, [CLI, 'run', jobFile], { cwd: workspace.root, env });
          return liveSource({ session, job, now })(state);
        },
        now,
        workspaceRoot: workspace.root,
      });
      assert.ok(refused, 'the CLI was not started');
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(refused.stderr, new RegExp(`already running \\(process ${process.pid}, run ${outcome.runId}`));
      assert.equal(outcome.status, 'succeeded', outcome.report.error);
      const after = await outputIds();
      assert.deepEqual(after.slice(0, before.length).sort(), [...before].sort());
      assert.deepEqual(after.slice(before.length).sort(), inserted.map((record) => String(record.Id)).sort(), JSON.stringify({ window: outcome.report.window, retrieved: outcome.report.retrieved, state: outcome.report.state, inserted: inserted.map((record) => record.CreatedDate) }));
      assert.notEqual(await fs.readFile(path.join(workspace.root, '.sfjob', 'state', 'jobs', 'surveys.json'), 'utf8'), stateBefore);
    });

    it('takes over the lock of a run whose process died, and runs (reading nothing while the watermark is ahead of the clock)', async () => {
      const lockPath = path.join(workspace.root, '.sfjob', 'locks', 'jobs', 'surveys.lock');
      await fs.writeFile(lockPath, JSON.stringify({ pid: deadPid(), hostname: os.hostname(), runId: 'crashed-run', startedAt: '2026-11-25T08:00:00.000Z' }));
      const exit = await run(process.execPath, [CLI, 'run', jobFile], { cwd: workspace.root, env });
      assert.equal(exit.code, 0, exit.stdout + exit.stderr);
      assert.match(exit.stdout, /run \S+ finished\n {2}read 0 records; published 0 documents/);
      await assert.rejects(fs.stat(lockPath), 'the lock was released');
    });
  });
});
