import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { suiteLog } from './log';
import { diagnosticsWhen, fixtureUri, sfjobApi } from './helpers';

describe('activation', () => {
  it('activates without loading the job validator and the SOQL parser', async () => {
    const api = await sfjobApi();
    suiteLog(`[measure] activation ms=${api.activationMs.toFixed(1)}`);
    suiteLog(`[measure] validator-preloaded-before-first-open=${api.jobValidatorLoaded()}`);
    assert.ok(api.activationMs < 1000, `activation took ${api.activationMs} ms`);
    assert.strictEqual(api.jobValidatorLoadedByActivation, false);
  });

  it('shows the first diagnostics of a job soon after it opens', async () => {
    const started = performance.now();
    let publishedAt: number | undefined;
    let shownAt = 0;
    const uri = fixtureUri('jobs', 'group-by.sfjob.json');
    // Two figures: when our diagnostics were published, and when the workbench had the editor on screen
    // (the web workbench's own time, which the extension cannot change).
    const diagnostics = await diagnosticsWhen(
      uri,
      (d) => {
        if (d.length > 0) publishedAt ??= performance.now();
        return d.length > 0;
      },
      async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        shownAt = performance.now();
      },
    );
    suiteLog(`[measure] first-diagnostics ms=${((publishedAt ?? Number.NaN) - started).toFixed(1)}`);
    suiteLog(`[measure] editor-shown ms=${(shownAt - started).toFixed(1)}`);
    assert.ok(diagnostics.length > 0);
    assert.strictEqual((await sfjobApi()).jobValidatorLoaded(), true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
