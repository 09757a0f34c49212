import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { listFiles, readJsonLines } from '../../unit/runner/helpers';
import { emulatorWorkspace, TestWorkspace } from '../salesforce/workspace';
import { captureIo } from './live-org';
import { surveyJob } from './survey-job';

const SURVEY_JOB = surveyJob({
  filter: 'Score__c >= 0',
  redactions: ['[\\w.+-]+@[\\w-]+\\.[\\w.]+'],
  mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Channel__c', type: 'text' }, { source: 'Comment__c', type: 'verbatim' }] },
});

describe('sfjob run and sfjob preview', function () {
  /** The org's clock; the emulator answers with it in its Date header. */
  let orgClock = new Date();
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, now: () => orgClock, records: { cases: 5, chats: 2, sms: 2, surveys: 300 } });
    workspace = emulatorWorkspace(emulator);
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    await fs.writeFile(path.join(workspace.root, 'jobs', 'surveys.sfjob.json'), JSON.stringify(SURVEY_JOB, null, 2));
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  it('runs a job against the org, writes its documents, state and report, and prints a summary', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', 'jobs/surveys.sfjob.json'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const files = await listFiles(workspace.root);
    const output = files.find((file) => file.startsWith('out/jobs/surveys/') && file.endsWith('.jsonl'));
    assert.ok(output, files.join('\n'));
    const documents = await readJsonLines(path.join(workspace.root, output));
    const live = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true && typeof row.Score__c === 'number' && row.Score__c >= 0);
    assert.equal(documents.length, live.length);
    assert.match(cli.stdout(), new RegExp(`published ${documents.length} documents to out/jobs/surveys/`));
    assert.match(cli.stdout(), /report: \.sfjob\/runs\/jobs\/surveys\/.*\.json/);
    assert.ok(files.includes('.sfjob/state/jobs/surveys.json'));
    for (const file of files) {
      const text = await fs.readFile(path.join(workspace.root, file), 'utf8');
      assert.ok(!text.includes(emulator.clientSecret), `the client secret appears in ${file}`);
    }
  });

  it('prints the run report as JSON with --format json, and reads only new records the second time', async () => {
    // A minute later on the org's clock, which ends the window (the first run's window ended at its time).
    orgClock = new Date(orgClock.getTime() + 60_000);
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', 'jobs/surveys.sfjob.json', '--format', 'json'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const report = JSON.parse(cli.stdout());
    assert.equal(report.status, 'succeeded');
    assert.equal(report.retrieved, 0);
    assert.ok(report.window.since);
    assert.ok(report.apiUsage.used > 0 && report.apiUsage.max > report.apiUsage.used, JSON.stringify(report.apiUsage));
  });

  it('refuses a --since that is not a full ISO date-time, naming the form it takes', async () => {
    for (const since of ['12', '2026-11-01', 'yesterday', '2026-02-30T00:00:00Z']) {
      const cli = captureIo(workspace.root, workspace.env);
      assert.equal(await main(['run', 'jobs/surveys.sfjob.json', '--since', since], cli.io), 2);
      assert.ok(cli.stderr().includes(`sfjob run: --since takes a full ISO 8601 date-time with a zone, such as 2026-11-01T00:00:00Z, not "${since}".`), cli.stderr());
    }
  });

  it('re-reads a window with --since keeping the state, and warns (exit 0, or 1 with --fail-on-zero) when nothing is published', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', 'jobs/surveys.sfjob.json', '--since', '2000-01-01T00:00:00Z', '--format', 'json'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const report = JSON.parse(cli.stdout());
    assert.equal(report.window.since, '2000-01-01T00:00:00.000Z');
    assert.ok(report.retrieved > 0);
    assert.equal(report.written, 0);
    assert.equal(report.duplicates.unchanged, report.retrieved - report.filteredOut);
    assert.equal(report.state.after.seenIds, report.state.before.seenIds, 'the delivered ids were kept');
    assert.match(cli.stderr(), new RegExp(`sfjob run: warning: read ${report.retrieved} records and published no document: \\d+ filtered out, \\d+ unchanged since delivered`));

    const strict = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'jobs/surveys.sfjob.json', '--since', '2000-01-01T00:00:00Z', '--fail-on-zero'], strict.io), 1);
    assert.match(strict.stdout(), /warning: read \d+ records and published no document/);
  });

  it('previews documents from the sample without writing anything', async () => {
    const sample = emulator.org.rows('Survey_Response__c').slice(0, 5).map((row) => ({ attributes: { type: 'Survey_Response__c' }, ...row }));
    await fs.writeFile(path.join(workspace.root, 'jobs', 'surveys.sample.json'), JSON.stringify(sample));
    const before = await listFiles(workspace.root);
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['preview', 'jobs/surveys.sfjob.json', '--limit', '3'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const lines = cli.stdout().trim().split('\n').map((line) => JSON.parse(line) as { natural_id: string; project: string });
    assert.equal(lines.length, 3);
    assert.equal(lines[0].project, 'Customer Care');
    assert.match(cli.stderr(), /5 sample records \(surveys\.sample\.json\), 3 documents shown/);
    assert.deepEqual(await listFiles(workspace.root), before);
  });

  it('previews the first live records of the next window with --live, writing nothing', async () => {
    await fs.writeFile(path.join(workspace.root, 'jobs', 'fresh.sfjob.json'), JSON.stringify({ ...SURVEY_JOB, filter: undefined }));
    const before = await listFiles(workspace.root);
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['preview', 'jobs/fresh.sfjob.json', '--live', '7'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const documents = cli.stdout().trim().split('\n').map((line) => JSON.parse(line) as { natural_id: string; document_date: string });
    assert.equal(documents.length, 7);
    const oldest = emulator.org
      .rows('Survey_Response__c')
      .filter((row) => row.IsDeleted !== true)
      .map((row) => ({ id: String(row.Id), date: String(row.CreatedDate) }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
      .slice(0, 7);
    assert.deepEqual(documents.map((document) => document.natural_id), oldest.map((row) => row.id));
    assert.match(cli.stderr(), /7 live records from local, 7 documents shown/);
    assert.deepEqual(await listFiles(workspace.root), before);
  });

  it('refuses to run a job with errors and shows them', async () => {
    await fs.writeFile(path.join(workspace.root, 'jobs', 'broken.sfjob.json'), JSON.stringify({ ...SURVEY_JOB, query: 'SELECT Id, CreatedDate FROM Survey_Response__c GROUP BY Id' }));
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', 'jobs/broken.sfjob.json'], cli.io);
    assert.equal(code, 1);
    assert.match(cli.stderr(), /soql-group-by/);
    assert.match(cli.stderr(), /has errors; fix them first/);
  });

  it('tells a second run of the same job that the first still holds the lock', async () => {
    const lock = path.join(workspace.root, '.sfjob', 'locks', 'jobs', 'surveys.lock');
    await fs.mkdir(path.dirname(lock), { recursive: true });
    await fs.writeFile(lock, JSON.stringify({ pid: process.pid, hostname: (await import('node:os')).hostname(), runId: 'other', startedAt: new Date().toISOString() }));
    try {
      const cli = captureIo(workspace.root, workspace.env);
      assert.equal(await main(['run', 'jobs/surveys.sfjob.json'], cli.io), 1);
      assert.match(cli.stderr(), /already running \(process \d+, run other/);
    } finally {
      await fs.rm(lock);
    }
  });
});
