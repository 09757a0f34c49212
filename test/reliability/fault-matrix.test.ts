import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ResolvedJob } from '../../src/core/job/resolve';
import { startEmulator, type EmulatorHandle, type FaultSettings } from '../../src/emulator/index';
import { liveSource, runJob, type RunOutcome } from '../../src/runner';
import { connect } from '../../src/salesforce/connect';
import type { AuthorizedConnection } from '../../src/salesforce/session/types';
import { job } from '../unit/core/run/helpers';
import { listFiles, readJsonLines } from '../unit/runner/helpers';
import { emulatorWorkspace, TestWorkspace } from '../integration/salesforce/workspace';
import { mountTinyDisk, snapshotOf, type TinyDisk } from './disk';
import { describeEdgeRows, EDGE_ROWS, strayFiles } from './fault-matrix-edges';

/**
 * Every fault the emulator can inject, against a whole run (runJob over real HTTP), followed by a clean
 * re-run. A row passes when the faulted run either completed, or failed with a clear message leaving the
 * previous output and state byte for byte as they were; and when, after the re-run, the output files
 * together hold every record of the window exactly once.
 */

const NOW = new Date('2026-11-25T08:00:00.000Z');
/** The first run's clock: it leaves the last 40 days of records (about half) for the faulted run. */
const EARLIER = new Date(NOW.getTime() - 40 * 86_400_000);
const LATER = new Date(NOW.getTime() + 60_000);
const RETRY = { baseMs: 1, maxMs: 5, random: () => 0.5 };
const PAGE = 200;

interface Row {
  fault: string;
  /** Faults set on the emulator for the second run. */
  faults?: FaultSettings;
  /** Changes the workspace before the second run; returns how to undo it. */
  arrange?: (context: RowContext) => Promise<() => Promise<void>>;
  requestTimeoutMs?: number;
  retries?: number;
  /** What the second run must end as; a failure must say this. */
  expect: { status: 'succeeded' } | { status: 'failed'; message: RegExp };
}

interface RowContext {
  workspaceRoot: string;
  jobName: string;
}

export interface MatrixLine {
  fault: string;
  outcome: string;
  /** Documents the runs together must publish. */
  expected: number;
  /** Documents published, counting every copy. */
  published: number;
  /** Documents published more than once with the same content. */
  duplicated: number;
  lost: number;
  /** Temporary files left anywhere in the workspace after the re-run. */
  stray: number;
}

const rows: Row[] = [
  { fault: '500 on page 3', faults: { rules: [{ action: 'error', status: 500, path: '/query/', nth: 2 }] }, expect: { status: 'succeeded' } },
  { fault: '503 twice on page 1', faults: { rules: [{ action: 'error', status: 503, path: '/query', nth: 1, times: 2 }] }, expect: { status: 'succeeded' } },
  { fault: '429 on page 2', faults: { rules: [{ action: 'error', status: 429, path: '/query/', nth: 1 }] }, expect: { status: 'succeeded' } },
  { fault: '503 on every request (retries run out)', faults: { rules: [{ action: 'error', status: 503, path: '/query', times: 1000 }] }, retries: 2, expect: { status: 'failed', message: /Salesforce query failed: .*SERVER_UNAVAILABLE/ } },
  { fault: 'connection reset mid-page 2', faults: { rules: [{ action: 'reset', path: '/query/', nth: 1 }] }, expect: { status: 'succeeded' } },
  { fault: 'half-closed body mid-page 3', faults: { rules: [{ action: 'half-close', path: '/query/', nth: 2 }] }, expect: { status: 'succeeded' } },
  { fault: 'token expiry before page 2', faults: { rules: [{ action: 'expire-token', path: '/query/', nth: 1 }] }, expect: { status: 'succeeded' } },
  { fault: 'token expiry on every page', faults: { rules: [{ action: 'expire-token', path: '/query', times: 1000 }] }, expect: { status: 'failed', message: /queried 4 times and lost its session or query locator each time/ } },
  { fault: 'query locator invalidated before page 3', faults: { rules: [{ action: 'invalidate-locators', path: '/query/', nth: 2 }] }, expect: { status: 'succeeded' } },
  { fault: 'REQUEST_LIMIT_EXCEEDED after 2 calls', faults: { requestLimitAfter: 2 }, expect: { status: 'succeeded' } },
  { fault: 'QUERY_TIMEOUT on windows over 20 days', faults: { queryTimeoutDays: 20 }, expect: { status: 'succeeded' } },
  { fault: 'answers slower than the request timeout', faults: { delayMs: 400 }, requestTimeoutMs: 100, retries: 1, expect: { status: 'failed', message: /no complete answer within 0\.1 s/ } },
  {
    fault: 'output folder not writable (its parent is a file)',
    arrange: async ({ workspaceRoot, jobName }) => {
      const blocker = path.join(workspaceRoot, 'out', 'jobs', jobName);
      const kept = `${blocker}.kept`;
      await fs.rename(blocker, kept);
      await fs.writeFile(blocker, 'not a folder');
      return async () => {
        await fs.rm(blocker);
        await fs.rename(kept, blocker);
      };
    },
    expect: { status: 'failed', message: /ENOTDIR|EEXIST/ },
  },
];

