import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, runCli } from '../../helpers/cli';

interface JsonReport {
  files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
  summary: { errors: number; warnings: number };
}

describe('sfjob validate (the built CLI)', () => {
  it('exits 0 on the example workspace, skipping the folders its .sfjobignore names', () => {
    const result = runCli(['validate', 'examples']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /files checked: no problems\./);
  });

  it('reports, for each broken example, the code the file is named after, and exits 1', () => {
    const result = runCli(['validate', 'examples/broken', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    const named = fs.readdirSync(path.join(REPO_ROOT, 'examples', 'broken')).filter((f) => f.endsWith('.sfjob.json'));
    assert.ok(named.length >= 15, `expected a broken example per code, found ${named.length}`);
    for (const file of named) {
      // A code found across files has a pair: <code>.sfjob.json and <code>.<twin>.sfjob.json.
      const code = file.replace(/\..*$/, '');
      const entry = report.files.find((f) => f.path === `examples/broken/${file}`);
      assert.ok(entry, `no report for ${file}`);
      assert.ok(entry.diagnostics.some((d) => d.code === code), `${file} did not report ${code}: ${JSON.stringify(entry.diagnostics.map((d) => d.code))}`);
    }
    assert.ok(report.summary.errors > 0);
  });

  it('prints text lines with 1-based positions that point at the GROUP BY words', () => {
    const file = 'examples/broken/soql-group-by.sfjob.json';
    const result = runCli(['validate', file]);
    const line = result.stdout.split('\n').find((l) => l.includes('soql-group-by'));
    assert.ok(line, result.stdout);
    const [, lineNo, col] = /^[^:]+:(\d+):(\d+):/.exec(line) ?? [];
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n')[Number(lineNo) - 1];
    assert.match(text.slice(Number(col) - 1), /^GROUP\s+BY/i);
  });

  it('writes SARIF to a file with --output and still prints the text summary', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-sarif-'));
    try {
      const out = path.join(dir, 'report.sarif');
      const result = runCli(['validate', 'examples/broken/fixed-field.sfjob.json', '--format', 'sarif', '--output', out]);
      assert.equal(result.status, 1);
      const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(sarif.runs[0].results[0].ruleId, 'fixed-field');
      assert.match(result.stdout, /fixed-field/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats a missing path, an unknown option and an unreadable file as bad usage (exit 2) with a clear message', () => {
    const missing = runCli(['validate', 'no/such/job.sfjob.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no\/such\/job\.sfjob\.json: no such file or folder/);
    assert.doesNotMatch(missing.stderr, /\n\s+at /, 'no stack trace');

    const badFlag = runCli(['validate', '--colour']);
    assert.equal(badFlag.status, 2);
    assert.match(badFlag.stderr, /Unknown option '--colour'/);

    const badFormat = runCli(['validate', 'examples', '--format', 'xml']);
    assert.equal(badFormat.status, 2);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-unreadable-'));
    try {
      const job = path.join(dir, 'a.sfjob.json');
      fs.mkdirSync(job); // a folder named like a job: found, but not a readable file
      const empty = runCli(['validate', dir]);
      assert.equal(empty.status, 2);
      assert.match(empty.stderr, /no \*\.sfjob\.json files found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts globs and finds nothing outside them', () => {
    const result = runCli(['validate', 'examples/*-chats.sfjob.json', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path), ['examples/support-chats.sfjob.json']);
  });
});

describe('sfjob schema (the built CLI)', () => {
  it('prints exactly the checked-in job schema, and the connections schema with --connections', () => {
    const job = runCli(['schema']);
    assert.equal(job.status, 0, job.stderr);
    assert.equal(job.stdout, fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'sfjob.schema.json'), 'utf8'));
    const connections = runCli(['schema', '--connections']);
    assert.equal(connections.stdout, fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'sfjob.connections.schema.json'), 'utf8'));
  });
});
