import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from '../../helpers/cli';

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A workspace holding the example connections and one job whose query is the given one. */
function validateQuery(query: string | string[]): { status: number | null; diagnostics: JsonDiagnostic[]; text: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-soql-'));
  try {
    fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'sfjob.connections.json'), path.join(dir, 'sfjob.connections.json'));
    const job = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'case-feedback.sfjob.json'), 'utf8')) as Record<string, unknown>;
    delete job.$schema;
    const text = JSON.stringify({ ...job, query }, null, 2);
    fs.writeFileSync(path.join(dir, 'job.sfjob.json'), text);
    const result = runCli(['validate', path.join(dir, 'job.sfjob.json'), '--format', 'json']);
    const report = JSON.parse(result.stdout) as { files: { diagnostics: JsonDiagnostic[] }[] };
    return { status: result.status, diagnostics: report.files[0].diagnostics, text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function textAt(text: string, d: JsonDiagnostic): string {
  const lines = text.split('\n');
  assert.equal(d.range.start.line, d.range.end.line);
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

const SELECT = 'SELECT Id, CaseNumber, Subject, Description, Origin, Priority, ClosedDate FROM Case';

describe('sfjob validate on SOQL (the built CLI)', () => {
  it('passes USING SCOPE mine_and_my_groups and FROM with two objects', () => {
    const scoped = validateQuery(`${SELECT} USING SCOPE mine_and_my_groups WHERE Status = 'Closed'`);
    assert.equal(scoped.status, 0, JSON.stringify(scoped.diagnostics));
    const joined = validateQuery(`${SELECT.replace('FROM Case', 'FROM Case c, c.Account a')} WHERE a.Name != null`);
    assert.equal(joined.status, 0, JSON.stringify(joined.diagnostics));
  });

  it('reports a mix of AND and OR on the OR of an array-of-lines query', () => {
    const result = validateQuery([SELECT, "WHERE Status = 'Closed' AND Priority = 'High'", "   OR Origin = 'Web'"]);
    assert.equal(result.status, 1);
    const [syntax] = result.diagnostics.filter((d) => d.code === 'soql-syntax');
    assert.equal(textAt(result.text, syntax), 'OR');
    assert.match(syntax.message, /AND and OR at the same level need parentheses/);
  });

  it('reports FORM on FORM with the keyword it resembles, and a trailing comma on the comma', () => {
    const typo = validateQuery(SELECT.replace('FROM', 'FORM'));
    const [syntax] = typo.diagnostics.filter((d) => d.code === 'soql-syntax');
    assert.equal(textAt(typo.text, syntax), 'FORM');
    assert.match(syntax.message, /did you mean FROM\?/);

    const comma = validateQuery(SELECT.replace(' FROM', ', FROM'));
    const [trailing] = comma.diagnostics.filter((d) => d.code === 'soql-syntax');
    assert.equal(textAt(comma.text, trailing), ',');
  });

  it('reports an aggregate inside FORMAT as soql-aggregate', () => {
    const result = validateQuery(SELECT.replace('ClosedDate FROM', 'ClosedDate, FORMAT(MIN(CreatedDate)) FROM'));
    const [aggregate] = result.diagnostics.filter((d) => d.code === 'soql-aggregate');
    assert.equal(textAt(result.text, aggregate), 'FORMAT(MIN(CreatedDate))');
  });
});
