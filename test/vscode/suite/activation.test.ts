import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { suiteLog } from './log';
import { fixtureUri, openChecked, sfjobApi } from './helpers';

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
    const { diagnostics } = await openChecked(fixtureUri('jobs', 'group-by.sfjob.json'), (d) => d.length > 0);
    const elapsed = performance.now() - started;
    suiteLog(`[measure] first-diagnostics ms=${elapsed.toFixed(1)}`);
    assert.ok(diagnostics.length > 0);
    assert.strictEqual((await sfjobApi()).jobValidatorLoaded(), true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
