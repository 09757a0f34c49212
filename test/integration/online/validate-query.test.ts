import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openJobWorkspace } from '../../../src/core/workspace';
import { fileSystemAccess } from '../../../src/store/fs-access';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { connect } from '../../../src/salesforce/connect';
import { readDescribeCache } from '../../../src/store/describe-cache';
import { checkJobOnline } from '../../../src/salesforce/online/check-job';
import { validateQueryOnline } from '../../../src/salesforce/online/validate-query';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { TestWorkspace } from '../salesforce/workspace';
import { exampleJobs, examplesWorkspace, sfjob, textAt } from './helpers';

interface JsonReport {
  files: { path: string; diagnostics: (Diagnostic & { range: Diagnostic['range'] })[]; query?: { object: string | null; org?: Record<string, any> } }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  summary: { errors: number; warnings: number };
}

function job(query: string | string[], dateField = 'CreatedDate'): string {
  return `${JSON.stringify({ name: 'Online check', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query, dateField, mapping: { fields: [{ source: 'Id', type: 'text' }] } }, null, 2)}\n`;
}

describe('validate-query against the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 60, chats: 4, sms: 4, surveys: 30 } });
    workspace = examplesWorkspace(emulator);
    session = await connect('local', { workspaceRoot: workspace.root, secrets: workspace.secrets(), env: workspace.env });
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  /** validateQueryOnline on a job written to the workspace, without describe data, so Salesforce's own errors show. */
  async function online(name: string, text: string, describe = false) {
    const file = path.join(workspace.root, 'checks', `${name}.sfjob.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const cache = describe ? readDescribeCache(path.join(workspace.root, '.sfjob', 'describe'), { connection: 'local' }) : undefined;
    return validateQueryOnline({ session, text, context: openJobWorkspace(file, text, fileSystemAccess).validationContext(new Date()), ...(cache ? { describe: cache } : {}) });
  }

  function orgError(result: { diagnostics: Diagnostic[] }, text: string): { diagnostic: Diagnostic; covers: string } {
    const diagnostic = result.diagnostics.find((d) => d.code === 'org-error');
    assert.ok(diagnostic, `no org-error in ${JSON.stringify(result.diagnostics)}`);
    return { diagnostic, covers: textAt(text, diagnostic.range) };
  }

  it('places INVALID_FIELD at the field, on the right line of an array query, past JSON escapes', async () => {
    const text = job(['SELECT Id, Subject, CreatedDate', 'FROM Case', `WHERE Subject != 'say "hi"\\tthere' AND Statuss = 'New'`]);
    const result = await online('invalid-field', text);
    const { diagnostic, covers } = orgError(result, text);
    assert.equal(covers, 'Statuss');
    assert.equal(diagnostic.data?.errorCode, 'INVALID_FIELD');
    assert.match(diagnostic.message, /^Salesforce rejected the query: INVALID_FIELD: No such column 'Statuss' on entity 'Case'/);
    assert.equal(result.org, undefined, 'no facts for a rejected query');
  });

  it('places INVALID_TYPE at the object name', async () => {
    const text = job('SELECT Id, CreatedDate FROM Cases');
    const { diagnostic, covers } = orgError(await online('invalid-type', text), text);
    assert.equal(covers, 'Cases');
    assert.equal(diagnostic.data?.errorCode, 'INVALID_TYPE');
  });

  it('places MALFORMED_QUERY at the Row and Column Salesforce reports, on a later line past escapes', async () => {
    const text = job(['SELECT Id, CreatedDate', 'FROM Case', `WHERE Subject != 'x"y' AND DAY_ONLY(CreatedDate) = 2020-01-01`]);
    const result = await online('malformed', text);
    const { diagnostic, covers } = orgError(result, text);
    assert.equal(diagnostic.data?.errorCode, 'MALFORMED_QUERY');
    assert.equal(covers, 'DAY_ONLY');
    assert.equal(text.split('\n')[diagnostic.range.start.line].trim().startsWith('"WHERE'), true);
  });

  it('places a bad filter value at the value', async () => {
    const text = job(['SELECT Id, CreatedDate', 'FROM Case WHERE CreatedDate > 2020-13-45T00:00:00Z']);
    const { covers } = orgError(await online('bad-value', text), text);
    assert.equal(covers, '2020-13-45T00:00:00Z');
  });

  it('places an unknown relationship at its name inside the path', async () => {
    const text = job('SELECT Id, Ownr.Name, CreatedDate FROM Case');
    const { covers } = orgError(await online('relationship', text), text);
    assert.equal(covers, 'Ownr');
  });

  it('places an error in the window the tool adds at the dateField', async () => {
    const text = job('SELECT Id, Subject, Last_Reply_At__c FROM Case', 'Last_Reply_At__c');
    const result = await online('window', text);
    const { diagnostic, covers } = orgError(result, text);
    assert.equal(covers, '"Last_Reply_At__c"');
    assert.match(diagnostic.message, /can not be filtered/);
    assert.ok(result.org, 'the query itself was accepted');
  });

  it('reports the object, typed fields, the plan, the first window’s row count and the candidates on success', async () => {
    const text = job('SELECT Id, Subject, Status, ClosedDate, CreatedDate FROM case WHERE CreatedDate > 2000-01-01T00:00:00Z');
    const before = Date.now();
    const result = await online('success', text, true);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const org = result.org;
    assert.ok(org);
    assert.equal(org.object, 'Case');
    assert.deepEqual(org.fields.map((f) => `${f.path}:${f.type}`), ['Id:id', 'Subject:string', 'Status:picklist', 'ClosedDate:datetime', 'CreatedDate:datetime']);
    assert.ok(org.plan);
    assert.equal(org.plan.selective, org.plan.relativeCost < 1);
    assert.equal(org.plan.sobjectCardinality, emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length);
    assert.deepEqual(org.dateFieldCandidates.map((c) => `${c.path}:${c.type}`), ['ClosedDate:datetime', 'CreatedDate:datetime']);
    assert.deepEqual(org.dateField, { name: 'CreatedDate', status: 'ok' });
    // The first run's window ends two minutes before now; count the org's rows in it directly.
    const until = Date.parse(org.rowEstimate?.window?.until ?? '');
    assert.ok(until <= before && until > before - 3 * 60_000);
    const expected = emulator.org.rows('Case').filter((r) => r.IsDeleted !== true && Date.parse(String(r.CreatedDate)) < until).length;
    assert.ok(expected > 0);
    assert.equal(org.rowEstimate?.count, expected);
  });

  it('tells when the dateField is not a candidate, with the candidates by their real type', async () => {
    const result = await online('not-candidate', job('SELECT Id, Status, ClosedDate, CreatedDate FROM Case', 'Status'), true);
    assert.deepEqual(result.org?.dateField, { name: 'Status', status: 'not-candidate' });
    assert.deepEqual(result.org?.dateFieldCandidates.map((c) => c.type), ['datetime', 'datetime']);
    assert.ok(result.diagnostics.some((d) => d.code === 'date-field-not-date'));
  });

  it('tells when there is no dateField at all, and counts the whole query then', async () => {
    const text = `${JSON.stringify({ name: 'No date', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query: 'SELECT Id, CreatedDate FROM Case', mapping: { fields: [{ source: 'Id', type: 'text' }] } })}\n`;
    const result = await online('missing-date-field', text, true);
    assert.deepEqual(result.org?.dateField, { status: 'missing' });
    assert.deepEqual(result.org?.dateFieldCandidates, [{ path: 'CreatedDate', type: 'datetime', label: 'Created Date' }]);
    assert.equal(result.org?.rowEstimate?.count, emulator.org.rows('Case').filter((r) => r.IsDeleted !== true).length);
    assert.equal(result.org?.rowEstimate?.window, undefined);
  });

  it('checkJobOnline fills an empty describe cache, then checks with it, as an editor command would', async () => {
    const file = path.join(workspace.root, 'checks', 'editor.sfjob.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = job('SELECT Id, Subjet, Account.Name, CreatedDate FROM Case');
    fs.writeFileSync(file, text);
    const cacheDir = path.join(workspace.root, 'checks', 'own-cache');
    const first = await checkJobOnline({ session, text, context: openJobWorkspace(file, text, fileSystemAccess).validationContext(new Date()), cacheDir });
    assert.deepEqual(first.refresh?.fetched.sort(), ['Account', 'Case']);
    assert.equal(first.refresh?.orgDir, path.join(cacheDir, emulator.org.orgId));
    const unknown = first.diagnostics.filter((d) => d.code === 'unknown-field' || d.code === 'org-error');
    assert.deepEqual(unknown.map((d) => [d.code, textAt(text, d.range)]), [['unknown-field', 'Subjet']], 'the org error at the same characters is folded into the offline one');
    const second = await checkJobOnline({ session, text, context: openJobWorkspace(file, text, fileSystemAccess).validationContext(new Date()), cacheDir });
    assert.deepEqual(second.refresh?.fetched, []);
    assert.deepEqual(second.refresh?.reused.sort(), ['Account', 'Case']);
  });

  describe('sfjob validate-query (CLI)', () => {
    for (const file of exampleJobs(path.join(__dirname, '..', '..', '..', 'examples'))) {
      it(`accepts ${file} with JSON facts and exit 0`, async () => {
        const run = await sfjob(['validate-query', file, '--format', 'json'], workspace.root, workspace.env);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.equal(report.files.length, 1);
        assert.deepEqual(report.files[0].diagnostics, []);
        const org = report.files[0].query?.org;
        assert.ok(org?.object && org.plan && typeof org.rowEstimate?.count === 'number', run.stdout);
        assert.equal(org.dateField.status, 'ok');
        assert.deepEqual(report.summary, { errors: 0, warnings: 0 });
      });
    }

    it('prints the facts as text', async () => {
      const run = await sfjob(['validate-query', 'case-feedback.sfjob.json'], workspace.root, workspace.env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /case-feedback\.sfjob\.json: Salesforce accepted the query\./);
      assert.match(run.stdout, /object: Case/);
      assert.match(run.stdout, /fields: Id \(id\), CaseNumber \(string\)/);
      assert.match(run.stdout, /plan: \w+.*relative cost [\d.]+ \((not )?selective\)/);
      assert.match(run.stdout, /rows in the first run's window: \d+/);
      assert.match(run.stdout, /date field candidates: CreatedDate \(datetime\), ClosedDate \(datetime\)/);
    });

    it('reports each broken example’s own code, with exit 1 for errors', async () => {
      const broken = path.join(workspace.root, 'broken');
      // validate-query describes the object first, which answers not-described; output-collision compares
      // several job files, which "sfjob validate" does.
      const offlineOnly = new Set(['not-described', 'output-collision']);
      for (const file of exampleJobs(broken)) {
        const code = file.replace(/\..*$/, '');
        if (offlineOnly.has(code)) continue;
        const run = await sfjob(['validate-query', file, '--format', 'json'], broken, workspace.env);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.ok(report.files[0].diagnostics.some((d) => d.code === code), `${file}: ${JSON.stringify(report.files[0].diagnostics.map((d) => d.code))}`);
        // Some codes are warnings (a sample that does not match): those files exit 0 when the query is fine.
        const severity = report.files[0].diagnostics.find((d) => d.code === code)?.severity;
        assert.equal(run.code, severity === 'error' ? 1 : report.summary.errors > 0 ? 1 : 0, `${file}: ${run.stdout}${run.stderr}`);
      }
    });

    it('offers the date field candidates when the dateField is not a date', async () => {
      const run = await sfjob(['validate-query', 'date-field-not-date.sfjob.json'], path.join(workspace.root, 'broken'), workspace.env);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /dateField "Status" is not a date field the query selects\. Choose one for "dateField":\n {4}1\. CreatedDate \(datetime\) "Created Date"/);
      assert.match(run.stdout, /rows the query matches: \d+ \(the job has no usable dateField/);
      const json = JSON.parse((await sfjob(['validate-query', 'date-field-not-date.sfjob.json', '--format', 'json'], path.join(workspace.root, 'broken'), workspace.env)).stdout) as JsonReport;
      assert.equal(json.files[0].query?.org?.rowEstimate.window, undefined, 'no window without a usable dateField');
    });

    it('lands an org error at its characters in the text, SARIF and GitHub formats', async () => {
      fs.mkdirSync(path.join(workspace.root, 'checks'), { recursive: true });
      const text = job(['SELECT Id, CreatedDate', 'FROM Case WHERE Id = 5 AND']);
      fs.writeFileSync(path.join(workspace.root, 'checks', 'cli-malformed.sfjob.json'), text);
      const run = await sfjob(['validate-query', 'checks/cli-malformed.sfjob.json'], workspace.root, workspace.env);
      assert.equal(run.code, 1);
      const line = run.stdout.split('\n').find((l) => l.includes('org-error'));
      assert.ok(line, run.stdout);
      const [, lineNo, col] = /^checks\/cli-malformed\.sfjob\.json:(\d+):(\d+): error org-error: Salesforce rejected the query: MALFORMED_QUERY/.exec(line) ?? [];
      assert.ok(lineNo, line);
      // Salesforce points just past the end of the statement: the closing quote of the last line.
      assert.equal(text.split('\n')[Number(lineNo) - 1].slice(Number(col) - 1), '"');
      const sarif = await sfjob(['validate-query', 'checks/cli-malformed.sfjob.json', '--format', 'sarif'], workspace.root, workspace.env);
      assert.equal(sarif.code, 1);
      assert.ok((JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0].results.some((r) => r.ruleId === 'org-error'));
    });

    it('writes the JSON report to --output and still prints the text, as validate does', async () => {
      const out = path.join(workspace.root, 'reports', 'query.json');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const run = await sfjob(['validate-query', 'support-chats.sfjob.json', '--format', 'json', '--output', out], workspace.root, workspace.env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport).files[0].query?.org?.object, 'LiveChatTranscript');
      assert.match(run.stdout, /1 file checked: no problems\.\nsupport-chats\.sfjob\.json: Salesforce accepted the query\./);
    });

    it('fails with exit 1 and a one-line reason when the org cannot be reached', async () => {
      const unreachable = new TestWorkspace({ local: { environmentUrl: 'http://127.0.0.1:1', clientId: 'x', flow: 'clientCredentials' } as never }, { SFJOB_LOCAL_CLIENT_SECRET: 'not-a-real-secret' });
      try {
        fs.copyFileSync(path.join(workspace.root, 'case-feedback.sfjob.json'), path.join(unreachable.root, 'case-feedback.sfjob.json'));
        const run = await sfjob(['validate-query', 'case-feedback.sfjob.json'], unreachable.root, unreachable.env);
        assert.equal(run.code, 1);
        assert.match(run.stderr, /^sfjob validate-query: .*connection "local"/);
        assert.doesNotMatch(run.stderr, /\n\s+at |not-a-real-secret/);
      } finally {
        unreachable.remove();
      }
    });

    it('treats a missing job and unknown options as bad usage (exit 2)', async () => {
      assert.equal((await sfjob(['validate-query', 'nope.sfjob.json'], workspace.root, workspace.env)).code, 2);
      assert.equal((await sfjob(['validate-query', 'case-feedback.sfjob.json', '--colour'], workspace.root, workspace.env)).code, 2);
      assert.equal((await sfjob(['validate-query', 'case-feedback.sfjob.json', '--max-age', 'soon'], workspace.root, workspace.env)).code, 2);
      assert.equal((await sfjob(['validate-query'], workspace.root, workspace.env)).code, 2);
    });

    it('never writes the client secret into anything it leaves behind', () => {
      for (const { file, text } of workspace.filesOutsideTheCredentialsFile()) assert.ok(!text.includes(emulator.clientSecret), file);
    });
  });
});
