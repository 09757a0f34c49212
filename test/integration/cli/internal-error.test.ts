import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkJobText } from '../../../src/app/validate-job';
import { workspaceFileAccess } from '../../../src/store/fs-access';
import { documentsFirst } from '../../../src/vscode/documents-first';
import { runCli } from '../../helpers/cli';

interface JsonReport {
  files: { path: string; diagnostics: { code: string; severity: string; message: string }[] }[];
}

/**
 * A check that fails inside sfjob says so, as internal-error, in both faces: it names what was not
 * checked, never claims the job is wrong, and never repeats the failure's own text.
 */
describe('a check that fails inside sfjob (internal-error)', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-internal-'));
    fs.writeFileSync(path.join(root, 'sfjob.connections.json'), JSON.stringify({ connections: { prod: { environmentUrl: 'https://acme.my.salesforce.com', flow: 'password', clientId: 'c', username: 'u@example.com' } } }));
    // Describe data of a shape no org returns (a field that is null): the checks that read it fail.
    const org = path.join(root, '.sfjob', 'describe', '00DBROKEN');
    fs.mkdirSync(org, { recursive: true });
    fs.writeFileSync(path.join(org, '_cache.json'), JSON.stringify({ orgId: '00DBROKEN', connections: ['prod'], objects: { Case: { fetchedAt: '2026-11-20T00:00:00.000Z', apiVersion: '62.0' } } }));
    fs.writeFileSync(path.join(org, 'Case.json'), JSON.stringify({ name: 'Case', fields: [null, { name: 'MARKER_FROM_THE_CACHE' }] }));
    const job = { name: 'a', project: 'p', connection: 'prod', feedbackType: 'feedback', query: 'SELECT Id, Subject, CreatedDate FROM Case', dateField: 'CreatedDate', mapping: { fields: [{ source: 'Subject', type: 'verbatim' }] } };
    fs.writeFileSync(path.join(root, 'a.sfjob.json'), JSON.stringify(job, null, 2));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reports a failed query analysis as internal-error, not as a syntax error of a valid query', () => {
    const result = runCli(['validate', 'a.sfjob.json', '--format', 'json'], { cwd: root });
    const diagnostics = (JSON.parse(result.stdout) as JsonReport).files[0].diagnostics;
    assert.ok(!diagnostics.some((d) => d.code === 'soql-syntax'), JSON.stringify(diagnostics));
    const internal = diagnostics.filter((d) => d.code === 'internal-error');
    assert.ok(internal.length > 0, JSON.stringify(diagnostics));
    for (const d of internal) {
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /failed inside sfjob .*not checked/);
      assert.doesNotMatch(d.message, /Cannot read|null|MARKER_FROM_THE_CACHE|\n\s+at /);
    }
    assert.equal(result.status, 0, 'nothing is said to be wrong with the job');

    const text = runCli(['validate', 'a.sfjob.json'], { cwd: root });
    assert.match(text.stdout, /^a\.sfjob\.json:\d+:\d+: warning internal-error: /m);
  });

  it('gives the editor the same diagnostics as the CLI', () => {
    const file = path.join(root, 'a.sfjob.json');
    const text = fs.readFileSync(file, 'utf8');
    const editor = checkJobText(file, text, documentsFirst(() => [], workspaceFileAccess())).result.diagnostics;
    const cli = (JSON.parse(runCli(['validate', 'a.sfjob.json', '--format', 'json'], { cwd: root }).stdout) as JsonReport).files[0].diagnostics;
    assert.deepEqual(
      editor.map(({ code, severity, message }) => ({ code, severity, message })),
      cli.map(({ code, severity, message }) => ({ code, severity, message })),
    );
  });
});
