import assert from 'node:assert/strict';
import { analyzeSoql } from '../../../../src/core/soql';

/** The one syntax problem of a query: the underlined text and the message. */
function syntaxProblem(query: string): { text: string; message: string } {
  const problems = analyzeSoql(query).problems.filter((p) => p.code === 'soql-syntax');
  assert.equal(problems.length, 1, `${query}: ${JSON.stringify(problems)}`);
  return { text: query.slice(problems[0].start, problems[0].end), message: problems[0].message };
}

describe('SOQL syntax errors', () => {
  it('points at a trailing comma in the SELECT list, not at FROM', () => {
    const query = 'SELECT Id, Subject, FROM Case';
    const problems = analyzeSoql(query).problems;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].start, query.lastIndexOf(','));
    assert.equal(query.slice(problems[0].start, problems[0].end), ',');
    assert.match(problems[0].message, /Remove this comma before 'FROM'/);
  });

  it('asks for a field name where a keyword stands in the SELECT list', () => {
    const { text, message } = syntaxProblem('SELECT Id, AND FROM Case');
    assert.equal(text, 'AND');
    assert.match(message, /expected a field name/);
  });

  it('points at the opening quote of a string that is never closed', () => {
    const query = "SELECT Id FROM Case WHERE Status = 'New";
    const { text, message } = syntaxProblem(query);
    assert.equal(text, "'");
    assert.equal(query.indexOf("'"), query.length - 4);
    assert.match(message, /never closed/);
  });

  it('points at a double-quoted string and shows it in single quotes', () => {
    const { text, message } = syntaxProblem('SELECT Id FROM Case WHERE Status = "New" LIMIT 5');
    assert.equal(text, '"New"');
    assert.match(message, /single quotes \('New'\)/);
  });

  it('points at a parenthesis that is never closed, not at the end of the query', () => {
    const { text, message } = syntaxProblem("SELECT Id FROM Case WHERE (Status = 'New' OR (Priority = 'High')");
    assert.equal(text, '(');
    assert.match(message, /never closed/);
  });

  it('points at a closing parenthesis that closes nothing', () => {
    const query = "SELECT Id FROM Case WHERE Status = 'New') LIMIT 5";
    const { text, message } = syntaxProblem(query);
    assert.equal(text, ')');
    assert.match(message, /closes no '\('/);
  });

  it('ignores parentheses inside strings when looking for unbalanced ones', () => {
    const { text } = syntaxProblem("SELECT Id FROM Case WHERE Subject = '(draft' AND");
    assert.equal(text, 'AND');
  });

  it('names a datetime without a time zone and underlines the whole literal', () => {
    const { text, message } = syntaxProblem('SELECT Id FROM Case WHERE CreatedDate > 2024-01-01T08:30:00 AND IsClosed = false');
    assert.equal(text, '2024-01-01T08:30:00');
    assert.match(message, /needs a time zone: add Z for UTC \(2024-01-01T08:30:00Z\)/);
  });

  it('accepts datetimes with Z or an offset', () => {
    assert.deepEqual(analyzeSoql('SELECT Id FROM Case WHERE CreatedDate > 2024-01-01T08:30:00Z AND ClosedDate < 2024-01-01T08:30:00.000+02:00').problems, []);
  });

  it('suggests quotes for a bare word where a value belongs', () => {
    const { text, message } = syntaxProblem('SELECT Id FROM Case WHERE Status = Closed');
    assert.equal(text, 'Closed');
    assert.match(message, /expected a value.*Text needs single quotes: 'Closed'/);
  });

  it('says a value is expected after a doubled operator', () => {
    const { text, message } = syntaxProblem('SELECT Id FROM Case WHERE Priority == 1');
    assert.equal(text, '=');
    assert.match(message, /expected a value/);
  });

  it('points at the wrong token inside a group, not at the parenthesis before it', () => {
    const query = "SELECT Id FROM Case WHERE Status IN (, 'Closed')";
    const { text, message } = syntaxProblem(query);
    assert.equal(text, ',');
    assert.match(message, /Remove this comma after '\(': no item comes before it/);
    assert.equal(syntaxProblem('SELECT Id FROM Case WHERE Id IN (WHERE SELECT CaseId FROM CaseComment)').text, 'WHERE');
  });

  it('points at a keyword out of order', () => {
    const { text, message } = syntaxProblem("SELECT Id FROM Case LIMIT 10 WHERE Status = 'x'");
    assert.equal(text, 'WHERE');
    assert.match(message, /the query should end before it/);
  });

  it('points at a misspelt SELECT and names the keyword', () => {
    const { text, message } = syntaxProblem('SELET Id FROM Case');
    assert.equal(text, 'SELET');
    assert.match(message, /did you mean SELECT\?/);
  });

  it('points at a word that is not SELECT', () => {
    const { text, message } = syntaxProblem('UPDATE Case SET Status = 1');
    assert.equal(text, 'UPDATE');
    assert.match(message, /expected SELECT/);
  });

  it('points at an alias after a plain field and suggests the missing comma', () => {
    const query = 'SELECT Id Subject, Status FROM Case';
    const { text, message } = syntaxProblem(query);
    assert.equal(text, 'Subject');
    assert.match(message, /add the missing comma: Id, Subject/);
  });

  it('does not take a number after a colon in a bad literal for a bind variable', () => {
    const { problems } = analyzeSoql('SELECT Id FROM Case WHERE CreatedDate > 2024-01-01T00:00:00');
    assert.deepEqual(problems.map((p) => p.code), ['soql-syntax']);
  });

  it('points at a semicolon at the end', () => {
    assert.equal(syntaxProblem('SELECT Id FROM Case;').text, ';');
  });
});
