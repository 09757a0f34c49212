import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PreviewJobResult } from '../../../src/vscode/preview/preview-command';
import type { OpenExamplesResult } from '../../../src/vscode/walkthrough/open-examples';
import { closeAllEditors, fixtureUri, openChecked, readText, tabWhere, workspaceUri, writeText } from './helpers';

const previewTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('sfjob.preview'));

describe('the first hour: examples and the preview panel', function () {
  this.timeout(60_000);
  const copyParent = fixtureUri('first-hour');

  after(async () => {
    await closeAllEditors();
    fs.rmSync(copyParent.fsPath, { recursive: true, force: true });
  });

  it('Open Examples opens the example job where the workspace already has it', async () => {
    await closeAllEditors();
    const result = await vscode.commands.executeCommand<OpenExamplesResult | undefined>('sfjob.openExamples');
    assert.ok(result);
    assert.deepStrictEqual(result.copied, []);
    assert.strictEqual(result.job, workspaceUri('case-feedback.sfjob.json').fsPath);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, result.job);
  });

  it('Open Examples copies the shipped examples into sfjob-examples/, checks clean there, and never replaces a file', async () => {
    const result = await vscode.commands.executeCommand<OpenExamplesResult | undefined>('sfjob.openExamples', { parent: copyParent });
    assert.ok(result);
    const folder = vscode.Uri.joinPath(copyParent, 'sfjob-examples');
    assert.strictEqual(result.folder, folder.fsPath);
    for (const file of ['case-feedback.sfjob.json', 'case-feedback.sample.json', 'sfjob.connections.json', 'rules/pii.redactions']) assert.ok(result.copied.includes(file), `${file} was not copied: ${result.copied.join(', ')}`);
    assert.ok(result.copied.some((file) => /^\.sfjob\/describe\/[^/]+\/Case\.json$/.test(file)), 'the describe cache was not copied');
    assert.ok(!result.copied.some((file) => file.startsWith('broken/') || file.startsWith('out/') || /^\.sfjob\/(state|runs|locks)\//.test(file)), result.copied.join(', '));
    const job = vscode.Uri.joinPath(folder, 'case-feedback.sfjob.json');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, job.fsPath);
    // The schema reference pointed into the repository; the copy relies on the extension's association instead.
    assert.doesNotMatch(await readText(job), /"\$schema"/);
    await closeAllEditors();
    const { diagnostics } = await openChecked(job);
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message),
      [],
    );

    await writeText(job, '{ "edited": true }\n');
    const again = await vscode.commands.executeCommand<OpenExamplesResult | undefined>('sfjob.openExamples', { parent: copyParent });
    assert.deepStrictEqual(again?.copied, []);
    assert.strictEqual(await readText(job), '{ "edited": true }\n');
  });

  it('Preview is one panel: a second job shows in it, and it follows the job in the active editor', async () => {
    await closeAllEditors();
    const feedback = workspaceUri('case-feedback.sfjob.json');
    const chats = workspaceUri('support-chats.sfjob.json');
    await openChecked(feedback);
    const first = await vscode.commands.executeCommand<PreviewJobResult | undefined>('sfjob.previewJob', feedback);
    assert.strictEqual(first?.title, 'Preview: Closed cases');
    await openChecked(chats);
    const second = await vscode.commands.executeCommand<PreviewJobResult | undefined>('sfjob.previewJob', chats);
    assert.strictEqual(second?.title, 'Preview: Support chats');
    await tabWhere((tab) => tab.label === 'Preview: Support chats');
    assert.strictEqual(previewTabs().length, 1, `preview tabs: ${previewTabs().map((t) => t.label).join(', ')}`);

    // Showing the other job's editor again brings its documents into the same panel.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(feedback), vscode.ViewColumn.One);
    await tabWhere((tab) => tab.label === 'Preview: Closed cases');
    assert.strictEqual(previewTabs().length, 1);
  });

  it('a followed job that cannot be previewed says why in the panel, without a notification per switch', async () => {
    const broken = workspaceUri('broken', 'soql-group-by.sfjob.json');
    await openChecked(broken, (d) => d.length > 0);
    await tabWhere((tab) => tab.label === 'Preview: soql-group-by.sfjob.json');
    assert.strictEqual(previewTabs().length, 1);
  });
});
