import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { plural } from '../../../src/core/plural';
import type { EmulatorHandle } from '../../../src/emulator/index';
import type { ConnectionStatus } from '../../../src/salesforce/connections/status';
import type { ConnectionCheck } from '../../../src/salesforce/session/test-connection';
import type { RunReport } from '../../../src/runner/report';
import type { RunJobResult } from '../../../src/vscode/run/run-command';
import type { PreviewJobResult } from '../../../src/vscode/preview/preview-command';
import { closeAllEditors, openChecked, outputLogWith, sfjobApi, workspaceUri, tabWhere } from './helpers';
import { startLocalOrg, type LocalOrg } from './local-org';

/** Every file under a folder, with its text; binary files are read as latin1 so a secret still matches. */
function filesUnder(folder: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.push({ file, text: fs.readFileSync(file, 'latin1') });
  }
  return found;
}


describe('running and previewing a job against the local org emulator', function () {
  this.timeout(60_000);
  let org: LocalOrg;
  let emulator: EmulatorHandle;

  before(async () => {
    org = await startLocalOrg();
    emulator = org.emulator;
    await closeAllEditors();
  });

  after(async () => {
    await closeAllEditors();
    await org.close();
  });

  it('authorizes the local connection with the answers to its prompts, keeping the secrets in SecretStorage', async () => {
    const api = await sfjobApi();
    const prompts = api.answerNextPrompts(['local', emulator.clientSecret, emulator.password, '']);
    const check = await vscode.commands.executeCommand<ConnectionCheck | undefined>('sfjob.authorizeConnection');
    assert.ok(check, 'the authorization failed; see the sfjob output');
    assert.strictEqual(check.username, emulator.username);
    assert.strictEqual(prompts.asked.length, 4, prompts.asked.join(' | '));
    assert.match(prompts.asked[0], /Authorize Connection/);
    assert.match(prompts.asked[1], /"local": the connected app's consumer secret/);
    assert.match(prompts.asked[2], /"local": the integration user's password/);
    assert.match(prompts.asked[3], /security token/);

    const statuses = await vscode.commands.executeCommand<ConnectionStatus[]>('sfjob.showConnectionStatus');
    const local = statuses.find((status) => status.name === 'local');
    assert.ok(local?.ready, JSON.stringify(local));
    assert.deepStrictEqual(
      local.present.filter((p) => p.kind === 'clientSecret' || p.kind === 'password').map((p) => `${p.kind}: ${p.source}`),
      ["clientSecret: VS Code's secret storage", "password: VS Code's secret storage"],
    );
  });

  it('runs a job on that connection: output file, run report and the output channel agree', async () => {
    const job = workspaceUri('case-feedback.sfjob.json');
    await openChecked(job);
    const result = await vscode.commands.executeCommand<RunJobResult | undefined>('sfjob.runJob', job);
    assert.ok(result, 'the run did not start; see the sfjob output');
    assert.strictEqual(result.status, 'succeeded', result.report.error);
    assert.ok(result.report.retrieved > 0, 'the emulator returned no closed cases');

    const report = JSON.parse(fs.readFileSync(result.reportPath, 'utf8')) as RunReport;
    assert.deepStrictEqual(report, result.report);
    assert.ok(report.window?.until);
    assert.strictEqual(report.retrieved, report.written + report.filteredOut + Object.values(report.skipped).reduce((a, b) => a + (b ?? 0), 0));
    assert.ok(result.outputPath && fs.existsSync(result.outputPath));
    const csvLines = fs.readFileSync(result.outputPath, 'utf8').trimEnd().split('\n');
    assert.strictEqual(csvLines.length, report.written + 1, 'one CSV line per document, after the header');
    assert.strictEqual(report.output?.documents, report.written);

    const reportShown = vscode.workspace.asRelativePath(result.reportPath);
    const log = await outputLogWith(new RegExp(`report: ${reportShown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(log, /Run Job: case-feedback\.sfjob\.json \("Closed cases"\) on connection "local"/);
    assert.match(log, new RegExp(`retrieve: ${plural(report.retrieved, 'record')} in ${plural(report.pages, 'page')}`));
    assert.match(log, new RegExp(`filter: ${report.filteredOut} filtered out`));
    assert.match(log, new RegExp(`published: ${plural(report.written, 'document')}`));
    assert.match(log, /skipped: /);
    assert.match(log, new RegExp(`window: .*until ${report.window.until.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('previews a chat job in a webview: conversations as turns, redactions marked', async () => {
    const job = workspaceUri('support-chats.sfjob.json');
    await openChecked(job);
    const result = await vscode.commands.executeCommand<PreviewJobResult | undefined>('sfjob.previewJob', job);
    assert.ok(result, 'the preview did not open; see the sfjob output');
    assert.ok(result.documents > 0);
    assert.match(result.html, /<li class="turn p0">/);
    assert.match(result.html, /<li class="turn p1">/);
    assert.match(result.html, /<mark class="redacted">/);
    const preview = await tabWhere((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('sfjob.preview'));
    assert.strictEqual(preview.label, 'Preview: Support chats');
  });

  it('refuses to run or preview a job with errors, and says why in the output channel', async () => {
    const job = workspaceUri('broken', 'soql-group-by.sfjob.json');
    await openChecked(job, (d) => d.length > 0);
    assert.strictEqual(await vscode.commands.executeCommand('sfjob.runJob', job), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('sfjob.previewJob', job), undefined);
    const log = await outputLogWith(/Preview Job: broken\/soql-group-by\.sfjob\.json has errors/);
    assert.match(log, /broken\/soql-group-by\.sfjob\.json has errors; fix them first \(see the Problems panel\)/);
    assert.doesNotMatch(log, /Run Job: broken\/soql-group-by\.sfjob\.json \(/, 'a job with errors must not start a run');
  });

  it('keeps the secrets out of every file of the workspace and the profile, the output channel included', async () => {
    await outputLogWith(/Preview Job: support-chats\.sfjob\.json/);
    const secrets = [emulator.password, emulator.clientSecret];
    // The workspace and the profile (settings, state, logs); the extensions folder holds sfjob's own
    // docs, which name the emulator's well-known default password.
    const root = path.dirname(workspaceUri().fsPath);
    const files = [...filesUnder(workspaceUri().fsPath), ...filesUnder(path.join(root, 'user-data'))];
    const log = (await sfjobApi()).outputLog.fsPath;
    assert.ok(files.some((f) => f.file === log), `the output channel's log ${log} is not under ${root}`);
    for (const { file, text } of files) for (const secret of secrets) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 3)}…) is in ${file}`);
  });

  it('signs out of the connection: the secrets leave SecretStorage and a run no longer signs in', async () => {
    await closeAllEditors();
    const api = await sfjobApi();
    const prompts = api.answerNextPrompts(['local']);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('sfjob.forgetConnectionCredentials'), true);
    assert.deepStrictEqual(prompts.asked, ['sfjob: Sign Out Connection']);
    const statuses = await vscode.commands.executeCommand<ConnectionStatus[]>('sfjob.showConnectionStatus');
    const local = statuses.find((status) => status.name === 'local');
    assert.ok(local && !local.ready);
    assert.deepStrictEqual(local.present.filter((p) => p.source === "VS Code's secret storage"), []);
    const job = workspaceUri('case-feedback.sfjob.json');
    assert.strictEqual(await vscode.commands.executeCommand('sfjob.runJob', job), undefined);
    await outputLogWith(/Run Job: case-feedback\.sfjob\.json did not run: .*local/);
  });
});
