import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDueJobs, type DueJobEvent } from '../../../src/app/run-due';
import { runJobFile } from '../../../src/app/run';
import { sampleJob } from '../../../src/app/sample';
import { signIn } from '../../../src/app/sign-in';
import { JobFileError } from '../../../src/app/use-case';
import { validateQuery } from '../../../src/app/validate-query';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { TestWorkspace } from '../../integration/salesforce/workspace';
import { listFiles } from '../runner/helpers';
import { startEchoingOrg, type EchoingOrg } from './echoing-org';
import { dailyFarFromNow, SURVEY_JOB as BASE } from '../../helpers/due-jobs';

/**
 * The run and run-due use cases over real HTTP: the emulator, behind an org that counts what it is
 * sent and can echo the caller's token back in an error.
 */
describe('the run use cases (against the emulator)', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let org: EchoingOrg;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 2, chats: 0, sms: 0, surveys: 600 } });
    org = await startEchoingOrg(emulator.url);
    workspace = new TestWorkspace({ local: { environmentUrl: org.url, clientId: emulator.clientId, flow: 'clientCredentials' } as never }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
  });
  after(async () => {
    await org.close();
    await emulator.close();
    workspace.remove();
  });
  afterEach(() => {
    org.echo = false;
    org.reset();
  });

  function write(name: string, job: object): string {
    const file = path.join(workspace.root, 'jobs', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(job, null, 2));
    return file;
  }

  const options = () => ({ secrets: workspace.secrets(), env: workspace.env });

  /** Every planted secret: the client secret and each bearer token the org was sent. */
  function secrets(): string[] {
    return [emulator.clientSecret, ...org.tokens()];
  }

  function assertHidden(what: string, text: string): void {
    for (const secret of secrets()) assert.ok(!text.includes(secret), `${what} holds a secret:\n${text}`);
  }

  it('runs a job and returns its outcome, report written and counts filled', async () => {
    const file = write('surveys.sfjob.json', { ...BASE, name: 'Surveys' });
    const outcome = await runJobFile(file, options());
    assert.equal(outcome.status, 'ran');
    if (outcome.status !== 'ran') return;
    assert.equal(outcome.run.status, 'succeeded', outcome.run.report.error);
    assert.equal(outcome.failed, false);
    assert.ok(outcome.run.report.retrieved > 400, `read ${outcome.run.report.retrieved} records`);
    assert.equal(outcome.run.report.written, outcome.run.report.retrieved);
    assert.ok(fs.existsSync(outcome.run.reportPath));
  });

  it('does not send a job whose problems block a run, and writes nothing', async () => {
    const file = write('broken.sfjob.json', { ...BASE, name: 'Broken', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c WHERE' });
    const before = await listFiles(workspace.root);
    const outcome = await runJobFile(file, options());
    assert.equal(outcome.status, 'blocked');
    assert.ok(outcome.status === 'blocked' && outcome.diagnostics.some((d) => d.code === 'soql-syntax' && d.severity === 'error'));
    assert.equal(org.requests(), 0, 'nothing reached the org');
    assert.deepEqual(await listFiles(workspace.root), before);
  });

  it('tells a job file that cannot be read from a job with errors', async () => {
    await assert.rejects(runJobFile(path.join(workspace.root, 'jobs', 'missing.sfjob.json'), options()), (error: unknown) => error instanceof JobFileError && /does not exist/.test(error.message));
  });

  it('stops a run cleanly when its signal is aborted: a stopped report, the state left as it was', async () => {
    const file = write('stopped.sfjob.json', { ...BASE, name: 'Stopped' });
    const controller = new AbortController();
    let progressEvents = 0;
    const outcome = await runJobFile(file, {
      ...options(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type !== 'progress') return;
        progressEvents += 1;
        controller.abort();
      },
    });
    assert.ok(progressEvents >= 1, 'the run got under way before it was stopped');
    assert.equal(outcome.status, 'ran');
    if (outcome.status !== 'ran') return;
    assert.equal(outcome.run.status, 'stopped', JSON.stringify(outcome.run.report));
    assert.equal(outcome.failed, true);
    assert.ok(outcome.run.report.retrieved <= 200, `read ${outcome.run.report.retrieved} records, more than the first page`);
    const files = await listFiles(workspace.root);
    assert.ok(!files.some((f) => f.startsWith('out/jobs/stopped/')), `nothing published:\n${files.join('\n')}`);
    assert.ok(!files.some((f) => f.includes('.sfjob/state/') && f.includes('stopped')), `no state saved:\n${files.join('\n')}`);
    // The next run starts from the beginning and reads everything.
    const again = await runJobFile(file, options());
    assert.ok(again.status === 'ran' && again.run.status === 'succeeded' && again.run.report.retrieved > 400 && again.run.report.state.before.seenIds === 0, JSON.stringify(again.status === 'ran' ? again.run.report : again));
  });

  it('never lets a token the org echoes back out of a run, an online check, a sample or a sign-in', async () => {
    const file = write('echoed.sfjob.json', { ...BASE, name: 'Echoed' });
    org.echo = true;
    const ran = await runJobFile(file, options());
    assert.equal(ran.status, 'ran');
    if (ran.status !== 'ran') return;
    assert.equal(ran.run.status, 'failed');
    assert.ok(org.tokens().length > 0, 'the org was sent a token');
    assert.match(ran.run.report.error ?? '', /refused for session/);
    assertHidden('the run outcome', JSON.stringify(ran.run));
    assertHidden('the run report file', fs.readFileSync(ran.run.reportPath, 'utf8'));

    const checked = await validateQuery(file, options());
    assert.ok(checked.diagnostics.some((d) => /refused for session/.test(d.message)), JSON.stringify(checked.diagnostics));
    assertHidden('the online check', JSON.stringify(checked.diagnostics));

    await assert.rejects(sampleJob(file, { ...options(), limit: 2 }), (error: Error) => {
      assertHidden('the sample error', `${error.message}\n${error.stack ?? ''}`);
      return /refused for session/.test(error.message);
    });
    assert.ok(!fs.existsSync(file.replace('.sfjob.json', '.sample.json')), 'no sample written');

    const due = await runDueJobs([file], options());
    assertHidden('the due runs', JSON.stringify(due));
    const signed = await signIn('local', { ...options(), workspaceRoot: workspace.root, mode: 'check' });
    assertHidden('the sign-in', JSON.stringify(signed));
  });

  it('runs the due jobs one after the other, telling each one\'s fate as it comes', async () => {
    const fresh = write('due/fresh.sfjob.json', { ...BASE, name: 'Fresh', schedule: dailyFarFromNow({ pullOnCreate: true }) });
    const waiting = write('due/waiting.sfjob.json', { ...BASE, name: 'Waiting', schedule: dailyFarFromNow() });
    const adhoc = write('due/adhoc.sfjob.json', { ...BASE, name: 'Ad hoc' });
    const broken = write('due/broken.sfjob.json', { ...BASE, name: 'Broken', query: 'SELECT FROM' });
    const events: DueJobEvent[] = [];
    const now = new Date();
    const summary = await runDueJobs([adhoc, broken, fresh, waiting], { ...options(), now, onJob: (event) => events.push(event) });
    assert.deepEqual(
      events.map((event) => [event.kind, path.basename(event.jobPath)]),
      [
        ['not-due', 'adhoc.sfjob.json'],
        ['blocked', 'broken.sfjob.json'],
        ['starting', 'fresh.sfjob.json'],
        ['ran', 'fresh.sfjob.json'],
        ['not-due', 'waiting.sfjob.json'],
      ],
    );
    assert.equal(summary.checkedAt, now);
    assert.deepEqual(summary.runs.map((report) => report.status), ['succeeded']);
    assert.deepEqual(summary.notDue.map((job) => path.basename(job.jobPath)), ['adhoc.sfjob.json', 'waiting.sfjob.json']);
    assert.deepEqual(summary.notRun, [{ jobPath: broken, reason: 'the job has errors' }]);
    assert.equal(summary.failed, true, 'a job with errors fails the batch');
  });

  it('leaves the remaining due jobs alone once the batch is stopped', async () => {
    const first = write('batch/first.sfjob.json', { ...BASE, name: 'First', schedule: dailyFarFromNow({ pullOnCreate: true }) });
    const second = write('batch/second.sfjob.json', { ...BASE, name: 'Second', schedule: dailyFarFromNow({ pullOnCreate: true }) });
    const controller = new AbortController();
    const summary = await runDueJobs([first, second], { ...options(), signal: controller.signal, onJob: (event) => event.kind === 'ran' && controller.abort() });
    assert.equal(summary.runs.length, 1);
    assert.deepEqual(summary.notRun.map((job) => path.basename(job.jobPath)), ['second.sfjob.json']);
    assert.equal(summary.failed, true);
  });
});
