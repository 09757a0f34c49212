import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, codesOf, copyJob, diagnosticsWhen, fixtureUri, openChecked, readText, withCode, writeText } from './helpers';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

/** Applies the quick fix titled `title` for the diagnostic with `code`, and waits for the check that follows. */
async function applyFix(uri: vscode.Uri, code: string, title: RegExp, message?: RegExp): Promise<vscode.Diagnostic[]> {
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => withCode([d], code) && (!message || message.test(d.message)));
  assert.ok(diagnostic, `no ${code} diagnostic to fix`);
  // The diagnostics reach the workbench a moment after the extension host has them, and the workbench
  // passes only the diagnostics it knows to the provider: ask again until they have arrived.
  let actions = await quickFixes(uri, diagnostic.range);
  for (let attempt = 0; actions.length === 0 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actions = await quickFixes(uri, diagnostic.range);
  }
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no quick fix matching ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = (d: vscode.Diagnostic) => withCode([d], code) && d.range.isEqual(diagnostic.range) && d.message === diagnostic.message;
  return diagnosticsWhen(uri, (d) => !d.some(fixed), async () => {
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  });
}

describe('quick fixes', () => {
  afterEach(closeAllEditors);

  it('changes a mapped field to the exact case of the sample', async () => {
    const uri = await copyJob('fields', 'fix-case');
    const { document } = await openChecked(uri, (d) => withCode(d, 'field-case') !== undefined);
    await applyFix(uri, 'field-case', /"Subject"/);
    assert.match(document.getText(), /"source": "Subject"/);
  });

  it('sets the dateField to a date field the query selects', async () => {
    const uri = await copyJob('fields', 'fix-date');
    const { document } = await openChecked(uri, (d) => withCode(d, 'date-field-not-selected') !== undefined);
    await applyFix(uri, 'date-field-not-selected', /Use "LastModifiedDate"/);
    assert.match(document.getText(), /"dateField": "LastModifiedDate"/);
  });

  it('adds the dateField to the SELECT list inside the query string', async () => {
    const uri = await copyJob('fields', 'fix-date-select');
    const { document } = await openChecked(uri, (d) => withCode(d, 'date-field-not-selected') !== undefined);
    await applyFix(uri, 'date-field-not-selected', /Add ClosedDate to the SELECT list/);
    assert.match(document.getText(), /LastModifiedDate, ClosedDate", "FROM Case"/);
  });

  it('adds a mapped field to the SELECT list, escaping for JSON', async () => {
    const uri = await copyJob('fields', 'fix-select');
    const { document } = await openChecked(uri, (d) => withCode(d, 'field-not-selected') !== undefined);
    const diagnostics = await applyFix(uri, 'field-not-selected', /Add Origin to the SELECT list/);
    assert.match(document.getText(), /LastModifiedDate, Origin", "FROM Case"/);
    assert.ok(!codesOf(diagnostics).includes('json-syntax'));
  });

  it('removes a fixed field from the mapping', async () => {
    const uri = await copyJob('fields', 'fix-fixed');
    const { document } = await openChecked(uri, (d) => withCode(d, 'fixed-field') !== undefined);
    const diagnostics = await applyFix(uri, 'fixed-field', /Remove "feedback_provider"/);
    assert.doesNotMatch(document.getText(), /feedback_provider/);
    assert.ok(!codesOf(diagnostics).includes('json-syntax'));
  });

  it('moves a secret from the connections file into secret storage', async () => {
    const uri = fixtureUri('secret', 'moved', 'sfjob.connections.json');
    await writeText(uri, await readText(fixtureUri('secret', 'sfjob.connections.json')));
    const { document } = await openChecked(uri, (d) => withCode(d, 'secret-in-file') !== undefined);
    const diagnostics = await applyFix(uri, 'secret-in-file', /secret storage/);
    assert.doesNotMatch(document.getText(), /clientSecret|9F3C2B1A/);
    assert.ok(!codesOf(diagnostics).includes('json-syntax'));
    // The connection now finds its secret where the connection commands look for it.
    assert.ok(await document.save());
    const statuses = await vscode.commands.executeCommand<{ name: string; present: { kind: string; source: string }[] }[]>('sfjob.showConnectionStatus');
    const sandbox = statuses?.find((s) => s.name === 'acme-sandbox');
    assert.deepStrictEqual(sandbox?.present, [{ kind: 'clientSecret', source: "VS Code's secret storage" }]);
  });

  /** A private copy of the clean job with one change to its text, opened once its check reports `code`. */
  async function brokenCopy(copyName: string, change: (text: string) => string, code: string): Promise<{ uri: vscode.Uri; document: vscode.TextDocument }> {
    const uri = await copyJob('clean', copyName);
    await writeText(uri, change(await readText(uri)));
    const { document } = await openChecked(uri, (d) => withCode(d, code) !== undefined);
    return { uri, document };
  }

  it('replaces a misspelt SOQL keyword with the keyword', async () => {
    const { uri, document } = await brokenCopy('fix-keyword', (t) => t.replace('FROM Case', 'FORM Case'), 'soql-syntax');
    await applyFix(uri, 'soql-syntax', /Change to "FROM"/);
    assert.match(document.getText(), /CreatedDate FROM Case WHERE/);
  });

  it('replaces an unknown field with the field the describe data has', async () => {
    const { uri, document } = await brokenCopy('fix-field', (t) => t.replace('SELECT Id, Subject,', 'SELECT Id, Subjet,'), 'unknown-field');
    await applyFix(uri, 'unknown-field', /Change to "Subject"/);
    assert.match(document.getText(), /SELECT Id, Subject, Status/);
  });

  it('replaces an unknown object with the object the describe data has', async () => {
    const { uri, document } = await brokenCopy('fix-object', (t) => t.replace('FROM Case', 'FROM Cse'), 'unknown-object');
    await applyFix(uri, 'unknown-object', /Change to "Case"/);
    assert.match(document.getText(), /FROM Case WHERE/);
  });

  it('replaces an unknown SOQL function with the closest one', async () => {
    const { uri, document } = await brokenCopy('fix-function', (t) => t.replace('Status, CreatedDate', 'toLabl(Status), CreatedDate'), 'soql-syntax');
    await applyFix(uri, 'soql-syntax', /Change to "toLabel"/);
    assert.match(document.getText(), /toLabel\(Status\)/);
  });

  it('renames a misspelt key and changes a misspelt choice', async () => {
    const { uri, document } = await brokenCopy('fix-key', (t) => t.replace('"dateField"', '"dateFeild"'), 'schema');
    await applyFix(uri, 'schema', /Rename to "dateField"/, /Unknown key/);
    assert.match(document.getText(), /"dateField": "CreatedDate"/);
    const choice = await brokenCopy('fix-choice', (t) => t.replace('"feedbackType": "feedback"', '"feedbackType": "feedbak"'), 'schema');
    await applyFix(choice.uri, 'schema', /Change to "feedback"/);
    assert.match(choice.document.getText(), /"feedbackType": "feedback"/);
  });

  it('sets the dateField to a date field the query selects when it holds no dates', async () => {
    const { uri, document } = await brokenCopy('fix-date-type', (t) => t.replace('"dateField": "CreatedDate"', '"dateField": "Status"'), 'date-field-not-date');
    await applyFix(uri, 'date-field-not-date', /Use "CreatedDate" as the dateField/);
    assert.match(document.getText(), /"dateField": "CreatedDate"/);
  });
});
