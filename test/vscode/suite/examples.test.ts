import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, codesOf, jsonServiceReported, openChecked, withCode, workspaceUri } from './helpers';

/**
 * examples/broken holds one job per diagnostic code, named after it. Each must show that code in the
 * editor, on a non-empty range inside the file. The describe-based codes use the suite's describe cache.
 */
describe('the broken examples', () => {
  afterEach(closeAllEditors);

  it('shows, for each broken example, the code it is named after', async () => {
    const files = (await vscode.workspace.fs.readDirectory(workspaceUri('broken'))).map(([name]) => name).filter((name) => name.endsWith('.sfjob.json'));
    assert.ok(files.length >= 15, `only ${files.length} broken examples`);
    const missing: string[] = [];
    for (const file of files.sort()) {
      // A code found across files has a pair (<code>.sfjob.json, <code>.<twin>.sfjob.json); output-collision
      // compares several jobs, which "sfjob validate" does and the editor, checking one file, does not.
      const code = file.replace(/\..*$/, '');
      if (code === 'output-collision') continue;
      if (code === 'json-syntax') {
        // In the editor a syntax mistake is VS Code's JSON service's to report, once.
        const uri = workspaceUri('broken', file);
        const reported = jsonServiceReported(uri);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const all = await reported;
        if (!all.some((d) => d.severity === vscode.DiagnosticSeverity.Error)) missing.push(`${file}: no syntax error shown`);
        continue;
      }
      const { document, diagnostics } = await openChecked(workspaceUri('broken', file), (d) => d.length > 0);
      const named = withCode(diagnostics, code);
      if (!named) {
        missing.push(`${file}: ${codesOf(diagnostics).join(', ')}`);
        continue;
      }
      assert.ok(document.validateRange(named.range).isEqual(named.range), `${file}: range outside the file`);
      assert.ok(!named.range.isEmpty, `${file}: empty range`);
    }
    assert.deepStrictEqual(missing, []);
  });

  it('reports nothing for the example jobs a newcomer opens first', async () => {
    for (const file of ['case-feedback.sfjob.json', 'support-chats.sfjob.json', 'sms-conversations.sfjob.json', 'survey-feedback.sfjob.json']) {
      const { diagnostics } = await openChecked(workspaceUri(file));
      assert.deepStrictEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${file}: ${d.message}`), []);
    }
  });
});
