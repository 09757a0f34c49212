import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';

const CONNECTIONS = '{\n  // The local org.\n  "connections": { "local": { "environmentUrl": "http://127.0.0.1:4510", "flow": "password", "clientId": "app", "username": "u@x.local" } },\n}\n';

/** A job with a misspelt keyword, a misspelt key and a misspelt connection, comments kept around them. */
const BROKEN_JOB = `{
  // Cases closed last week.
  "name": "Cases",
  "project": "Customer Care",
  "connection": "locl",
  "feedbackType": "feedback",
  "query": "SELECT Id, Subject, Description, CreatedDate FORM Case",
  "dateFeild": "CreatedDate",
  "mapping": { "fields": [{ "source": "Description", "type": "verbatim" }] }, /* trailing comma next */
}
`;

describe('sfjob validate --fix (the built CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-fix-'));
    fs.writeFileSync(path.join(dir, 'sfjob.connections.json'), CONNECTIONS);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('corrects each problem with one sure fix in the file, lists each change, and then reports the file clean', () => {
    const job = path.join(dir, 'cases.sfjob.json');
    fs.writeFileSync(job, BROKEN_JOB);
    const result = runCli(['validate', '--fix'], { cwd: dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const fixed = fs.readFileSync(job, 'utf8');
    assert.equal(fixed, BROKEN_JOB.replace('FORM', 'FROM').replace('"dateFeild"', '"dateField"').replace('"locl"', '"local"'));
    assert.match(result.stdout, /^cases\.sfjob\.json:7:\d+: fixed soql-syntax: Change to "FROM"/m);
    assert.match(result.stdout, /^cases\.sfjob\.json:8:3: fixed schema: Rename to "dateField"/m);
    assert.match(result.stdout, /^cases\.sfjob\.json:5:\d+: fixed unknown-connection: Use "local"/m);
    assert.match(result.stdout, /Fixed 3 problems in 1 file\./);
    assert.match(result.stdout, /2 files checked: no problems\./);
  });

  it('leaves a problem with no sure fix as it is and still exits 1 for it', () => {
    const job = path.join(dir, 'cases.sfjob.json');
    const text = BROKEN_JOB.replace('FORM', 'FROM').replace('"dateFeild"', '"dateField"').replace('"locl"', '"nowhere"');
    fs.writeFileSync(job, text);
    const result = runCli(['validate', '--fix', 'cases.sfjob.json'], { cwd: dir });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(fs.readFileSync(job, 'utf8'), text);
    assert.match(result.stdout, /nothing was changed/);
    assert.match(result.stdout, /error unknown-connection/);
  });

  it('keeps the JSON report on standard output parseable and lists the changes on standard error', () => {
    const job = path.join(dir, 'cases.sfjob.json');
    fs.writeFileSync(job, BROKEN_JOB);
    const result = runCli(['validate', '--fix', '--format', 'json', 'cases.sfjob.json'], { cwd: dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as { summary: { errors: number } };
    assert.equal(report.summary.errors, 0);
    assert.match(result.stderr, /Fixed 3 problems/);
  });
});
