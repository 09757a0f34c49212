import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, copyJob, fixtureUri, openChecked, readText, writeText } from './helpers';

async function hoverText(document: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hovers', () => {
  afterEach(closeAllEditors);

  it('shows the label and type of the dateField from cached describe data', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('"dateField": "CreatedDate"') + '"dateField": "Cr'.length);
    assert.match(text, /Created Date/);
    assert.match(text, /datetime/);
  });

  it('shows the label and type of a field inside the query', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('Status,') + 2);
    assert.match(text, /\*\*Status\*\* `Case.Status`/);
    assert.match(text, /picklist/);
  });

  it('shows the field behind a mapping source', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('"source": "Subject"') + '"source": "Su'.length);
    assert.match(text, /Subject/);
    assert.match(text, /string/);
  });

  it('shows the type the checker found for a filter', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'filtered.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('ChatDuration >') + 2);
    assert.match(text, /Gives true\/false/);
  });

  it('says what a SOQL keyword does inside the query, not what the query key is', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('WHERE') + 2);
    assert.match(text, /Conditions a record must meet/);
  });

  it('describes the FROM object from cached describe data', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const text = await hoverText(document, document.getText().indexOf('FROM Case') + 'FROM Ca'.length);
    assert.match(text, /`Case`: \d+ fields described/);
  });

  it('takes a query field\'s spelling and type from the sample when the object is not described', async () => {
    const uri = await copyJob('fields', 'hover-sample');
    await writeText(uri, (await readText(uri)).replace('"FROM Case"', '"FROM Feedback__c"'));
    const { document } = await openChecked(uri);
    const text = await hoverText(document, document.getText().indexOf('CreatedDate,') + 3);
    assert.match(text, /\*\*CreatedDate\*\*/);
    assert.match(text, /Holds a date-time, as spelled in the sample records \(hover-sample\.sample\.json\)/);
  });
});
