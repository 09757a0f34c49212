import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('the extension host', () => {
  it('opens the example workspace', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length);
  });
});
