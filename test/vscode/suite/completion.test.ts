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

  it('offers objects after FROM, and after SELECT the fields not selected yet and functions, never AND, ASC or ELSE', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const afterFrom = await labelsAt(document, offsetAfter(document, 'FROM '));
    assert.ok(afterFrom.includes('Case'), afterFrom.join(', '));
    assert.ok(!afterFrom.includes('Subject'), afterFrom.join(', '));
    const inSelect = await labelsAt(document, offsetAfter(document, 'SELECT '));
    assert.ok(inSelect.includes('CaseNumber'), 'a field of Case from the describe cache');
    assert.ok(inSelect.includes('toLabel'), 'a function');
    for (const absent of ['Subject', 'Status', 'AND', 'ASC', 'ELSE', 'WHERE']) assert.ok(!inSelect.includes(absent), `${absent} offered after SELECT: ${inSelect.join(', ')}`);
  });

  it('offers fields after WHERE, operators after a field, and AND/OR after a condition', async () => {
    const { document } = await openChecked(fixtureUri('jobs', 'clean.sfjob.json'));
    const afterWhere = await labelsAt(document, offsetAfter(document, 'WHERE '));
    assert.ok(afterWhere.includes('Priority') && !afterWhere.includes('='), afterWhere.join(', '));
    const afterField = await labelsAt(document, offsetAfter(document, 'WHERE Status '));
    assert.ok(afterField.includes('=') && afterField.includes('LIKE') && !afterField.includes('Priority'), afterField.join(', '));
    const afterCondition = await labelsAt(document, offsetAfter(document, "'Closed'"));
    assert.ok(afterCondition.includes('AND') && afterCondition.includes('ORDER BY'), afterCondition.join(', '));
  });
});
