import assert from 'node:assert/strict';
import { orgErrorDiagnostic, readableText } from '../../../src/core/org-errors';
import { LineIndex } from '../../../src/core/text';

/** The job text covered by a diagnostic's range. */
function covered(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function salesforceMessage(statement: string, row: number, column: number, sentence: string): string {
  const line = statement.split('\n')[row - 1];
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${sentence}`;
}

describe('orgErrorDiagnostic', () => {
  it('maps Row and Column onto a one-line query string, past \\" and \\u escapes', () => {
    const text = '{ "query": "SELECT Id FROM Case WHERE Subject = \'\\"caf\\u00e9\\"\' AND Bad__c = 1", "dateField": "CreatedDate" }';
    const statement = `SELECT Id FROM Case WHERE Subject = '"café"' AND Bad__c = 1`;
    const column = statement.indexOf('Bad__c') + 1;
    const diagnostic = orgErrorDiagnostic(text, { errorCode: 'INVALID_FIELD', message: salesforceMessage(statement, 1, column, "No such column 'Bad__c' on entity 'Case'."), statement: 'query' });
    assert.equal(covered(text, diagnostic.range), 'Bad__c');
    assert.equal(diagnostic.code, 'org-error');
    assert.deepEqual(diagnostic.data, { errorCode: 'INVALID_FIELD', name: 'Bad__c' });
    assert.equal(diagnostic.message, "Salesforce rejected the query: INVALID_FIELD: No such column 'Bad__c' on entity 'Case'.");
  });

  it('maps a later Row onto the matching line of an array query', () => {
    const text = ['{', '  "query": [', '    "SELECT Id,", ', '    "  Name FROM Accountt"', '  ]', '}'].join('\n');
    const statement = 'SELECT Id,\n  Name FROM Accountt';
    const diagnostic = orgErrorDiagnostic(text, { errorCode: 'INVALID_TYPE', message: salesforceMessage(statement, 2, 13, "sObject type 'Accountt' is not supported."), statement: 'query' });
    assert.equal(covered(text, diagnostic.range), 'Accountt');
    assert.equal(diagnostic.range.start.line, 3);
  });

  it('covers the word at the position when Salesforce names nothing', () => {
    const text = '{"query": "SELECT Id Name, FROM Case"}';
    const diagnostic = orgErrorDiagnostic(text, { errorCode: 'MALFORMED_QUERY', message: salesforceMessage('SELECT Id Name, FROM Case', 1, 17, "unexpected token: 'FROM'"), statement: 'query' });
    assert.equal(covered(text, diagnostic.range), 'FROM');
  });

  it('keeps a position past the end of the statement at the end of its line', () => {
    const text = '{"query": "SELECT Id FROM Case WHERE"}';
    const diagnostic = orgErrorDiagnostic(text, { errorCode: 'MALFORMED_QUERY', message: salesforceMessage('SELECT Id FROM Case WHERE', 1, 26, "unexpected token: '<EOF>'"), statement: 'query' });
    assert.equal(text.slice(new LineIndex(text).offsetAt(diagnostic.range.start)), '"}');
  });

  it('finds the named field when there is no Row and Column, inside a relationship path too', () => {
    const text = '{"query": "SELECT Id, Account.Nme FROM Contact"}';
    const diagnostic = orgErrorDiagnostic(text, { errorCode: 'INVALID_FIELD', message: "No such column 'Nme' on entity 'Account'.", statement: 'query' });
    assert.equal(covered(text, diagnostic.range), 'Nme');
  });

  it('puts an error of the composed window on the dateField, and an unplaceable one on the whole query', () => {
    const text = '{"query": "SELECT Id, Reply__c FROM Case", "dateField": "Reply__c"}';
    const window = orgErrorDiagnostic(text, { errorCode: 'INVALID_FIELD', message: salesforceMessage('SELECT COUNT() FROM Case WHERE Reply__c < 2026-01-01T00:00:00Z', 1, 32, "field 'Reply__c' can not be filtered in a query call"), statement: 'window' });
    assert.equal(covered(text, window.range), '"Reply__c"');
    const unknown = orgErrorDiagnostic(text, { errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.', statement: 'query' });
    assert.equal(covered(text, unknown.range), '"SELECT Id, Reply__c FROM Case"');
  });

  it('reads the sentence after the caret as the message', () => {
    assert.equal(readableText(salesforceMessage('SELECT X FROM Case', 1, 8, "No such column 'X'\non entity 'Case'.")), "No such column 'X' on entity 'Case'.");
    assert.equal(readableText('  plain   text '), 'plain text');
  });
});
