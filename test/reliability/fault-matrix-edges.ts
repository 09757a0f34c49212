import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ResolvedJob } from '../../src/core/job/resolve';
import type { EmulatorHandle } from '../../src/emulator/index';
import { liveSource, loadState, runJob, saveState, type RunOutcome } from '../../src/runner';
import { jobPaths } from '../../src/store/paths';
import type { AuthorizedConnection } from '../../src/salesforce/session/types';
import { job } from '../unit/core/run/helpers';
import { listFiles, readJsonLines } from '../unit/runner/helpers';
import type { TestWorkspace } from '../integration/salesforce/workspace';
import type { MatrixLine } from './fault-matrix.test';

/**
 * The fault matrix's rows at the edges of a run rather than in the middle of one: clocks that
 * disagree, a stopped run's boundary, a process killed with its temporary files open, and a lookback
 * re-reading what was delivered. Each ends with every expected document published once (a changed
 * document once per version), nothing else, and no temporary file left anywhere in the workspace.
 */

export interface EdgeContext {
  emulator: EmulatorHandle;
  workspace: TestWorkspace;
  session: AuthorizedConnection;
  matrix: MatrixLine[];
  setOrgClock(time: Date): void;
  now: Date;
  earlier: Date;
  later: Date;
}

export const EDGE_ROWS = 5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RETRY = { baseMs: 1, maxMs: 5, random: () => 0.5 };
const SURVEYS = 'SELECT Id, Score__c, Channel__c, CreatedDate FROM Survey_Response__c';

/** Temporary files runs leave when killed: hidden `.….tmp` files, lock staging files and staged states. */
export async function strayFiles(root: string): Promise<string[]> {
  return (await listFiles(root)).filter((file) => /(^|\/)\.[^/]+\.[0-9a-f]{8}\.tmp$|\.lock(\.takeover)?\.\d+\.[0-9a-f]{8}\.tmp$|\.json\.next$/.test(file));
}

