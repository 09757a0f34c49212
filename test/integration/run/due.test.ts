import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { listFiles } from '../../unit/runner/helpers';
import { emulatorWorkspace, TestWorkspace } from '../salesforce/workspace';
import { captureIo } from './live-org';
import { dailyFarFromNow, SURVEY_JOB as BASE } from '../../helpers/due-jobs';

describe('sfjob run --due', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 2, chats: 0, sms: 0, surveys: 120 } });
    workspace = emulatorWorkspace(emulator);
    const write = (name: string, job: object) => fs.writeFile(path.join(workspace.root, 'jobs', name), JSON.stringify(job, null, 2));
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    await write('adhoc.sfjob.json', { ...BASE, name: 'Ad hoc' });
    await write('fresh.sfjob.json', { ...BASE, name: 'Fresh', schedule: dailyFarFromNow({ pullOnCreate: true }) });
    await write('waiting.sfjob.json', { ...BASE, name: 'Waiting', schedule: dailyFarFromNow() });
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  it('runs the jobs that are due and leaves the others alone', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', '--due'], cli.io);
    assert.equal(code, 0, cli.stderr());
    assert.match(cli.stdout(), /jobs\/adhoc\.sfjob\.json: not due \(its schedule mode is "once"/);
    assert.match(cli.stdout(), /jobs\/fresh\.sfjob\.json: due \(it has never run and its schedule pulls on creation\); running/);
    assert.match(cli.stdout(), /jobs\/waiting\.sfjob\.json: not due \(it has not run yet; its first run is at /);
    assert.match(cli.stdout(), /1 of 3 jobs due and run\./);
    const files = await listFiles(workspace.root);
    assert.ok(files.some((file) => file.startsWith('out/jobs/fresh/')), files.join('\n'));
    assert.ok(!files.some((file) => file.startsWith('out/jobs/adhoc/') || file.startsWith('out/jobs/waiting/')), files.join('\n'));
  });

  it('finds nothing due right after, and prints one JSON object with --format json', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', '--due', 'jobs', '--format', 'json'], cli.io);
    assert.equal(code, 0, cli.stderr());
    const result = JSON.parse(cli.stdout());
    assert.deepEqual(result.runs, []);
    assert.deepEqual(result.notDue.map((entry: { path: string }) => entry.path), ['jobs/adhoc.sfjob.json', 'jobs/fresh.sfjob.json', 'jobs/waiting.sfjob.json']);
    const fresh = result.notDue.find((entry: { path: string }) => entry.path === 'jobs/fresh.sfjob.json');
    assert.ok(Date.parse(fresh.lastRun) <= Date.now() && Date.parse(fresh.scheduledAt) > Date.now(), JSON.stringify(fresh));
  });

  it('runs a due job as a report in the JSON, and fails when a job has errors', async () => {
    await fs.writeFile(path.join(workspace.root, 'jobs', 'second.sfjob.json'), JSON.stringify({ ...BASE, name: 'Second', schedule: dailyFarFromNow({ pullOnCreate: true }) }));
    await fs.writeFile(path.join(workspace.root, 'jobs', 'broken.sfjob.json'), JSON.stringify({ ...BASE, name: 'Broken', dateField: 'Nope__c', schedule: dailyFarFromNow({ pullOnCreate: true }) }));
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', '--due', '--format', 'json'], cli.io);
    assert.equal(code, 1);
    const result = JSON.parse(cli.stdout());
    assert.deepEqual(result.runs.map((report: { job: string; status: string }) => [report.job, report.status]), [['jobs/second', 'succeeded']]);
    assert.equal(result.runs[0].written, emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true).length);
    assert.deepEqual(result.notRun, [{ path: 'jobs/broken.sfjob.json', reason: 'the job has errors' }]);
    assert.match(cli.stderr(), /broken\.sfjob\.json has errors/);
  });

  it('goes on to the other due jobs when one cannot reach its org, and fails at the end', async () => {
    workspace.writeConnections({
      local: { environmentUrl: emulator.url, clientId: emulator.clientId, flow: 'clientCredentials' },
      elsewhere: { environmentUrl: emulator.url, clientId: emulator.clientId, flow: 'clientCredentials' },
    } as never);
    const folder = path.join(workspace.root, 'more');
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'a-unreachable.sfjob.json'), JSON.stringify({ ...BASE, connection: 'elsewhere', name: 'Unreachable', schedule: dailyFarFromNow({ pullOnCreate: true }) }));
    await fs.writeFile(path.join(folder, 'b-reachable.sfjob.json'), JSON.stringify({ ...BASE, name: 'Reachable', schedule: dailyFarFromNow({ pullOnCreate: true }) }));
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', '--due', 'more', '--format', 'json'], cli.io), 1);
    const result = JSON.parse(cli.stdout());
    assert.deepEqual(result.runs.map((report: { job: string; status: string }) => [report.job, report.status]), [['more/b-reachable', 'succeeded']]);
    assert.equal(result.notRun.length, 1);
    assert.equal(result.notRun[0].path, 'more/a-unreachable.sfjob.json');
    assert.match(result.notRun[0].reason, /SFJOB_ELSEWHERE_CLIENT_SECRET|secret/i);
  });

  it('is bad usage when a path given to --due does not exist, or when a plain run names no job', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', '--due', 'nowhere'], cli.io), 2);
    assert.match(cli.stderr(), /nowhere: no such file or folder/);
    const bare = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run'], bare.io), 2);
    assert.match(bare.stderr(), /--due to run the jobs that are due/);
  });
});
