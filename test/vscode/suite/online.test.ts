import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DescribeRefresh } from '../../../src/salesforce/describe/refresh';
import type { ConnectionCheck } from '../../../src/salesforce/session/test-connection';
import type { FetchSampleResult } from '../../../src/vscode/online/fetch-sample';
import type { ValidateQueryResult } from '../../../src/vscode/online/validate-query';
import { closeAllEditors, tabWhere, codesOf, diagnosticsWhen, fixtureUri, openChecked, outputLogWith, readText, sfjobApi, withCode, workspaceUri, writeText } from './helpers';
import { startLocalOrg, type LocalOrg } from './local-org';

/** A job of the "local" connection; `extra` adds or replaces keys. */
function jobText(query: string, extra: Record<string, unknown> = {}): string {
  const job = { name: 'Online checks', project: 'Customer Care', connection: 'local', feedbackType: 'feedback', query, dateField: 'CreatedDate', mapping: { natural_id: 'CaseNumber', fields: [{ source: 'Subject', type: 'verbatim' }] }, ...extra };
  return `${JSON.stringify(job, null, 2)}\n`;
}

/** Every sfjob diagnostic of a document, the offline checks' and the org's together. */
function shownDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sfjob');
}

/** The document's diagnostics once `accept` takes them (checks run debounced, after file events). */
async function diagnosticsEventually(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const diagnostics = shownDiagnostics(uri);
    if (accept(diagnostics)) return diagnostics;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}; the diagnostics are: ${shownDiagnostics(uri).map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}: ${d.message}`).join(' | ')}`);
}

