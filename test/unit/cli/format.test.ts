import { strict as assert } from 'node:assert';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { formatReports, parseFormat, type FileReport } from '../../../src/cli/format';
import { compileGlob } from '../../../src/cli/glob';

const groupBy: Diagnostic = {
  code: 'soql-group-by',
  severity: 'error',
  message: 'GROUP BY is not supported, because "rows": aggregates',
  range: { start: { line: 4, character: 40 }, end: { line: 4, character: 48 } },
};
const notInSample: Diagnostic = {
  code: 'field-not-in-sample',
  severity: 'warning',
  message: 'Status__c is not in the sample records.',
  range: { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } },
};
const reports: FileReport[] = [
  { path: 'jobs/a b.sfjob.json', diagnostics: [groupBy, notInSample], query: { object: 'Case', fields: [{ path: 'Id', start: 7, end: 9 }], dateFieldCandidates: ['CreatedDate'] } },
  { path: 'jobs/clean.sfjob.json', diagnostics: [] },
];

describe('CLI output formats', () => {
  it('prints text lines as path:line:col with 1-based positions, in reading order, and a summary', () => {
    const lines = formatReports(reports, 'text', '1.0.0').trimEnd().split('\n');
    assert.equal(lines[0], 'jobs/a b.sfjob.json:2:3: warning field-not-in-sample: Status__c is not in the sample records.');
    assert.equal(lines[1], `jobs/a b.sfjob.json:5:41: error soql-group-by: ${groupBy.message}`);
    assert.equal(lines[2], '2 files checked: 1 error, 1 warning.');
  });

  it('prints JSON with 0-based ranges, query facts and a summary', () => {
    const body = JSON.parse(formatReports(reports, 'json', '1.0.0'));
    assert.deepEqual(body.summary, { errors: 1, warnings: 1 });
    assert.deepEqual(body.files[0].diagnostics[1].range, groupBy.range);
    assert.deepEqual(body.files[0].query, { object: 'Case', fields: ['Id'], dateFieldCandidates: ['CreatedDate'] });
    assert.equal(body.files[1].query, undefined);
  });

  it('prints SARIF 2.1.0 whose regions are 1-based with an exclusive end column and whose rules are the codes used', () => {
    const sarif = JSON.parse(formatReports(reports, 'sarif', '1.2.3'));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['field-not-in-sample', 'soql-group-by']);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'soql-group-by');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 41, endLine: 5, endColumn: 49 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'jobs/a%20b.sfjob.json');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'soql-group-by');
  });

  it('gives each SARIF rule its help text and the shipped docs section, and no link that resolves nowhere', () => {
    const text = formatReports(reports, 'sarif', '1.2.3');
    const rules = JSON.parse(text).runs[0].tool.driver.rules as { id: string; help: { text: string } }[];
    for (const rule of rules) assert.match(rule.help.text, new RegExp(`docs/diagnostics\\.md#${rule.id}\\b`));
    const links = [...text.matchAll(/"(https?:[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(links, ['https://json.schemastore.org/sarif-2.1.0.json']);
  });

  it('escapes workflow-command characters in GitHub annotations', () => {
    const withNewline: Diagnostic = { ...groupBy, message: '50% done\nnext: line' };
    const out = formatReports([{ path: 'x,y:z.sfjob.json', diagnostics: [withNewline] }], 'github', '1');
    assert.match(out, /^::error file=x%2Cy%3Az\.sfjob\.json,line=5,col=41,endLine=5,endColumn=49,title=sfjob soql-group-by::50%25 done%0Anext: line$/m);
  });

  it('keeps every text diagnostic on one line, with control characters escaped and no line GitHub reads as a command', () => {
    const forged: Diagnostic = { ...groupBy, message: 'Unknown key "x\n::error file=README.md::forged\u001b[31m\u202e"' };
    const out = formatReports([{ path: '::warning::evil\n.sfjob.json', diagnostics: [forged] }], 'text', '1');
    const [line] = out.split('\n');
    assert.equal(line, './::warning::evil\\n.sfjob.json:5:41: error soql-group-by: Unknown key "x\\n::error file=README.md::forged\\u001b[31m\\u202e"');
  });

  it('escapes ANSI and bidirectional controls in GitHub annotations and keeps JSON exact', () => {
    const colored: Diagnostic = { ...groupBy, message: 'a\u001b[2Jb\u202ec' };
    assert.match(formatReports([{ path: 'a.sfjob.json', diagnostics: [colored] }], 'github', '1'), /::a\\u001b\[2Jb\\u202ec$/m);
    assert.equal(JSON.parse(formatReports([{ path: 'a.sfjob.json', diagnostics: [colored] }], 'json', '1')).files[0].diagnostics[0].message, colored.message);
  });

  it('refuses an unknown format as bad usage', () => {
    assert.throws(() => parseFormat('xml'), /--format must be one of text, json, sarif, github/);
  });
});

describe('compileGlob', () => {
  it('matches ** across folders, including none, and * within one folder', () => {
    const matches = compileGlob('**/*.sfjob.json');
    assert.ok(matches('a.sfjob.json'));
    assert.ok(matches('x/y/a.sfjob.json'));
    assert.ok(!matches('x/a.sfjob.jsonc'));
    assert.ok(!compileGlob('*.sfjob.json')('x/a.sfjob.json'));
    assert.ok(compileGlob('{a,b}.sfjob.json')('b.sfjob.json'));
  });

  it('matches names starting with a dot, character classes, ranges and folder names', () => {
    assert.ok(compileGlob('*.sfjob.json')('.hidden.sfjob.json'));
    assert.ok(compileGlob('team-[ab]/**')('team-a/x/y.sfjob.json'));
    assert.ok(!compileGlob('team-[ab]/**')('team-c/y.sfjob.json'));
    assert.ok(compileGlob('v{1..3}.sfjob.json')('v2.sfjob.json'));
    assert.ok(compileGlob('broken')('broken'));
    assert.ok(!compileGlob('broken')('broken-not'));
  });

  it('answers a pattern with many stars against a long name in linear time', () => {
    const matches = compileGlob('*a*a*a*a*a*a*b');
    const started = process.hrtime.bigint();
    assert.ok(!matches('a'.repeat(4000)));
    assert.ok(matches(`${'a'.repeat(4000)}b`));
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
  });

  it('refuses a glob longer than any real one', () => {
    assert.throws(() => compileGlob('*'.repeat(501)), /longer than 500 characters/);
  });
});
