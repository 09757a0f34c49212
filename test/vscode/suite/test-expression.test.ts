import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TestExpressionResult } from '../../../src/vscode/expression/test-expression';
import { closeAllEditors, outputLogWith, workspaceUri } from './helpers';

describe('testing a filter on typed values, from its lens', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('shows "Test filter" on the filter key, and gives the result, the outcome and each part for the values given', async () => {
    const uri = workspaceUri('support-chats.sfjob.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const lens = lenses.find((candidate) => candidate.command?.command === 'sfjob.testExpression');
    assert.ok(lens?.command, `no Test filter lens among: ${lenses.map((l) => l.command?.title).join(', ')}`);
    assert.strictEqual(lens.command.title, 'Test filter');
    assert.match(document.lineAt(lens.range.start.line).text, /"filter"/);

    // The lens's own arguments, with the value a person would type into the box (ChatDuration > 30).
    const [lensUri, lensPath] = lens.command.arguments as [vscode.Uri, (string | number)[]];
    const kept = await vscode.commands.executeCommand<TestExpressionResult | undefined>('sfjob.testExpression', lensUri, lensPath, { ChatDuration: '45' });
    assert.ok(kept?.test.ok, JSON.stringify(kept?.test));
    assert.strictEqual(kept.test.value, true);
    assert.strictEqual(kept.test.outcome, 'kept');
    assert.ok(kept.test.parts.length > 1, 'each part of the expression is shown with its value');

    const dropped = await vscode.commands.executeCommand<TestExpressionResult | undefined>('sfjob.testExpression', lensUri, lensPath, { ChatDuration: '12' });
    assert.ok(dropped?.test.ok, JSON.stringify(dropped?.test));
    assert.strictEqual(dropped.test.value, false);
    assert.strictEqual(dropped.test.outcome, 'dropped');
    await outputLogWith(/Test expression \(support-chats\.sfjob\.json\)/);
  });
});
