import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkJobText } from '../../../src/app/validate-job';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { workspaceFileAccess } from '../../../src/store/fs-access';
import { documentsFirst, type OpenDocument } from '../../../src/vscode/documents-first';
import { runCli } from '../../helpers/cli';

/**
 * "sfjob validate" and the editor's Problems panel judge a job by the same workspace: the same root,
 * the same connections, only the job's own org's describe data, the same sample and rule files. The
 * editor's path here is the one its diagnostics controller runs (checkJobText over open documents
 * first, then the disk), with a stand-in list of open documents.
 */

type Shown = Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range'>;

function shown(diagnostics: readonly Shown[]): Shown[] {
  return diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range }));
}

function describeOf(name: string, fields: Record<string, string>): Record<string, unknown> {
  return {
    name,
    label: name,
    queryable: true,
    fields: Object.entries(fields).map(([field, type]) => ({ name: field, label: field, type, filterable: true, groupable: true, ...(type === 'reference' ? { relationshipName: field.replace(/Id$/, ''), referenceTo: ['Account'] } : {}) })),
    childRelationships: [],
  };
}

function cacheOrg(root: string, orgId: string, connections: string[], objects: Record<string, unknown>[]): void {
  const dir = path.join(root, '.sfjob', 'describe', orgId);
  fs.mkdirSync(dir, { recursive: true });
  const index = { orgId, connections, objects: Object.fromEntries(objects.map((o) => [String(o.name), { fetchedAt: '2026-11-20T00:00:00.000Z', apiVersion: '62.0' }])) };
  fs.writeFileSync(path.join(dir, '_cache.json'), JSON.stringify(index));
  for (const object of objects) fs.writeFileSync(path.join(dir, `${String(object.name)}.json`), JSON.stringify(object));
}