export function describeEdgeRows(contextOf: () => EdgeContext): void {
  let context: EdgeContext;
  beforeEach(() => {
    context = contextOf();
  });

  async function run(resolved: ResolvedJob, jobName: string, clocks: { local: Date; org?: Date; since?: Date }): Promise<RunOutcome> {
    context.setOrgClock(clocks.org ?? clocks.local);
    return runJob({
      jobPath: path.join(context.workspace.root, 'jobs', `${jobName}.sfjob.json`),
      job: resolved,
      source: liveSource({ session: context.session, job: resolved, now: clocks.local, batchSize: 200, retry: RETRY, ...(clocks.since ? { since: clocks.since } : {}) }),
      now: clocks.local,
      workspaceRoot: context.workspace.root,
    });
  }

  /** Every document published for the job, in file order. */
  async function published(jobName: string): Promise<Record<string, unknown>[]> {
    const folder = path.join(context.workspace.root, 'out', 'jobs', jobName);
    const documents: Record<string, unknown>[] = [];
    for (const file of await listFiles(folder).catch(() => [])) documents.push(...(await readJsonLines(path.join(folder, file))));
    return documents;
  }

  /** Live surveys dated before `until` (and matching `keep`), by Id or by another natural id. */
  function expected(until: string | undefined, keep: (row: Record<string, unknown>) => boolean = () => true, key = 'Id'): Set<string> {
    const end = Date.parse(until ?? '');
    return new Set(
      context.emulator.org
        .rows('Survey_Response__c')
        .filter((row) => row.IsDeleted !== true && keep(row) && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < end)
        .map((row) => String(row[key])),
    );
  }

  /** The matrix line: documents published, those published again with the same content, and those missing. */
  async function measure(fault: string, outcome: string, jobName: string, wanted: Set<string>, versions = 0): Promise<MatrixLine> {
    const documents = await published(jobName);
    const contents = documents.map(({ loadDate: _loadDate, ...content }) => JSON.stringify(content));
    const ids = new Set(documents.map((document) => String(document.natural_id)));
    const line: MatrixLine = {
      fault,
      outcome,
      expected: wanted.size + versions,
      published: documents.length,
      duplicated: contents.length - new Set(contents).size,
      lost: [...wanted].filter((id) => !ids.has(id)).length,
      stray: (await strayFiles(context.workspace.root)).length,
    };
    context.matrix.push(line);
    assert.deepEqual([line.lost, line.duplicated, line.stray], [0, 0, 0], JSON.stringify(line));
    assert.equal(line.published, line.expected, 'documents outside the window, or versions that did not change, were published');
    return line;
  }

  it('clock ahead: this machine an hour ahead of the org: the window ends at the org\'s time, and records the org stamps later are not lost', async () => {
    const name = 'edge-clock';
    const resolved = job({ name, query: SURVEYS, dateField: 'CreatedDate' });
    assert.equal((await run(resolved, name, { local: context.earlier })).status, 'succeeded');
    const ahead = await run(resolved, name, { local: new Date(context.now.getTime() + HOUR), org: context.now });
    assert.equal(ahead.status, 'succeeded', ahead.report.error);
    assert.equal(ahead.report.window?.until, new Date(context.now.getTime() - 2 * MINUTE).toISOString());
    // The org goes on stamping records with its own time, which is behind this machine's.
    context.emulator.org.insert('Survey_Response__c', Array.from({ length: 30 }, (_, index) => ({ Name: `CLK-${index}`, Score__c: 1, CreatedDate: new Date(context.now.getTime() - MINUTE + index * 90_000).toISOString() })));
    const next = new Date(context.now.getTime() + 2 * HOUR);
    const again = await run(resolved, name, { local: next });
    assert.equal(again.status, 'succeeded', again.report.error);
    await measure('clock ahead: this machine an hour ahead of the org', 'window ended at the org\'s time', name, expected(again.report.window?.until));
  });

  it('clock ahead: a saved watermark past the org\'s time is refused with the command that repairs it, and --since repairs it', async () => {
    const name = 'edge-watermark';
    const resolved = job({ name, query: SURVEYS, dateField: 'CreatedDate' });
    const first = await run(resolved, name, { local: context.earlier });
    const statePath = jobPaths(context.workspace.root, path.join(context.workspace.root, 'jobs', `${name}.sfjob.json`)).state;
    const state = await loadState(statePath);
    await saveState(statePath, { ...state, watermark: new Date(context.now.getTime() + 86_400_000).toISOString() }, context.now);
    const refused = await run(resolved, name, { local: context.now });
    assert.equal(refused.status, 'failed');
    assert.match(refused.report.error ?? '', /ahead of the org's time .*"sfjob run jobs\/edge-watermark\.sfjob\.json --since <date-time>".*"sfjob run jobs\/edge-watermark\.sfjob\.json --full"/);
    const repaired = await run(resolved, name, { local: context.now, since: new Date(first.report.window?.until ?? '') });
    assert.equal(repaired.status, 'succeeded', repaired.report.error);
    assert.equal(repaired.report.state.after.watermark, repaired.report.window?.until);
    const again = await run(resolved, name, { local: context.later });
    assert.equal(again.status, 'succeeded', again.report.error);
    await measure('clock ahead: watermark past the org\'s time', 'refused with the repair, repaired with --since', name, expected(again.report.window?.until));
  });

  it('natural-id boundary: a natural_id from Name, runs stopped by the record limit among records sharing a timestamp', async () => {
    const name = 'edge-boundary';
    const base = context.earlier.getTime() - 10 * 86_400_000;
    // Seven records a second, so every stop lands among records of one instant.
    context.emulator.org.insert('Survey_Response__c', Array.from({ length: 300 }, (_, index) => ({ Name: `NB-${String(index).padStart(4, '0')}`, Score__c: 1, CreatedDate: new Date(base + Math.floor(index / 7) * 1000).toISOString() })));
    const resolved = job({ name, query: "SELECT Id, Name, CreatedDate FROM Survey_Response__c WHERE Name LIKE 'NB-%'", dateField: 'CreatedDate', recordLimit: 40, duplicates: 'allow', mapping: { natural_id: 'Name' } });
    let runs = 0;
    let last: RunOutcome;
    do {
      last = await run(resolved, name, { local: new Date(context.now.getTime() + runs * MINUTE) });
      assert.equal(last.status, 'succeeded', last.report.error);
      runs++;
    } while (last.report.stoppedAtLimit && runs < 30);
    assert.ok(runs >= 8, `the limit stopped only ${runs} runs`);
    await measure(`natural-id boundary (Name, recordLimit 40, ${runs} runs)`, 'repeats at the watermark left out', name, expected(last.report.window?.until, (row) => String(row.Name).startsWith('NB-'), 'Name'));
  });

  it('kill leftovers: sfjob run killed (SIGKILL) before publishing and while writing its report leaves nothing behind after the next run', async () => {
    const name = 'edge-kill';
    const { workspace } = context;
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    const jobFile = path.join('jobs', `${name}.sfjob.json`);
    await fs.writeFile(path.join(workspace.root, jobFile), JSON.stringify({ name, project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query: SURVEYS, dateField: 'CreatedDate' }));
    context.setOrgClock(context.now);
    for (const killAt of ['publish', 'report']) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'killed-run.ts'), workspace.root, jobFile, killAt], { cwd: process.cwd(), env: { ...process.env, ...workspace.env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, received) => resolve(received)));
      assert.equal(signal, 'SIGKILL', `the run was not killed at ${killAt}: ${stderr}`);
      assert.ok((await strayFiles(workspace.root)).length > 0, `the run killed at ${killAt} left no temporary file to clean up`);
    }
    const resolved = job({ name, query: SURVEYS, dateField: 'CreatedDate' });
    const after = await run(resolved, name, { local: context.later });
    assert.equal(after.status, 'succeeded', after.report.error);
    await measure('kill leftovers (SIGKILL before publishing, and while writing the report)', 'temporaries swept by the next run', name, expected(after.report.window?.until));
  });

  it('replace with lookback: each run re-reads a day, and only documents that changed are sent again', async () => {
    const name = 'edge-lookback';
    const schedule = { mode: 'incremental', frequency: 'hourly', startsOn: '00:00', timezone: 'UTC', lookback: '1d' };
    const resolved = job({ name, query: SURVEYS, dateField: 'CreatedDate', duplicates: 'replace', schedule: schedule as never, mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Channel__c', type: 'text' }] } });
    assert.equal((await run(resolved, name, { local: context.earlier })).status, 'succeeded');
    assert.equal((await run(resolved, name, { local: context.now })).status, 'succeeded');
    const recent = context.emulator.org
      .rows('Survey_Response__c')
      .filter((row) => row.IsDeleted !== true && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) > context.now.getTime() - 20 * HOUR && Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < context.now.getTime() - 5 * MINUTE)
      .slice(0, 4);
    assert.equal(recent.length, 4, 'the org has recent records to change');
    for (const row of recent) context.emulator.org.update('Survey_Response__c', String(row.Id), { Score__c: 99 });
    const third = await run(resolved, name, { local: context.later });
    assert.equal(third.status, 'succeeded', third.report.error);
    assert.equal(third.report.duplicates.replaced, 4);
    assert.ok(third.report.duplicates.unchanged > 0, 'the lookback re-read delivered documents');
    // Run again at once: the same day is read again, and nothing in it changed.
    const fourth = await run(resolved, name, { local: context.later });
    assert.equal(fourth.report.written, 0);
    assert.equal(fourth.report.zeroOutcome?.reasons['unchanged since delivered'], fourth.report.retrieved);
    await measure('replace with lookback 1d, 4 records changed', `${third.report.duplicates.unchanged} unchanged not sent again`, name, expected(fourth.report.window?.until), 4);
  });
}