describe('online checks against the local org emulator', function () {
  this.timeout(60_000);
  let org: LocalOrg;
  // The jobs live in a workspace of their own (its own connections file), whose describe cache starts empty.
  const folder = fixtureUri('online');
  const ownWorkspace = (dir: vscode.Uri) => fs.copyFileSync(workspaceUri('sfjob.connections.json').fsPath, vscode.Uri.joinPath(dir, 'sfjob.connections.json').fsPath);
  const job = (name: string) => vscode.Uri.joinPath(folder, `${name}.sfjob.json`);

  before(async () => {
    org = await startLocalOrg();
    fs.mkdirSync(vscode.Uri.joinPath(folder, '.sfjob', 'describe').fsPath, { recursive: true });
    // After startLocalOrg, so the copy points at the emulator too.
    ownWorkspace(folder);
    await closeAllEditors();
    const prompts = (await sfjobApi()).answerNextPrompts(['local', org.emulator.clientSecret, org.emulator.password, '']);
    const check = await vscode.commands.executeCommand<ConnectionCheck | undefined>('sfjob.authorizeConnection');
    assert.ok(check, `the authorization failed (asked: ${prompts.asked.join(' | ')}); see the sfjob output`);
  });

  after(async () => {
    await closeAllEditors();
    // Later suites authorize from scratch, so the secrets leave SecretStorage again.
    (await sfjobApi()).answerNextPrompts(['local']);
    await vscode.commands.executeCommand('sfjob.forgetConnectionCredentials');
    await org.close();
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('Refresh Org Metadata writes the describe cache, and the open job is checked again with it', async () => {
    const uri = job('refresh');
    await writeText(uri, jobText('SELECT Id, CaseNumber, Subject, Status, CreatedDate FROM Case', { dateField: 'Status' }));
    const { diagnostics: before } = await openChecked(uri);
    // Without describe data only the standard fields' known types speak: Status is text, not a date.
    const offline = withCode(before, 'date-field-not-date')?.message ?? '';
    assert.doesNotMatch(offline, /picklist/, `before the refresh nothing knows Status is a picklist: ${codesOf(before).join(', ')}`);

    let refresh: DescribeRefresh | undefined;
    const after = await diagnosticsWhen(
      uri,
      (d) => /picklist/.test(withCode(d, 'date-field-not-date')?.message ?? ''),
      async () => {
        refresh = await vscode.commands.executeCommand<DescribeRefresh | undefined>('sfjob.refreshOrgMetadata', uri);
      },
    );
    assert.ok(refresh, 'the refresh failed; see the sfjob output');
    assert.ok(refresh.fetched.includes('Case'), JSON.stringify(refresh));
    const cached = vscode.Uri.joinPath(folder, '.sfjob', 'describe', org.emulator.org.orgId, 'Case.json').fsPath;
    assert.ok(fs.existsSync(cached), `${cached} was not written`);
    assert.match(withCode(after, 'date-field-not-date')?.message ?? '', /dateField "Status" is a picklist field on Case/);
  });

  it('Validate Query puts INVALID_FIELD on the exact characters of the field inside the query string, until the job is edited', async () => {
    // A folder whose describe cache (fresh by sfjob.describe.maxAgeHours) still lists a field the org has
    // since lost, so the offline checks pass it and only the org can say it is gone.
    const stale = vscode.Uri.joinPath(folder, 'stale');
    fs.cpSync(vscode.Uri.joinPath(folder, '.sfjob').fsPath, vscode.Uri.joinPath(stale, '.sfjob').fsPath, { recursive: true });
    ownWorkspace(stale);
    const cached = vscode.Uri.joinPath(stale, '.sfjob', 'describe', org.emulator.org.orgId, 'Case.json');
    const describe = JSON.parse(await readText(cached)) as { fields: { name: string }[] };
    const subject = describe.fields.find((f) => f.name === 'Subject');
    describe.fields.push({ ...subject, name: 'Legacy_Code__c' });
    await writeText(cached, JSON.stringify(describe));
    const uri = vscode.Uri.joinPath(stale, 'invalid-field.sfjob.json');
    // The escaped quotes before the field shift the file's columns away from the query's own.
    await writeText(uri, jobText(`SELECT Id, CaseNumber, Subject, CreatedDate FROM Case WHERE Subject != 'say "hi"' AND Legacy_Code__c = 'A'`));
    const { document } = await openChecked(uri);
    const offline = await diagnosticsEventually(uri, (d) => !codesOf(d).includes('unknown-field'), 'the offline checks do not know Legacy_Code__c from the cache');
    assert.deepStrictEqual(codesOf(offline).filter((c) => c === 'org-error'), []);

    const result = await vscode.commands.executeCommand<ValidateQueryResult | undefined>('sfjob.validateQuery', uri);
    assert.ok(result, 'the check did not run; see the sfjob output');
    assert.strictEqual(result.org, undefined, 'Salesforce rejected the query, so there are no facts');
    const shown = withCode(shownDiagnostics(uri), 'org-error');
    assert.ok(shown, `no org-error among ${codesOf(shownDiagnostics(uri)).join(', ')}`);
    assert.strictEqual(document.getText(shown.range), 'Legacy_Code__c');
    assert.match(shown.message, /INVALID_FIELD: No such column 'Legacy_Code__c' on entity 'Case'/);
    assert.strictEqual(shown.severity, vscode.DiagnosticSeverity.Error);
    await outputLogWith(/stale\/invalid-field\.sfjob\.json:\d+:\d+: Salesforce rejected the query: INVALID_FIELD/);

    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.replace(shown.range, 'Status'));
    assert.match(document.getText(), /AND Status = 'A'/);
    assert.strictEqual(withCode(shownDiagnostics(uri), 'org-error'), undefined, 'the org error stays after the query changed');
  });

  it('Validate Query reports the accepted query in the output channel and sets the dateField chosen from the candidates', async () => {
    const uri = job('refresh');
    const { document } = await openChecked(uri);
    const prompts = (await sfjobApi()).answerNextPrompts(['CreatedDate (datetime)']);
    const result = await vscode.commands.executeCommand<ValidateQueryResult | undefined>('sfjob.validateQuery', uri);
    assert.ok(result?.org, 'Salesforce did not accept the query; see the sfjob output');
    assert.deepStrictEqual(result.orgErrors, []);
    assert.deepStrictEqual(result.refresh?.fetched, [], 'the describe data fetched a moment ago is fresh enough');
    assert.deepStrictEqual(result.org.dateField, { name: 'Status', status: 'not-candidate' });
    assert.deepStrictEqual(prompts.asked, ['sfjob: Choose the dateField']);
    assert.strictEqual(result.dateFieldChosen, 'CreatedDate');
    assert.match(document.getText(), /"dateField": "CreatedDate"/);
    assert.ok(result.org.plan && typeof result.org.plan.selective === 'boolean');

    const log = await outputLogWith(/refresh\.sfjob\.json: Salesforce accepted the query\./);
    assert.match(log, /  object: Case/);
    assert.match(log, /  fields: Id \(id\), CaseNumber \(string\), Subject \(string\), Status \(picklist\), CreatedDate \(datetime\)/);
    assert.match(log, /  plan: \w+.*, relative cost [\d.]+ \((selective|not selective)\), about \d+ of \d+ rows/);
    assert.match(log, new RegExp(`  rows the query matches: ${result.org.rowEstimate?.count ?? -1} `));
    assert.match(log, /  date field candidates: CreatedDate \(datetime\)/);
  });

  it('Validate Query adds the dateField chosen from the candidates to a job that has none', async () => {
    const uri = job('no-date-field');
    await writeText(uri, jobText('SELECT Id, CaseNumber, Subject, CreatedDate, ClosedDate FROM Case', { dateField: undefined }));
    const { document } = await openChecked(uri);
    (await sfjobApi()).answerNextPrompts(['ClosedDate (datetime)']);
    const result = await vscode.commands.executeCommand<ValidateQueryResult | undefined>('sfjob.validateQuery', uri);
    assert.deepStrictEqual(result?.org?.dateField, { status: 'missing' });
    assert.deepStrictEqual(
      result.org.dateFieldCandidates.map((c) => `${c.path} (${c.type ?? '?'})`),
      ['CreatedDate (datetime)', 'ClosedDate (datetime)'],
    );
    assert.strictEqual(result.dateFieldChosen, 'ClosedDate');
    assert.strictEqual((JSON.parse(document.getText()) as { dateField?: string }).dateField, 'ClosedDate');
  });

  it('Validate Query fetches describe data older than sfjob.describe.maxAgeHours again', async () => {
    const uri = job('refresh');
    await openChecked(uri);
    const settings = vscode.workspace.getConfiguration('sfjob');
    await settings.update('describe.maxAgeHours', 0, vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<ValidateQueryResult | undefined>('sfjob.validateQuery', uri);
      assert.ok(result?.refresh, 'the check did not run; see the sfjob output');
      assert.ok(result.refresh.fetched.includes('Case'), JSON.stringify(result.refresh));
    } finally {
      await settings.update('describe.maxAgeHours', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Fetch Sample writes the redacted records into the sample file, and field-case then judges by them', async () => {
    const uri = job('fetch');
    const redactions = [{ pattern: '[A-Za-z]+', fields: ['Subject'], mask: '***' }];
    await writeText(uri, jobText('SELECT Id, CaseNumber, Subject, CreatedDate FROM Case', { mapping: { natural_id: 'casenumber', fields: [{ source: 'Subject', type: 'verbatim' }] }, redactions }));
    await openChecked(uri);
    const before = await diagnosticsEventually(uri, (d) => withCode(d, 'field-case') !== undefined, 'no field-case before the sample');
    assert.match(withCode(before, 'field-case')?.message ?? '', /in the org's describe data for Case/);

    const prompts = (await sfjobApi()).answerNextPrompts(['5']);
    const result = await vscode.commands.executeCommand<FetchSampleResult | undefined>('sfjob.fetchSample', uri);
    const after = await diagnosticsEventually(uri, (d) => /in the sample records/.test(withCode(d, 'field-case')?.message ?? ''), `field-case does not judge by the sample (${JSON.stringify(result)})`);
    assert.deepStrictEqual(prompts.asked, ['How many records to fetch for sfjob-test/online/fetch.sfjob.json?']);
    assert.ok(result, 'the sample was not fetched; see the sfjob output');
    assert.strictEqual(result.records, 5);
    assert.strictEqual(result.redacted, true);
    assert.ok(result.redactions > 0);
    const records = JSON.parse(fs.readFileSync(result.samplePath, 'utf8')) as { CaseNumber?: string; Subject?: string; attributes?: unknown }[];
    assert.strictEqual(records.length, 5);
    for (const record of records) {
      assert.ok(record.attributes && typeof record.CaseNumber === 'string', JSON.stringify(record));
      assert.doesNotMatch(record.Subject ?? '', /[A-Za-z]/, 'the redaction rule was not applied');
    }
    assert.match(withCode(after, 'field-case')?.message ?? '', /"casenumber" .* is spelled "CaseNumber" in the sample records \(fetch\.sample\.json\)/);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === result.samplePath), 'the sample file was not opened');
    const log = await outputLogWith(/Fetch Sample: wrote 5 records to sfjob-test\/online\/fetch\.sample\.json, \d+ matches redacted/);
    assert.match(log, /Fetch Sample: query sent: SELECT Id, CaseNumber, Subject, CreatedDate FROM Case WHERE .*CreatedDate.* LIMIT 5/);
  });

  it('Fetch Sample asks before replacing a sample that exists, says what changes, and keeps it on Cancel', async () => {
    // After the previous test, fetch.sample.json holds the first 5 records.
    const uri = job('fetch');
    const sample = vscode.Uri.joinPath(folder, 'fetch.sample.json');
    const before = await readText(sample);
    const cancelled = (await sfjobApi()).answerNextPrompts(['3', undefined]);
    const kept = await vscode.commands.executeCommand<FetchSampleResult | undefined>('sfjob.fetchSample', uri);
    assert.deepStrictEqual(cancelled.asked, ['How many records to fetch for sfjob-test/online/fetch.sfjob.json?', 'Replace the sample sfjob-test/online/fetch.sample.json?']);
    assert.ok(kept, 'the sample was not fetched; see the sfjob output');
    assert.strictEqual(kept.written, false);
    assert.strictEqual(await readText(sample), before, 'Cancel replaced the sample');
    assert.deepStrictEqual({ before: kept.change?.before, after: kept.change?.after, removed: kept.change?.removed, added: kept.change?.added, matchedBy: kept.change?.matchedBy }, { before: 5, after: 3, removed: 2, added: 0, matchedBy: 'Id' });

    const replaced = (await sfjobApi()).answerNextPrompts(['3', 'Replace and Show Diff']);
    const written = await vscode.commands.executeCommand<FetchSampleResult | undefined>('sfjob.fetchSample', uri);
    assert.strictEqual(replaced.asked.length, 2);
    assert.strictEqual(written?.written, true);
    assert.strictEqual((JSON.parse(await readText(sample)) as unknown[]).length, 3);
    await tabWhere((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.fsPath === sample.fsPath);
    await outputLogWith(/Fetch Sample: 5 records now, 3 records fetched \(matched by Id\): 0 added, 2 removed, 0 changed, 3 unchanged\./);

    // The same records again: nothing to ask, nothing written.
    const same = (await sfjobApi()).answerNextPrompts(['3']);
    const unchanged = await vscode.commands.executeCommand<FetchSampleResult | undefined>('sfjob.fetchSample', uri);
    assert.strictEqual(same.asked.length, 1);
    assert.strictEqual(unchanged?.written, false);
    await outputLogWith(/Fetch Sample: sfjob-test\/online\/fetch\.sample\.json already holds these 3 records; it was left as it is/);
  });
});