function job(connection: string, query: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name: 'parity', project: 'p', connection, feedbackType: 'feedback', query, dateField: 'CreatedDate', ...extra }, null, 2)}\n`;
}

describe('the CLI and the editor judge a job alike', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-parity-'));
    const connection = { environmentUrl: 'http://127.0.0.1:9', flow: 'password', clientId: 'c', username: 'u@example.com' };
    fs.writeFileSync(path.join(root, 'sfjob.connections.json'), JSON.stringify({ connections: { prod: connection, sandbox: connection, fresh: connection } }));
    // Two orgs cached side by side: prod has a field sandbox lacks and the other way round; only
    // sandbox has described Lead; prod is only partly described (Case, not Account).
    cacheOrg(root, '00DPROD', ['prod'], [describeOf('Case', { Id: 'id', CreatedDate: 'datetime', Subject: 'string', ProdOnly__c: 'string', AccountId: 'reference' })]);
    cacheOrg(root, '00DSAND', ['sandbox'], [
      describeOf('Case', { Id: 'id', CreatedDate: 'datetime', Subject: 'string', SandboxOnly__c: 'string', AccountId: 'reference' }),
      describeOf('Lead', { Id: 'id', CreatedDate: 'datetime' }),
    ]);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Both faces on the same files: the CLI on the disk, the editor on `open` documents first. */
  function both(files: string[], open: OpenDocument[] = []): { cli: Record<string, Shown[]>; editor: Record<string, Shown[]> } {
    const result = runCli(['validate', ...files, '--format', 'json'], { cwd: root });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: Shown[] }[] };
    const cli = Object.fromEntries(report.files.map((f) => [f.path, shown(f.diagnostics)]));
    const host = documentsFirst(() => open, workspaceFileAccess());
    const editor = Object.fromEntries(
      files.map((file) => {
        const full = path.join(root, file);
        const text = open.find((d) => d.path === full)?.text ?? fs.readFileSync(full, 'utf8');
        return [file, shown(checkJobText(full, text, host, { now: new Date() }).result.diagnostics)];
      }),
    );
    return { cli, editor };
  }

  function codes(diagnostics: Shown[] | undefined): string[] {
    return (diagnostics ?? []).map((d) => d.code).sort();
  }

  it("uses only the job's own org when two orgs are cached", () => {
    fs.mkdirSync(path.join(root, 'jobs'));
    fs.writeFileSync(path.join(root, 'jobs', 'on-sandbox.sfjob.json'), job('sandbox', 'SELECT Id, ProdOnly__c, CreatedDate FROM Case'));
    fs.writeFileSync(path.join(root, 'jobs', 'on-prod.sfjob.json'), job('prod', 'SELECT Id, SandboxOnly__c, ProdOnly__c, CreatedDate FROM Case'));
    fs.writeFileSync(path.join(root, 'jobs', 'lead-on-prod.sfjob.json'), job('prod', 'SELECT Id, CreatedDate FROM Lead'));
    const files = ['jobs/on-sandbox.sfjob.json', 'jobs/on-prod.sfjob.json', 'jobs/lead-on-prod.sfjob.json'];
    const { cli, editor } = both(files);
    assert.deepEqual(editor, cli);
    assert.deepEqual(codes(cli['jobs/on-sandbox.sfjob.json']), ['unknown-field'], 'sandbox has no ProdOnly__c');
    assert.match(cli['jobs/on-sandbox.sfjob.json']?.[0]?.message ?? '', /ProdOnly__c/);
    assert.deepEqual(codes(cli['jobs/on-prod.sfjob.json']), ['unknown-field'], 'prod has no SandboxOnly__c, and ProdOnly__c is fine');
    assert.match(cli['jobs/on-prod.sfjob.json']?.[0]?.message ?? '', /SandboxOnly__c/);
    // Lead is described for sandbox only: whatever the checks make of an object the job's org has not
    // described, sandbox's Lead never stands in for prod's, in either face.
    assert.deepEqual(editor['jobs/lead-on-prod.sfjob.json'], cli['jobs/lead-on-prod.sfjob.json']);
    assert.ok(!codes(cli['jobs/lead-on-prod.sfjob.json']).includes('unknown-field'));
  });

  it('says nothing of what an org has not described, and nothing for a connection never cached', () => {
    fs.writeFileSync(path.join(root, 'partly.sfjob.json'), job('prod', 'SELECT Id, Account.Name, Account.Whatever__c, CreatedDate FROM Case'));
    fs.writeFileSync(path.join(root, 'fresh.sfjob.json'), job('fresh', 'SELECT Id, Nonsense__c, CreatedDate FROM Case'));
    fs.writeFileSync(path.join(root, 'typo.sfjob.json'), job('prod', 'SELECT Id, Subjet, CreatedDate FROM Case'));
    const files = ['partly.sfjob.json', 'fresh.sfjob.json', 'typo.sfjob.json'];
    const { cli, editor } = both(files);
    assert.deepEqual(editor, cli);
    assert.deepEqual(codes(cli['partly.sfjob.json']), [], 'Account is not described for prod');
    assert.deepEqual(codes(cli['fresh.sfjob.json']), [], 'no describe data for a connection never cached');
    assert.deepEqual(codes(cli['typo.sfjob.json']), ['unknown-field']);
  });

  it('judges an unsaved edit to the job itself by the org its new connection names, as the CLI does once it is saved', () => {
    const jobFile = path.join(root, 'switching.sfjob.json');
    fs.writeFileSync(jobFile, job('prod', 'SELECT Id, ProdOnly__c, Account.Name, CreatedDate FROM Case'));
    // Switched to sandbox, which has no ProdOnly__c; Account is described by neither org, so it stays unjudged.
    const unsaved: OpenDocument[] = [{ path: jobFile, text: job('sandbox', 'SELECT Id, ProdOnly__c, Account.Name, CreatedDate FROM Case') }];
    const before = both(['switching.sfjob.json'], unsaved);
    assert.deepEqual(codes(before.cli['switching.sfjob.json']), [], 'prod has ProdOnly__c');
    assert.deepEqual(codes(before.editor['switching.sfjob.json']), ['unknown-field'], 'the editor checks the unsaved text against sandbox');
    fs.writeFileSync(jobFile, unsaved[0].text);
    const after = both(['switching.sfjob.json'], unsaved);
    assert.deepEqual(after.cli, before.editor);
    assert.deepEqual(after.editor, after.cli);
  });

  it('sees unsaved edits to a sample and a rule file in the editor exactly as the CLI sees them once saved', () => {
    const jobFile = path.join(root, 'mapped.sfjob.json');
    const sample = path.join(root, 'mapped.sample.json');
    const rules = path.join(root, 'subs.txt');
    const jobText = job('prod', 'SELECT Id, Subject, CreatedDate FROM Case', { substitutions: { file: 'subs.txt' }, mapping: { fields: [{ source: 'Subject', type: 'verbatim' }] } });
    fs.writeFileSync(jobFile, jobText);
    fs.writeFileSync(sample, JSON.stringify([{ attributes: { type: 'Case' }, Id: '500', Subject: 'hi', CreatedDate: '2026-01-01T00:00:00.000Z' }]));
    fs.writeFileSync(rules, 'hello: hi\n');
    const unsaved: OpenDocument[] = [
      { path: sample, text: JSON.stringify([{ attributes: { type: 'Case' }, Id: '500', subject: 'hi', CreatedDate: '2026-01-01T00:00:00.000Z' }]) },
      { path: rules, text: 'hello: hi\nno separator on this line\n' },
    ];
    const before = both(['mapped.sfjob.json'], unsaved);
    assert.deepEqual(codes(before.cli['mapped.sfjob.json']), [], 'the disk is still clean');
    assert.deepEqual(codes(before.editor['mapped.sfjob.json']), ['field-case', 'rule-file'], 'the editor sees the unsaved sample and rule file');
    for (const document of unsaved) fs.writeFileSync(document.path, document.text);
    const after = both(['mapped.sfjob.json'], unsaved);
    assert.deepEqual(after.cli, before.editor);
    assert.deepEqual(after.editor, after.cli);
  });
});
