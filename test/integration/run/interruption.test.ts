import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { CLI } from '../../helpers/cli';
import { listFiles, readJsonLines } from '../../unit/runner/helpers';
import { emulatorWorkspace, TestWorkspace } from '../salesforce/workspace';

/**
 * The CLI is killed with SIGKILL (no handler runs, nothing is flushed) while it reads pages and while it
 * writes documents, with records arriving in the org between invocations. Whatever was killed, the
 * output files the runs published hold every record of the org exactly once, and the run that takes
 * over a dead run's lock removes the unfinished file it left.
 */

const JOB = {
  name: 'Survey comments',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: 'SELECT Id, Score__c, Comment__c, CreatedDate FROM Survey_Response__c',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Comment__c', type: 'verbatim' }] },
};
const JOB_FILE = 'jobs/surveys.sfjob.json';
const OUT = 'out/jobs/surveys';

interface Running {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

describe('sfjob run killed part-way (SIGKILL), then run again', function () {
  this.timeout(120_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let inserted = 0;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 5, chats: 0, sms: 0, surveys: 5000 } });
    workspace = emulatorWorkspace(emulator);
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    await fs.writeFile(path.join(workspace.root, JOB_FILE), JSON.stringify(JOB, null, 2));
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });
  afterEach(() => emulator.faults.clear());

  function startRun(...extra: string[]): Running {
    const child = spawn(process.execPath, [CLI, 'run', JOB_FILE, '--format', 'json', ...extra], { cwd: workspace.root, env: workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
    return { child, exited };
  }

  /** Polls until `ready` holds, failing if the run ends first. */
  async function killWhen(running: Running, what: string, ready: () => Promise<boolean>): Promise<void> {
    let ended = false;
    void running.exited.then(() => (ended = true));
    for (;;) {
      if (ended) assert.fail(`the run ended before it was ${what}: ${(await running.exited).stderr}`);
      if (await ready()) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    running.child.kill('SIGKILL');
    const { signal } = await running.exited;
    assert.equal(signal, 'SIGKILL', `the run was not killed while ${what}`);
  }

  async function apiCallsSoFar(): Promise<number> {
    const status = (await (await fetch(`${emulator.url}/__emulator`)).json()) as { apiUsage: { used: number } };
    return status.apiUsage.used;
  }

  /** The unfinished output a running job writes to: a hidden temporary file beside the target. */
  async function temporaryOutputBytes(): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(path.join(workspace.root, OUT));
    } catch {
      return 0;
    }
    let bytes = 0;
    for (const name of names.filter((entry) => entry.startsWith('.') && entry.endsWith('.tmp'))) {
      bytes += await fs.stat(path.join(workspace.root, OUT, name)).then((stat) => stat.size, () => 0);
    }
    return bytes;
  }

  async function completeRun(): Promise<{ status: string; retrieved: number; written: number; window: { since?: string; until: string }; warnings: { messages: string[] } }> {
    const child = spawn(process.execPath, [CLI, 'run', JOB_FILE, '--format', 'json'], { cwd: workspace.root, env: workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout);
  }

  /** New records, stamped in the window the next run reads; the first one exactly at the saved watermark. */
  async function recordsArrive(count: number): Promise<void> {
    const state = JSON.parse(await fs.readFile(path.join(workspace.root, '.sfjob/state/jobs/surveys.json'), 'utf8')) as { watermark: string };
    const from = Date.parse(state.watermark);
    const latest = Date.now() - 2 * 60_000 - 1;
    assert.ok(latest > from, 'the watermark is not behind the next window');
    const records = Array.from({ length: count }, (_, index) => ({
      Name: `late-${++inserted}`,
      Score__c: index % 10,
      Comment__c: `arrived between runs (${inserted})`,
      CreatedDate: new Date(index === 0 ? from : from + Math.floor(((latest - from) * index) / count)).toISOString(),
    }));
    emulator.org.insert('Survey_Response__c', records);
  }

  async function publishedIds(): Promise<string[]> {
    const files = (await listFiles(path.join(workspace.root, OUT))).filter((file) => !path.basename(file).startsWith('.'));
    const ids: string[] = [];
    for (const file of files) for (const document of await readJsonLines(path.join(workspace.root, OUT, file))) ids.push(String(document.natural_id));
    return ids;
  }

  function liveIds(): string[] {
    return emulator.org
      .rows('Survey_Response__c')
      .filter((row) => row.IsDeleted !== true)
      .map((row) => String(row.Id));
  }

  it('holds every record exactly once across runs killed while reading pages, while writing and while reading Bulk results', async () => {
    const first = await completeRun();
    assert.equal(first.status, 'succeeded');
    assert.equal(first.written, liveIds().length);

    // Killed while it waits for the next page: every answer is slowed, and the kill comes once the
    // first page of the window has been answered.
    await recordsArrive(2500);
    emulator.faults.set({ delayMs: 300 });
    const before = await apiCallsSoFar();
    const pageRun = startRun();
    await killWhen(pageRun, 'reading pages', async () => (await apiCallsSoFar()) >= before + 1);
    emulator.faults.clear();
    const afterPageKill = await listFiles(workspace.root);
    assert.ok(afterPageKill.some((file) => file === '.sfjob/locks/jobs/surveys.lock'), 'the killed run left no lock behind');

    // Killed while documents stream into the unfinished output file.
    await recordsArrive(2500);
    const writeRun = startRun();
    await killWhen(writeRun, 'writing documents', async () => (await temporaryOutputBytes()) > 0);
    const leftBehind = await temporaryOutputBytes();
    assert.ok(leftBehind > 0, 'the killed run had written nothing yet');

    // Killed while it pages through the results of a Bulk API 2.0 query job.
    await recordsArrive(2500);
    emulator.faults.set({ delayMs: 300 });
    const beforeBulk = await apiCallsSoFar();
    const bulkRun = startRun('--bulk-above', '1');
    // The count, the job, its status, the first page of results and the describe; the second page waits.
    await killWhen(bulkRun, 'reading Bulk API results', async () => (await apiCallsSoFar()) >= beforeBulk + 5);
    emulator.faults.clear();

    await recordsArrive(3);
    const last = await completeRun();
    assert.equal(last.status, 'succeeded');
    assert.equal(last.window.since, first.window.until, 'the killed runs moved the watermark');
    // Salesforce keeps datetimes to the second and drops a literal's milliseconds, so the window starting at
    // the watermark takes in every record stamped within the watermark's second.
    const sinceSecond = Math.floor(Date.parse(first.window.until) / 1000) * 1000;
    const sinceFirst = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) >= sinceSecond);
    assert.equal(last.written, sinceFirst.length);
    assert.ok(last.written >= 7503);

    assert.equal(await temporaryOutputBytes(), 0, 'an unfinished output file of a killed run was left behind');
    assert.deepEqual((await fs.readdir(path.join(workspace.root, OUT))).filter((name) => name.startsWith('.')), []);
    assert.ok(!(await listFiles(workspace.root)).includes('.sfjob/locks/jobs/surveys.lock'));

    const published = await publishedIds();
    const counts = new Map<string, number>();
    for (const id of published) counts.set(id, (counts.get(id) ?? 0) + 1);
    const repeated = [...counts].filter(([, count]) => count > 1);
    assert.deepEqual(repeated, [], 'records published more than once');
    assert.deepEqual([...counts.keys()].sort(), liveIds().sort());
  });
});
