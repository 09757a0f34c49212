import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ConnectionStatus } from '../../../src/salesforce/connections/status';
import type { LocalOrgStarted } from '../../../src/vscode/connections/local-org';
import type { ValidateQueryResult } from '../../../src/vscode/online/validate-query';
import type { ShownNotice } from '../../../src/vscode/prompts';
import type { ConnectionStatusSnapshot } from '../../../src/vscode/status-bar';
import type { RunJobResult } from '../../../src/vscode/run/run-command';
import { closeAllEditors, openChecked, outputLogWith, readText, sfjobApi, workspaceUri, writeText } from './helpers';
import { startLocalOrg } from './local-org';

/** A port nothing listens on: the OS hands out a free one, which is closed again at once. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The notification shown since `before` that `accept` takes. */
async function lastNotice(before: number, accept: (notice: ShownNotice) => boolean = () => true): Promise<ShownNotice> {
  const shown = (await sfjobApi()).notifications().slice(before);
  const notice = [...shown].reverse().find(accept);
  assert.ok(notice, `no such notification among: ${shown.map((n) => `${n.kind}: ${n.message} [${n.buttons.join(', ')}]`).join(' | ')}`);
  return notice;
}

/** The status bar item once it shows what `accept` takes: now, or at one of its next updates. */
async function statusWhere(accept: (state: ConnectionStatusSnapshot) => boolean, what: string): Promise<ConnectionStatusSnapshot> {
  const api = await sfjobApi();
  if (accept(api.connectionStatus())) return api.connectionStatus();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the status bar item never showed ${what}: ${JSON.stringify(api.connectionStatus())}`));
    }, 15_000);
    const subscription = api.onDidUpdateConnectionStatus((state) => {
      if (!accept(state)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(state);
    });
  });
}

async function signOut(connection: string): Promise<void> {
  assert.strictEqual(await vscode.commands.executeCommand<boolean>('sfjob.forgetConnectionCredentials', connection), true);
}

describe('editor commands that reach the org: every failure offers its fix, every command ends visibly', function () {
  this.timeout(90_000);
  const connections = workspaceUri('sfjob.connections.json');
  // A job of its own (a copy of the example), so its run state does not touch the example's.
  const job = workspaceUri('flow-cases.sfjob.json');
  let original: string;

  before(async () => {
    original = await readText(connections);
    await writeText(job, await readText(workspaceUri('case-feedback.sfjob.json')));
    await closeAllEditors();
    await signOut('local');
  });

  after(async () => {
    await closeAllEditors();
    await signOut('local');
    await writeText(connections, original);
    fs.rmSync(job.fsPath, { force: true });
    for (const folder of ['.sfjob/state/flow-cases.json', '.sfjob/runs/flow-cases', 'out/flow-cases']) fs.rmSync(workspaceUri(...folder.split('/')).fsPath, { recursive: true, force: true });
  });

  it('Validate Query without a sign-in fails with Authorize Connection; authorizing runs the query check again', async () => {
    const org = await startLocalOrg();
    try {
      const api = await sfjobApi();
      await openChecked(job);
      const before = api.notifications().length;
      api.answerNextPrompts([org.emulator.clientSecret, org.emulator.password, '']);
      api.chooseNextButtons(['Authorize Connection']);
      const first = await vscode.commands.executeCommand<ValidateQueryResult | undefined>('sfjob.validateQuery', job);
      assert.strictEqual(first, undefined, 'the first check cannot sign in');
      const failed = await lastNotice(before, (n) => n.kind === 'error');
      assert.match(failed.message, /Validate Query: flow-cases\.sfjob\.json: Connection "local" \(password flow\) needs/);
      assert.ok(failed.buttons.includes('Authorize Connection'), failed.buttons.join(', '));
      assert.ok(failed.buttons.includes('Start Local Org'), 'the local connection is also offered the local org');
      assert.ok(failed.buttons.includes('Show Log'));
      const retried = (await failed.followUp) as ValidateQueryResult | undefined;
      assert.ok(retried?.org, 'after the authorization the query check ran again and the org accepted the query');
      assert.deepStrictEqual(retried.orgErrors, []);
      const accepted = await lastNotice(before, (n) => /Salesforce accepted the query/.test(n.message));
      assert.deepStrictEqual(accepted.buttons, ['Show Log']);
    } finally {
      await signOut('local');
      await org.close();
    }
  });

  it('Start Local Org starts the org on the connection\'s port and signs the connection in through secret storage; the failed command runs again', async () => {
    const api = await sfjobApi();
    const port = await freePort();
    await writeText(connections, original.replace('http://127.0.0.1:4510', `http://127.0.0.1:${port}`));
    await openChecked(job);
    const before = api.notifications().length;
    api.chooseNextButtons(['Start Local Org']);
    assert.strictEqual(await vscode.commands.executeCommand('sfjob.validateQuery', job), undefined);
    const failed = await lastNotice(before, (n) => n.kind === 'error');
    assert.strictEqual(failed.buttons[0], 'Start Local Org');
    const retried = (await failed.followUp) as ValidateQueryResult | undefined;
    assert.ok(retried?.org, 'after the local org started, the query check ran again against it');

    // A second start finds it running and keeps it.
    const again = await vscode.commands.executeCommand<LocalOrgStarted | undefined>('sfjob.startLocalOrg', 'local');
    assert.deepStrictEqual(again, { connection: 'local', url: `http://127.0.0.1:${port}`, started: false });
    const statuses = await vscode.commands.executeCommand<ConnectionStatus[]>('sfjob.showConnectionStatus');
    const local = statuses.find((s) => s.name === 'local');
    assert.ok(local?.ready, JSON.stringify(local));
    // The demo credentials are in secret storage only: never in a workspace file.
    for (const secret of ['local-client-secret', 'local-password']) assert.ok(!(await readText(connections)).includes(secret));
  });

  it('the status bar names the active job\'s connection and its state, and its click offers that connection\'s actions', async () => {
    const api = await sfjobApi();
    await vscode.window.showTextDocument(job);
    let state = await statusWhere((s) => s.connection === 'local' && s.state !== undefined, 'the state of "local"');
    assert.strictEqual(state.state, 'signed in', state.text);
    assert.strictEqual(state.text, '$(pass) local: signed in');
    assert.deepStrictEqual(state.command, { command: 'sfjob.showConnectionStatus', arguments: ['local'] });
    if (!state.command) return;

    const before = api.notifications().length;
    const prompts = api.answerNextPrompts(['Test Connection']);
    await vscode.commands.executeCommand(state.command.command, ...state.command.arguments);
    assert.match(prompts.asked[0] ?? '', /connection "local" \(signed in\)/);
    const tested = await lastNotice(before, (n) => /connection "local" works/.test(n.message));
    assert.strictEqual(tested.kind, 'info');

    await signOut('local');
    state = await statusWhere((s) => s.state === 'missing sign-in', '"local: missing sign-in"');
    assert.strictEqual(state.text, '$(key) local: missing sign-in');
    assert.match(state.tooltip, /missing/);
  });

  it('Run Job ends with its counts and buttons to the output, the report and the log', async () => {
    const api = await sfjobApi();
    const before = api.notifications().length;
    // The failure's button, then Start Local Org's own notification (left alone), then the run's.
    api.chooseNextButtons(['Start Local Org', undefined, 'Open Output']);
    assert.strictEqual(await vscode.commands.executeCommand('sfjob.runJob', job), undefined, 'the run cannot sign in after the sign-out');
    const failed = await lastNotice(before, (n) => n.kind === 'error');
    assert.match(failed.message, /Run Job: flow-cases\.sfjob\.json did not run/);
    const result = (await failed.followUp) as RunJobResult | undefined;
    assert.ok(result, 'the run started again after the fix');
    assert.strictEqual(result.status, 'succeeded', result.report.error);
    const done = await lastNotice(before, (n) => n.message.includes('"Closed cases" read'));
    assert.match(done.message, new RegExp(`read ${result.report.retrieved} records?, published ${result.report.written} documents?, \\d+ skipped`));
    assert.deepStrictEqual(done.buttons, ['Open Output', 'Open Report', 'Show Log']);
    const opened = (await done.followUp) as vscode.Uri | undefined;
    assert.strictEqual(opened?.fsPath, result.outputPath);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, result.outputPath);

    // Open Run Report finds the job's latest report by itself.
    const report = await vscode.commands.executeCommand<vscode.Uri | undefined>('sfjob.openRunReport', job);
    assert.strictEqual(report?.fsPath, result.reportPath);
    const output = await vscode.commands.executeCommand<vscode.Uri | undefined>('sfjob.openRunOutput', job);
    assert.strictEqual(output?.fsPath, result.outputPath);
    assert.ok(result.outputPath && fs.existsSync(result.outputPath));
  });

  it('names the editor\'s commands in its messages, never a CLI command it does not offer', async () => {
    const api = await sfjobApi();
    const missingSample = workspaceUri('flow-no-sample.sfjob.json');
    await writeText(missingSample, (await readText(job)).replace('"dateField": "ClosedDate",', '"dateField": "ClosedDate",\n  "sample": "nowhere.sample.json",'));
    try {
      const { diagnostics } = await openChecked(missingSample, (d) => d.some((x) => /nowhere\.sample\.json/.test(x.message)));
      const message = diagnostics.find((d) => /nowhere\.sample\.json/.test(d.message))?.message ?? '';
      assert.match(message, /"sfjob: Fetch Sample"/);
      assert.doesNotMatch(message, /"sfjob sample/);
    } finally {
      fs.rmSync(missingSample.fsPath, { force: true });
    }
    for (const notice of api.notifications()) assert.doesNotMatch(notice.message, /"sfjob (auth|sample|emulator|describe|validate)\b/, notice.message);
    const log = await outputLogWith(/Start Local Org/);
    assert.doesNotMatch(log, /"sfjob (auth|sample|emulator|describe)\b/);
  });

  it('Show Log shows the sfjob log', async () => {
    await vscode.commands.executeCommand('sfjob.showLog');
    await outputLogWith(/activated in/);
  });
});
