import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openChecked } from './helpers';

async function labelsAt(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function offsetAfter(document: vscode.TextDocument, marker: string): number {
  const at = document.getText().indexOf(marker);
  assert.ok(at >= 0, `${marker} not found`);
  return at + marker.length;
}

describe('completions', () => {
  afterEach(closeAllEditors);

  it('offers the date fields the query selects inside dateField', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'fields.sfjob.json'));
    const labels = await labelsAt(document, offsetAfter(document, '"dateField": "'));
    assert.ok(labels.includes('CreatedDate') && labels.includes('LastModifiedDate'), labels.join(', '));
  });

  it('offers the selected fields, in the case of the sample, as a mapping source', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'fields.sfjob.json'));
    const labels = await labelsAt(document, offsetAfter(document, '{ "source": "'));
    for (const field of ['Subject', 'Description', 'CreatedDate']) assert.ok(labels.includes(field), `${field} missing from ${labels.join(', ')}`);
  });

  it('offers objects after FROM and fields and keywords elsewhere in the query', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const afterFrom = await labelsAt(document, offsetAfter(document, 'FROM '));
    assert.ok(afterFrom.includes('Case'), afterFrom.join(', '));
    const inSelect = await labelsAt(document, offsetAfter(document, 'SELECT '));
    assert.ok(inSelect.includes('CaseNumber'), 'a field of Case from the describe cache');
    assert.ok(inSelect.includes('WHERE'), 'a SOQL keyword');
  });
});
