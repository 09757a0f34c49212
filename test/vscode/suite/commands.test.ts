import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, copyJob, diagnosticsWhen, fixtureUri, openChecked, sfjobApi } from './helpers';

interface PackageJson {
  contributes: { commands: { command: string }[] };
}

describe('commands', () => {
  afterEach(closeAllEditors);

  it('registers every command package.json contributes', async () => {
    await sfjobApi();
    const manifest = vscode.extensions.getExtension('sfjob.sfjob')?.packageJSON as PackageJson;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) assert.ok(registered.has(command), `${command} is not registered`);
  });

  for (const feedbackType of ['feedback', 'chat', 'sms'] as const) {
    it(`New Job writes a ${feedbackType} job with no errors`, async () => {
      const name = `New ${feedbackType} job`;
      const expected = fixtureUri('jobs', `new-${feedbackType}-job.sfjob.json`);
      const diagnostics = await diagnosticsWhen(expected, () => true, () => vscode.commands.executeCommand('sfjob.newJob', { feedbackType, name, folder: fixtureUri('jobs') }));
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString());
      assert.deepStrictEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
      assert.match(vscode.window.activeTextEditor.document.getText(), /"connection": "acme-prod"/);
    });
  }

  it('Show Date Field Candidates lists the selected date fields and sets the chosen one', async () => {
    const uri = await copyJob('fields', 'candidates');
    const { document } = await openChecked(uri);
    const candidates = await vscode.commands.executeCommand<string[]>('sfjob.showDateFieldCandidates', { apply: 'CreatedDate' });
    assert.deepStrictEqual(candidates, ['CreatedDate', 'LastModifiedDate']);
    assert.match(document.getText(), /"dateField": "CreatedDate"/);
  });

  it('Open Job Schema opens the JSON schema of job files', async () => {
    await vscode.commands.executeCommand('sfjob.openJobSchema');
    assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /schemas\/sfjob\.schema\.json$/);
  });

  it('shows the Validate Query, Fetch Sample, Preview and Run Job lenses above the query', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)).filter((l) => l.command?.command.startsWith('sfjob.'));
    assert.deepStrictEqual(
      lenses.map((l) => [l.command?.command, l.command?.title]),
      [
        ['sfjob.validateQuery', 'Validate Query'],
        ['sfjob.fetchSample', 'Fetch Sample'],
        ['sfjob.previewJob', 'Preview'],
        ['sfjob.runJob', 'Run Job'],
      ],
    );
    const queryLine = document.getText().split('\n').findIndex((line) => line.includes('"query"'));
    for (const lens of lenses) {
      assert.strictEqual(lens.range.start.line, queryLine);
      assert.strictEqual((lens.command?.arguments?.[0] as vscode.Uri).toString(), document.uri.toString());
    }
  });
});
