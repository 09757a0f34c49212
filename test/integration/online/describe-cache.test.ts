import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { clientCredentialsSession } from '../../../src/emulator/session';
import { CACHE_INDEX_FILE, type DescribeCacheIndex } from '../../../src/store/describe-cache';
import { REPO_ROOT, runCli } from '../../helpers/cli';
import { TestWorkspace } from '../salesforce/workspace';
import { DESCRIBE_ORG, examplesWorkspace, localConnection, sfjob } from './helpers';

const COMMITTED = path.join(REPO_ROOT, 'examples', DESCRIBE_ORG);

function readIndex(dir: string): DescribeCacheIndex {
  return JSON.parse(fs.readFileSync(path.join(dir, CACHE_INDEX_FILE), 'utf8')) as DescribeCacheIndex;
}

describe('the describe cache', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 10, chats: 2, sms: 2, surveys: 5 } });
  });
  after(async () => {
    await emulator.close();
  });

  it('committed with the examples, is exactly what the emulator answers (regenerate with scripts/generate-example-describe.ts)', async () => {
    const session = await clientCredentialsSession(emulator);
    assert.equal(path.basename(COMMITTED), emulator.org.orgId, 'the cache folder is named after the emulator org');
    const files = fs.readdirSync(COMMITTED).filter((f) => f !== CACHE_INDEX_FILE).sort();
    assert.deepEqual(Object.keys(readIndex(COMMITTED).objects).map((o) => `${o}.json`).sort(), files);
    for (const file of files) {
      const response = await fetch(`${emulator.url}/services/data/v62.0/sobjects/${file.replace('.json', '')}/describe`, { headers: { authorization: `Bearer ${session.connection.accessToken}` } });
      assert.equal(response.status, 200, file);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(COMMITTED, file), 'utf8')), await response.json(), `${file} drifted from the emulator; run npx tsx scripts/generate-example-describe.ts`);
    }
  });

  it('is the same in examples/broken, a workspace of its own (its own connections file)', () => {
    const broken = path.join(REPO_ROOT, 'examples', 'broken', DESCRIBE_ORG);
    assert.deepEqual(fs.readdirSync(broken).sort(), fs.readdirSync(COMMITTED).sort());
    for (const file of fs.readdirSync(COMMITTED)) assert.equal(fs.readFileSync(path.join(broken, file), 'utf8'), fs.readFileSync(path.join(COMMITTED, file), 'utf8'), file);
  });

  it('lets sfjob validate report date-field-not-date and unknown fields with no network at all', () => {
    // The broken examples' "local" connection points at a port nothing listens on; the checks never call it.
    const result = runCli(['validate', 'examples/broken/date-field-not-date.sfjob.json', 'examples/broken/unknown-field.sfjob.json', 'examples/broken/unknown-object.sfjob.json', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
    const codes = Object.fromEntries(report.files.map((f) => [path.basename(f.path), f.diagnostics.map((d) => d.code)]));
    assert.ok(codes['date-field-not-date.sfjob.json'].includes('date-field-not-date'));
    assert.ok(codes['unknown-field.sfjob.json'].includes('unknown-field'));
    assert.match(report.files[1].diagnostics.find((d) => d.code === 'unknown-field')?.message ?? '', /did you mean 'Subject'/);
    assert.ok(codes['unknown-object.sfjob.json'].includes('unknown-object'));
  });

  it('without a cache, validate still works offline as before, without the describe-based codes', () => {
    const workspace = new TestWorkspace({ local: localConnection(emulator) });
    try {
      fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'broken', 'date-field-not-date.sfjob.json'), path.join(workspace.root, 'a.sfjob.json'));
      fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'broken', 'unknown-field.sfjob.json'), path.join(workspace.root, 'b.sfjob.json'));
      const result = runCli(['validate', '.', '--format', 'json'], { cwd: workspace.root });
      // Offline without describe data, a misspelt field cannot be told apart from a real one: that file
      // passes. Status is a standard Case field whose type every org shares, so a dateField on it is still
      // known not to be a date.
      assert.equal(result.status, 1, result.stdout + result.stderr);
      const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
      assert.deepEqual(
        report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
        [['a.sfjob.json', ['date-field-not-date']], ['b.sfjob.json', []], ['sfjob.connections.json', []]],
      );
    } finally {
      workspace.remove();
    }
  });

  it('sfjob describe fills a new cache at the workspace root, which validate then uses offline', async () => {
    const workspace = new TestWorkspace({ local: localConnection(emulator) }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    try {
      fs.mkdirSync(path.join(workspace.root, 'jobs'));
      fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'broken', 'unknown-field.sfjob.json'), path.join(workspace.root, 'jobs', 'typo.sfjob.json'));
      const before = await sfjob(['validate', 'jobs', '--format', 'json'], workspace.root, workspace.env);
      assert.ok(!before.stdout.includes('unknown-field'));
      const described = await sfjob(['describe', 'jobs/typo.sfjob.json'], workspace.root, workspace.env);
      assert.equal(described.code, 0, described.stderr);
      assert.match(described.stdout, /fetched Case/);
      const orgDir = path.join(workspace.root, '.sfjob', 'describe', emulator.org.orgId);
      assert.deepEqual(readIndex(orgDir).connections, ['local']);
      assert.ok(fs.existsSync(path.join(orgDir, 'Case.json')));
      const after = runCli(['validate', 'jobs', '--format', 'json'], { cwd: workspace.root });
      assert.match(after.stdout, /"code":"unknown-field"/);
      const missing = await sfjob(['describe', 'jobs/typo.sfjob.json'], workspace.root, { ...workspace.env, SFJOB_LOCAL_CLIENT_SECRET: 'wrong' });
      assert.equal(missing.code, 1);
      assert.ok(!missing.stderr.includes(emulator.clientSecret));
    } finally {
      workspace.remove();
    }
  });

  it('gives sfjob run the dateField’s real type, so a date field gets date literals in its window', async () => {
    const workspace = new TestWorkspace({ local: localConnection(emulator) }, { SFJOB_LOCAL_CLIENT_SECRET: emulator.clientSecret });
    try {
      const job = { name: 'Birthdays', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query: 'SELECT Id, Name, Birthdate FROM Contact', dateField: 'Birthdate', mapping: { fields: [{ source: 'Name', type: 'text' }] } };
      fs.writeFileSync(path.join(workspace.root, 'birthdays.sfjob.json'), JSON.stringify(job, null, 2));
      // Without describe data the type is unknown and the org refuses a timestamp for a date field.
      const blind = await sfjob(['run', 'birthdays.sfjob.json'], workspace.root, workspace.env);
      assert.equal(blind.code, 1);
      assert.match(blind.stdout + blind.stderr, /must be of type date/);
      assert.equal((await sfjob(['describe', 'birthdays.sfjob.json'], workspace.root, workspace.env)).code, 0);
      const run = await sfjob(['run', 'birthdays.sfjob.json', '--format', 'json'], workspace.root, workspace.env);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const report = JSON.parse(run.stdout) as { written: number };
      const until = new Date(Date.now() - 2 * 60_000).toISOString().slice(0, 10);
      const expected = emulator.org.rows('Contact').filter((r) => r.IsDeleted !== true && typeof r.Birthdate === 'string' && r.Birthdate < until).length;
      assert.ok(expected > 0);
      assert.equal(report.written, expected);
    } finally {
      workspace.remove();
    }
  });

  it('is fetched again by validate-query when older than --max-age, kept when fresh, and always with --refresh', async () => {
    const workspace = examplesWorkspace(emulator);
    try {
      const orgDir = path.join(workspace.root, DESCRIBE_ORG);
      // Make the cached Case old and wrong: a field the org has is missing from it.
      const index = readIndex(orgDir);
      index.objects.Case.fetchedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
      fs.writeFileSync(path.join(orgDir, CACHE_INDEX_FILE), JSON.stringify(index));
      const casePath = path.join(orgDir, 'Case.json');
      const stale = JSON.parse(fs.readFileSync(casePath, 'utf8')) as { fields: { name: string }[] };
      stale.fields = stale.fields.filter((f) => f.name !== 'ClosedDate');
      fs.writeFileSync(casePath, JSON.stringify(stale));
      // Offline, the stale cache is what the checks believe.
      const offline = runCli(['validate', 'case-feedback.sfjob.json', '--format', 'json'], { cwd: workspace.root });
      assert.match(offline.stdout, /Case has no field 'ClosedDate'/);

      const refreshed = await sfjob(['validate-query', 'case-feedback.sfjob.json'], workspace.root, workspace.env);
      assert.equal(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
      assert.match(refreshed.stderr, /fetched the describe data of Case into/);
      const fresh = JSON.parse(fs.readFileSync(casePath, 'utf8')) as { fields: { name: string }[] };
      assert.ok(fresh.fields.some((f) => f.name === 'ClosedDate'));
      assert.ok(Date.now() - Date.parse(readIndex(orgDir).objects.Case.fetchedAt) < 60_000);
      assert.equal(runCli(['validate', 'case-feedback.sfjob.json'], { cwd: workspace.root }).status, 0);

      const again = await sfjob(['validate-query', 'case-feedback.sfjob.json'], workspace.root, workspace.env);
      assert.equal(again.code, 0);
      assert.doesNotMatch(again.stderr, /fetched the describe data/, 'a fresh cache is not fetched again');
      const forced = await sfjob(['validate-query', 'case-feedback.sfjob.json', '--refresh'], workspace.root, workspace.env);
      assert.match(forced.stderr, /fetched the describe data of Case/);
      const shortAge = await sfjob(['validate-query', 'case-feedback.sfjob.json', '--max-age', '0m'], workspace.root, workspace.env);
      assert.match(shortAge.stderr, /fetched the describe data of Case/);
    } finally {
      workspace.remove();
    }
  });
});
