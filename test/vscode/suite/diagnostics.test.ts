import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, codesOf, copyJob, diagnosticsWhen, fixtureUri, jsonServiceReported, openChecked, readText, withCode, workspaceUri, writeText } from './helpers';

describe('live diagnostics', () => {
  afterEach(closeAllEditors);

  it('flags GROUP BY at the GROUP BY words inside the query string', async () => {
    const { document, diagnostics } = await openChecked(fixtureUri('jobs', 'group-by.sfjob.json'), (d) => withCode(d, 'soql-group-by') !== undefined);
    const groupBy = withCode(diagnostics, 'soql-group-by');
    assert.ok(groupBy);
    assert.strictEqual(document.getText(groupBy.range), 'GROUP BY');
    assert.strictEqual(groupBy.severity, vscode.DiagnosticSeverity.Error);
    const code = groupBy.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /diagnostics\.md#soql-group-by$/);
  });

  it('reports each broken part of a job with its code and the smallest range', async () => {
    const { document, diagnostics } = await openChecked(fixtureUri('jobs', 'fields.sfjob.json'), (d) => d.length > 0);
    const codes = codesOf(diagnostics);
    for (const code of ['date-field-not-selected', 'fixed-field', 'field-case', 'field-not-selected']) assert.ok(codes.includes(code), `${code} missing from ${codes.join(', ')}`);
    assert.strictEqual(document.getText(withCode(diagnostics, 'field-case')?.range), '"subject"');
    assert.strictEqual(document.getText(withCode(diagnostics, 'date-field-not-selected')?.range), '"ClosedDate"');
  });

  it('reports nothing for a clean job', async () => {
    const { diagnostics } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    assert.deepStrictEqual(codesOf(diagnostics), []);
  });

  it('checks again as the job is edited', async () => {
    const uri = await copyJob('clean', 'edited');
    const { document } = await openChecked(uri);
    const at = document.getText().indexOf('"dateField": "CreatedDate"') + '"dateField": "'.length;
    const diagnostics = await diagnosticsWhen(uri, (d) => withCode(d, 'date-field-not-selected') !== undefined, async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 'CreatedDate'.length)), 'ClosedDate');
      await vscode.workspace.applyEdit(edit);
    });
    assert.strictEqual(document.getText(withCode(diagnostics, 'date-field-not-selected')?.range), '"ClosedDate"');
  });

  it('checks the job again when its sample file changes on disk', async () => {
    const uri = await copyJob('fields', 'sample-change');
    await openChecked(uri, (d) => withCode(d, 'field-case') !== undefined);
    const sample = fixtureUri('jobs', 'sample-change.sample.json');
    const lowerCased = (await readText(sample)).replace('"Subject"', '"subject"');
    const diagnostics = await diagnosticsWhen(uri, (d) => withCode(d, 'field-case') === undefined, () => writeText(sample, lowerCased));
    assert.ok(!codesOf(diagnostics).includes('field-case'));
  });

  it('checks the job again when one of its rule files changes on disk', async () => {
    const uri = workspaceUri('support-chats.sfjob.json');
    await openChecked(uri, (d) => d.length === 0);
    const rules = workspaceUri('rules', 'pii.redactions');
    const original = await readText(rules);
    try {
      const diagnostics = await diagnosticsWhen(uri, (d) => d.length > 0, () => writeText(rules, `${original}\n(unclosed\n`));
      assert.ok(codesOf(diagnostics).some((code) => code === 'rule-file' || code === 'regex-invalid'), codesOf(diagnostics).join(', '));
    } finally {
      await diagnosticsWhen(uri, (d) => d.length === 0, () => writeText(rules, original));
    }
  });

  it('checks the jobs again when a connection is renamed in the unsaved connections file', async () => {
    const job = fixtureUri('jobs', 'clean.sfjob.json');
    await openChecked(job, (d) => d.length === 0);
    const connections = await vscode.workspace.openTextDocument(fixtureUri('jobs', 'sfjob.connections.json'));
    const at = connections.getText().indexOf('"acme-prod"') + 1;
    const diagnostics = await diagnosticsWhen(job, (d) => withCode(d, 'unknown-connection') !== undefined, async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(connections.uri, new vscode.Range(connections.positionAt(at), connections.positionAt(at + 'acme-prod'.length)), 'acme-production');
      await vscode.workspace.applyEdit(edit);
    });
    assert.ok(withCode(diagnostics, 'unknown-connection'));
    await diagnosticsWhen(job, (d) => d.length === 0, async () => {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(connections.uri, new vscode.Range(connections.positionAt(at), connections.positionAt(at + 'acme-production'.length)), 'acme-prod');
      await vscode.workspace.applyEdit(undo);
    });
    assert.ok(await connections.save());
  });

  it('checks the connections file and flags a secret written in it', async () => {
    const { document, diagnostics } = await openChecked(fixtureUri('secret', 'sfjob.connections.json'), (d) => withCode(d, 'secret-in-file') !== undefined);
    const secret = withCode(diagnostics, 'secret-in-file');
    assert.ok(secret);
    assert.match(document.getText(secret.range), /^"9F3C2B1A/);
    assert.doesNotMatch(secret.message, /9F3C2B1A/);
  });

  it('clears the diagnostics of a job when its editor is closed', async () => {
    const uri = await copyJob('group-by', 'closed');
    await openChecked(uri, (d) => d.length > 0);
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length === 0) {
          subscription.dispose();
          resolve();
        }
      });
      void closeAllEditors();
    });
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('clears the diagnostics of a job that is deleted', async () => {
    const uri = await copyJob('group-by', 'deleted');
    await openChecked(uri, (d) => d.length > 0);
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length === 0) {
          subscription.dispose();
          resolve();
        }
      });
      void vscode.workspace.fs.delete(uri);
    });
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('underlines a misspelt keyword (FORM Case) on the keyword, not on the object after it', async () => {
    const uri = await copyJob('clean', 'form-typo');
    await writeText(uri, (await readText(uri)).replace('FROM Case', 'FORM Case'));
    const { document, diagnostics } = await openChecked(uri, (d) => withCode(d, 'soql-syntax') !== undefined);
    const syntax = diagnostics.filter((d) => withCode([d], 'soql-syntax'));
    assert.deepStrictEqual(syntax.map((d) => document.getText(d.range)), ['FORM']);
    assert.match(syntax[0].message, /did you mean FROM\?/);
  });

  it('links each code to its section of the docs shipped inside the extension', async () => {
    const { diagnostics } = await openChecked(fixtureUri('jobs', 'group-by.sfjob.json'), (d) => withCode(d, 'soql-group-by') !== undefined);
    const target = (withCode(diagnostics, 'soql-group-by')?.code as { target: vscode.Uri }).target;
    const extension = vscode.extensions.getExtension('sfjob.sfjob');
    assert.ok(extension);
    assert.strictEqual(target.fragment, 'soql-group-by');
    assert.strictEqual(target.with({ fragment: '' }).toString(), vscode.Uri.joinPath(extension.extensionUri, 'docs', 'diagnostics.md').toString());
    const docs = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' })));
    assert.match(docs, /^#+ .*soql-group-by/m);
  });

  it('reads job and connections files as JSON with comments, and reports a syntax mistake once', async () => {
    const uri = fixtureUri('jobs', 'commented.sfjob.json');
    const clean = await readText(fixtureUri('jobs', 'clean.sfjob.json'));
    // A comment, a trailing comma, and one mistake: the comma missing after "project".
    const text = clean.replace('{', '{\n  // Closed cases, loaded nightly.').replace('"Customer Care",', '"Customer Care"').replace(/\}\s*$/, '},\n}\n').replace('"mapping"', '/* what goes where */ "mapping"');
    await writeText(uri, text);
    const mistakeAt = text.indexOf('"connection"');
    const reported = jsonServiceReported(uri);
    const { document } = await openChecked(uri);
    assert.strictEqual(document.languageId, 'jsonc');
    const all = await reported;
    const position = document.positionAt(mistakeAt);
    const atMistake = all.filter((d) => d.range.contains(position) || d.range.start.isEqual(position));
    assert.strictEqual(atMistake.length, 1, JSON.stringify(all.map((d) => [d.source, d.message])));
    assert.ok(!all.some((d) => /comment|trailing comma/i.test(d.message)), JSON.stringify(all.map((d) => [d.source, d.message])));
    const connections = await vscode.workspace.openTextDocument(workspaceUri('sfjob.connections.json'));
    assert.strictEqual(connections.languageId, 'jsonc');
  });
});
