import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { REPO_ROOT, runCli } from '../../helpers/cli';
import type { TestWorkspace } from '../salesforce/workspace';
import { exampleJobs, examplesWorkspace, sfjob } from './helpers';

type Record_ = Record<string, unknown> & { attributes: { type: string; url: string } };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

const CONTACTS_JOB = {
  name: 'Contacts',
  project: 'Customer Care',
  connection: 'local',
  feedbackType: 'feedback',
  query: ['SELECT Id, Name, Email, Account.Name, CreatedDate', 'FROM Contact'],
  dateField: 'CreatedDate',
  redactions: [{ pattern: EMAIL.source, mask: '[email]', fields: ['Email'] }],
  mapping: { fields: [{ source: 'Name', type: 'text' }] },
};

describe('sfjob sample against the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 30, chats: 4, sms: 4, surveys: 20 } });
    workspace = examplesWorkspace(emulator);
    fs.writeFileSync(path.join(workspace.root, 'contacts.sfjob.json'), JSON.stringify(CONTACTS_JOB, null, 2));
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  for (const file of exampleJobs(path.join(REPO_ROOT, 'examples'))) {
    it(`replaces ${file.replace('.sfjob.json', '.sample.json')} with records as Salesforce returns them, which validate accepts`, async () => {
      const sampleFile = path.join(workspace.root, file.replace('.sfjob.json', '.sample.json'));
      fs.rmSync(sampleFile);
      const run = await sfjob(['sample', file, '--limit', '3'], workspace.root, workspace.env);
      assert.equal(run.code, 0, run.stderr);
      const records = JSON.parse(fs.readFileSync(sampleFile, 'utf8')) as Record_[];
      assert.ok(records.length > 0 && records.length <= 3, `${records.length} records`);
      assert.match(run.stdout, new RegExp(`wrote ${records.length} records? to ${path.basename(sampleFile).replace('.', '\\.')}`));
      for (const record of records) {
        assert.match(record.attributes.url, new RegExp(`/sobjects/${record.attributes.type}/`));
        // The org's own rows, keys in Salesforce's spelling.
        const row = emulator.org.rows(record.attributes.type).find((r) => r.Id === record.Id);
        assert.ok(row, `record ${String(record.Id)} is not in the org`);
        for (const key of Object.keys(record)) if (key !== 'attributes' && typeof record[key] !== 'object') assert.deepEqual(record[key], row[key], key);
      }
      const validated = runCli(['validate', file, '--format', 'json'], { cwd: workspace.root });
      assert.equal(validated.status, 0, validated.stdout);
    });
  }

  it('keeps lookups nested as Salesforce does, masks what the redaction rules match with --redact, and writes CSV', async () => {
    const plain = await sfjob(['sample', 'contacts.sfjob.json', '--limit', '5'], workspace.root, workspace.env);
    assert.equal(plain.code, 0, plain.stderr);
    const raw = JSON.parse(fs.readFileSync(path.join(workspace.root, 'contacts.sample.json'), 'utf8')) as Record_[];
    assert.equal(raw.length, 5);
    assert.ok(raw.some((r) => typeof r.Email === 'string' && EMAIL.test(r.Email)), 'the emulator has emails to redact');
    const withAccount = raw.find((r) => r.Account !== null);
    assert.equal((withAccount?.Account as Record_ | undefined)?.attributes.type, 'Account');

    const redacted = await sfjob(['sample', 'contacts.sfjob.json', '--limit', '5', '--redact', '--csv', 'exports/contacts.csv'], workspace.root, workspace.env);
    assert.equal(redacted.code, 0, redacted.stderr);
    const emails = raw.filter((r) => typeof r.Email === 'string' && EMAIL.test(r.Email)).length;
    assert.match(redacted.stdout, new RegExp(`wrote 5 records to contacts\\.sample\\.json, ${emails} match(es)? redacted`));
    const masked = JSON.parse(fs.readFileSync(path.join(workspace.root, 'contacts.sample.json'), 'utf8')) as Record_[];
    assert.deepEqual(masked.map((r) => r.Id), raw.map((r) => r.Id));
    for (const [i, record] of masked.entries()) {
      assert.equal(record.Email, raw[i].Email === null ? null : '[email]');
      assert.equal(record.Name, raw[i].Name, 'a rule naming Email leaves other fields alone');
    }
    const csv = fs.readFileSync(path.join(workspace.root, 'exports', 'contacts.csv'), 'utf8').split('\r\n');
    assert.equal(csv[0], 'Id,Name,Email,Account.Name,CreatedDate');
    assert.equal(csv.length, 7, 'a header, five rows and the final line break');
    assert.ok(!csv.join('\n').match(EMAIL), 'the CSV holds the redacted records');
  });

  it('refuses a bad --limit (exit 2) and a job with nothing to query (exit 1), writing nothing', async () => {
    assert.equal((await sfjob(['sample', 'contacts.sfjob.json', '--limit', '0'], workspace.root, workspace.env)).code, 2);
    assert.equal((await sfjob(['sample', 'contacts.sfjob.json', '--limit', 'many'], workspace.root, workspace.env)).code, 2);
    const broken = path.join(workspace.root, 'broken');
    const run = await sfjob(['sample', 'soql-syntax.sfjob.json'], broken, workspace.env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /soql-syntax/);
    assert.ok(!fs.existsSync(path.join(broken, 'soql-syntax.sample.json')));
  });

  it('samples every broken example that has a query to send, and refuses the rest with a reason, never crashing', async () => {
    const broken = path.join(workspace.root, 'broken');
    const outcomes: string[] = [];
    for (const file of exampleJobs(broken)) {
      const samplePath = path.join(broken, file.replace('.sfjob.json', '.sample.json'));
      const before = fs.existsSync(samplePath) ? fs.readFileSync(samplePath, 'utf8') : undefined;
      const run = await sfjob(['sample', file, '--limit', '2'], broken, workspace.env);
      outcomes.push(`${file}:${run.code}`);
      assert.ok(run.code === 0 || run.code === 1, `${file}: exit ${run.code}`);
      if (run.code === 0) {
        const records = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as Record_[];
        assert.ok(records.every((r) => typeof r.attributes.type === 'string'), file);
      } else {
        assert.match(run.stderr, /sfjob sample: .+/, file);
        assert.doesNotMatch(run.stderr, /\n\s+at /, `${file}: no stack trace`);
        assert.equal(fs.existsSync(samplePath) ? fs.readFileSync(samplePath, 'utf8') : undefined, before, `${file}: the sample is untouched`);
      }
    }
    // The misspelt field and object reach the org, which refuses them; a sample problem is fixed by sampling.
    assert.ok(outcomes.includes('unknown-field.sfjob.json:1') && outcomes.includes('unknown-object.sfjob.json:1'), outcomes.join());
    assert.ok(outcomes.includes('field-not-in-sample.sfjob.json:0') && outcomes.includes('json-syntax.sfjob.json:1'), outcomes.join());
  });

  it('reports an org error with Salesforce’s code and leaves the old sample in place', async () => {
    const samplePath = path.join(workspace.root, 'broken', 'unknown-field.sample.json');
    fs.writeFileSync(samplePath, '[]\n');
    const run = await sfjob(['sample', 'unknown-field.sfjob.json'], path.join(workspace.root, 'broken'), workspace.env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /INVALID_FIELD/);
    assert.equal(fs.readFileSync(samplePath, 'utf8'), '[]\n');
  });
});
