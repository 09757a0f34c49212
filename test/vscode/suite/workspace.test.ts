import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsWhen, fixtureUri, openChecked, writeText } from './helpers';

/** What a person sees of a diagnostic, in the CLI's 0-based JSON terms. */
function seen(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .sort();
}

/** The built CLI: the suite runs from out/test/vscode/suite. */
const CLI = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

/** The same, from `sfjob validate --format json` on the disk's files. */
function seenByCli(uri: vscode.Uri, folder: vscode.Uri): string[] {
  const result = spawnSync(process.execPath, [CLI, 'validate', uri.fsPath, '--format', 'json'], { cwd: folder.fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const report = JSON.parse(result.stdout) as { files: { diagnostics: { code: string; message: string; range: vscode.Range }[] }[] };
  return report.files[0].diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
}

function describeOf(name: string, fields: Record<string, string>): string {
  return JSON.stringify({ name, label: name, queryable: true, fields: Object.entries(fields).map(([field, type]) => ({ name: field, label: field, type, filterable: true, groupable: true })) });
}

describe('the job workspace in the editor', function () {
  this.timeout(60_000);
  // A workspace of its own: a connections file with two connections, each with its own org cached.
  const folder = fixtureUri('two-orgs');

  before(async () => {
    const connection = { environmentUrl: 'http://127.0.0.1:9', flow: 'password', clientId: 'c', username: 'u@example.com' };
    await writeText(vscode.Uri.joinPath(folder, 'sfjob.connections.json'), JSON.stringify({ connections: { prod: connection, sandbox: connection } }));
    for (const [org, connection, extra] of [
      ['00DPROD', 'prod', 'ProdOnly__c'],
      ['00DSAND', 'sandbox', 'SandboxOnly__c'],
    ]) {
      const dir = vscode.Uri.joinPath(folder, '.sfjob', 'describe', org);
      await writeText(vscode.Uri.joinPath(dir, '_cache.json'), JSON.stringify({ orgId: org, connections: [connection], objects: { Case: { fetchedAt: new Date().toISOString(), apiVersion: '62.0' } } }));
      await writeText(vscode.Uri.joinPath(dir, 'Case.json'), describeOf('Case', { Id: 'id', CreatedDate: 'datetime', Subject: 'string', [extra]: 'string' }));
    }
  });
  afterEach(closeAllEditors);
  after(() => fs.rmSync(folder.fsPath, { recursive: true, force: true }));

  function job(connection: string, query: string, extra: Record<string, unknown> = {}): string {
    return `${JSON.stringify({ name: 'two orgs', project: 'p', connection, feedbackType: 'feedback', query, dateField: 'CreatedDate', ...extra }, null, 2)}\n`;
  }

  it("judges a job by its own connection's org only, as sfjob validate does", async () => {
    const uri = vscode.Uri.joinPath(folder, 'on-sandbox.sfjob.json');
    await writeText(uri, job('sandbox', 'SELECT Id, ProdOnly__c, SandboxOnly__c, CreatedDate FROM Case'));
    const { diagnostics } = await openChecked(uri, (d) => d.length > 0);
    assert.deepStrictEqual(seen(diagnostics), seenByCli(uri, folder));
    assert.ok(seen(diagnostics).some((line) => line.startsWith('unknown-field') && line.includes('ProdOnly__c')), seen(diagnostics).join('\n'));
  });

  it('sees an unsaved sample as sfjob validate sees it once saved', async () => {
    const uri = vscode.Uri.joinPath(folder, 'mapped.sfjob.json');
    const sampleUri = vscode.Uri.joinPath(folder, 'mapped.sample.json');
    await writeText(uri, job('prod', 'SELECT Id, Subject, CreatedDate FROM Case', { mapping: { fields: [{ source: 'Subject', type: 'verbatim' }] } }));
    await writeText(sampleUri, JSON.stringify([{ Id: '500', Subject: 'hi', CreatedDate: '2026-01-01T00:00:00.000Z' }]));
    await openChecked(uri);
    const sample = await vscode.workspace.openTextDocument(sampleUri);
    const edited = JSON.stringify([{ Id: '500', subject: 'hi', CreatedDate: '2026-01-01T00:00:00.000Z' }]);
    const diagnostics = await diagnosticsWhen(
      uri,
      (d) => d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'field-case'),
      async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(sampleUri, new vscode.Range(sample.positionAt(0), sample.positionAt(sample.getText().length)), edited);
        await vscode.workspace.applyEdit(edit);
      },
    );
    assert.ok(sample.isDirty, 'the sample edit is not saved yet');
    assert.ok(await sample.save());
    assert.deepStrictEqual(seen(diagnostics), seenByCli(uri, folder));
  });
});