describe('fault matrix: every emulator fault against a whole run, then a clean re-run', function () {
  this.timeout(90_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;
  const matrix: MatrixLine[] = [];
  /** The org's clock (the Date header of its answers): each run sets it to the run's time unless a row says otherwise. */
  let orgClock = NOW;

  before(async () => {
    emulator = await startEmulator({ port: 0, now: () => orgClock, records: { cases: 2, chats: 2, sms: 2, surveys: 1000 } });
    workspace = emulatorWorkspace(emulator);
    session = await connect('local', { workspaceRoot: workspace.root, secrets: workspace.secrets(), env: workspace.env, now: () => NOW });
  });
  after(async () => {
    printMatrix(matrix);
    await emulator.close();
    workspace.remove();
  });
  afterEach(() => {
    emulator.faults.clear();
    void fetch(`${emulator.url}/__emulator/usage/reset`, { method: 'POST' });
  });

  async function run(resolved: ResolvedJob, jobName: string, now: Date, row?: Row): Promise<RunOutcome> {
    orgClock = now;
    return runJob({
      jobPath: path.join(workspace.root, 'jobs', `${jobName}.sfjob.json`),
      job: resolved,
      source: liveSource({
        session,
        job: resolved,
        now,
        batchSize: PAGE,
        retry: { ...RETRY, ...(row?.retries !== undefined ? { retries: row.retries } : {}) },
        ...(row?.requestTimeoutMs ? { requestTimeoutMs: row.requestTimeoutMs } : {}),
      }),
      now,
      runId: `${jobName}-${now.getTime()}`,
      workspaceRoot: workspace.root,
    });
  }

  /** The ids every run together must deliver: live surveys dated before the last run's window end. */
  function expectedIds(until: string): Set<string> {
    const end = Date.parse(until);
    return new Set(
      emulator.org
        .rows('Survey_Response__c')
        .filter((row) => row.IsDeleted !== true && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < end)
        .map((row) => String(row.Id)),
    );
  }

  async function deliveredIds(jobName: string): Promise<string[]> {
    const folder = path.join(workspace.root, 'out', 'jobs', jobName);
    const ids: string[] = [];
    for (const file of await listFiles(folder)) for (const document of await readJsonLines(path.join(folder, file))) ids.push(String(document.natural_id));
    return ids;
  }

  async function exercise(row: Row, index: number, disk?: () => Promise<TinyDisk>): Promise<void> {
    const jobName = `row${index}`;
    const resolved = job({ name: jobName, query: 'SELECT Id, Score__c, Channel__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });
    const first = await run(resolved, jobName, EARLIER);
    assert.equal(first.status, 'succeeded', first.report.error);
    assert.ok((first.output?.documents ?? 0) > PAGE, `the first run should leave an output to protect, wrote ${first.output?.documents}`);

    const before = await snapshotOf(workspace.root, [`out/jobs/${jobName}`, `.sfjob/state/jobs/${jobName}.json`, `.sfjob/state/jobs/${jobName}.sqlite`]);
    const undo = row.arrange ? await row.arrange({ workspaceRoot: workspace.root, jobName }) : undefined;
    const tiny = disk ? await disk() : undefined;
    if (row.faults) emulator.faults.set(row.faults);
    let faulted: RunOutcome;
    try {
      faulted = await run(resolved, jobName, NOW, row);
    } finally {
      emulator.faults.clear();
      await tiny?.release();
      await undo?.();
    }
    if (row.faults?.rules) assert.ok(emulator.faults.firings().length === 0, 'the faults were cleared');
    if (row.expect.status === 'failed') {
      assert.equal(faulted.status, 'failed', `expected a failure, got ${faulted.status}`);
      assert.match(faulted.report.error ?? '', row.expect.message);
      assert.deepEqual(await snapshotOf(workspace.root, [`out/jobs/${jobName}`, `.sfjob/state/jobs/${jobName}.json`, `.sfjob/state/jobs/${jobName}.sqlite`]), before, 'the previous output and state changed');
    } else {
      assert.equal(faulted.status, 'succeeded', faulted.report.error);
    }
    await fetch(`${emulator.url}/__emulator/usage/reset`, { method: 'POST' });

    const again = await run(resolved, jobName, LATER);
    assert.equal(again.status, 'succeeded', again.report.error);
    const expected = expectedIds(again.report.window?.until ?? '');
    const delivered = await deliveredIds(jobName);
    const unique = new Set(delivered);
    const line: MatrixLine = {
      fault: row.fault,
      outcome: faulted.status === 'succeeded' ? (faulted.report.stoppedEarly ? 'stopped early, kept its records' : 'completed') : 'failed clearly, nothing changed',
      expected: expected.size,
      published: delivered.length,
      duplicated: delivered.length - unique.size,
      lost: [...expected].filter((id) => !unique.has(id)).length,
      stray: (await strayFiles(workspace.root)).length,
    };
    matrix.push(line);
    assert.equal(line.lost, 0, `${line.lost} records lost`);
    assert.equal(line.duplicated, 0, `${line.duplicated} records written twice`);
    assert.equal([...unique].filter((id) => !expected.has(id)).length, 0, 'records outside the window were written');
  }

  rows.forEach((row, index) => {
    it(`${row.fault}: ${row.expect.status === 'succeeded' ? 'completes' : 'fails clearly'}, and a re-run leaves every record exactly once`, async () => {
      await exercise(row, index);
    });
  });

  it('the disk filling up under the output: fails clearly, and a re-run leaves every record exactly once', async function () {
    const row: Row = { fault: 'disk full under the output', expect: { status: 'failed', message: /ENOSPC|ENOTDIR/ } };
    const jobName = `row${rows.length}`;
    await exercise(row, rows.length, () => mountTinyDisk(path.join(workspace.root, 'out', 'jobs', jobName)));
  });

  // The new state is staged (written beside the old one) before the output is published, so a disk that
  // fills up under the state stops the run before its output appears: the snapshot check proves it.
  it('the disk filling up under the state: fails clearly before its output is published, and a re-run leaves every record exactly once', async function () {
    const row: Row = { fault: 'disk full under the state (output written, not yet published)', expect: { status: 'failed', message: /ENOSPC|ENOTDIR/ } };
    const jobName = `row${rows.length + 1}`;
    await exercise(row, rows.length + 1, () => mountTinyDisk(path.join(workspace.root, '.sfjob', 'state', 'jobs'), { keep: [`${jobName}.json`, `${jobName}.sqlite`], size: '512k' }));
  });

  describeEdgeRows(() => ({ emulator, workspace, session, matrix, setOrgClock: (time) => (orgClock = time), now: NOW, earlier: EARLIER, later: LATER }));

  it('prints the matrix, one row per fault, with nothing lost, nothing published twice and no stray file', () => {
    assert.equal(matrix.length, rows.length + 2 + EDGE_ROWS);
    for (const line of matrix) assert.deepEqual([line.lost, line.duplicated, line.stray], [0, 0, 0], line.fault);
  });
});

function printMatrix(matrix: MatrixLine[]): void {
  const header = ['fault', 'outcome', 'expected', 'published', 'duplicated', 'lost', 'stray files'];
  const cells = matrix.map((line) => [line.fault, line.outcome, String(line.expected), String(line.published), String(line.duplicated), String(line.lost), String(line.stray)]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const format = (cell: string[]): string => `      ${cell.map((text, column) => text.padEnd(widths[column])).join('  ')}`;
  const survived = matrix.filter((line) => line.lost === 0 && line.duplicated === 0 && line.stray === 0).length;
  console.log(`\n      Fault matrix: ${survived}/${matrix.length} faults survived with nothing lost or duplicated`);
  console.log(format(header));
  for (const cell of cells) console.log(format(cell));
}
