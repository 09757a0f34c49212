import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { listFiles } from '../../unit/runner/helpers';
import { emulatorWorkspace, type TestWorkspace } from '../salesforce/workspace';
import { captureIo } from './live-org';
import { surveyJob } from './survey-job';

const JOB = surveyJob({
  filter: 'Score__c >= 5 AND Channel__c = "Web"',
  mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Channel__c', type: 'text', transform: { expression: 'LOWER(VALUE)' } }, { source: 'Comment__c', type: 'verbatim' }] },
});

/** What the documents of the live rows cost by XM's rule: 1 per started 2,048 characters of the comment, 0.25 without one. */
function expectedCost(rows: Record<string, unknown>[]): number {
  return rows.reduce((sum, row) => {
    const comment = typeof row.Comment__c === 'string' ? row.Comment__c : '';
    return sum + (comment.trim() === '' ? 0.25 : Math.ceil([...comment].length / 2048));
  }, 0);
}

describe('XM Discover cost, budget and expression tester on the CLI', function () {
  this.timeout(120_000);
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let kept: Record<string, unknown>[];

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 1, chats: 1, sms: 1, surveys: 300 } });
    workspace = emulatorWorkspace(emulator);
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    kept = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true && typeof row.Score__c === 'number' && row.Score__c >= 5 && row.Channel__c === 'Web');
    assert.ok(kept.length > 2, 'the emulator has web surveys scoring 5 or more');
  });
  after(async () => {
    await emulator.close();
    workspace.remove();
  });

  async function writeJob(name: string, extra: Record<string, unknown>): Promise<string> {
    const file = path.join('jobs', `${name}.sfjob.json`);
    await fs.writeFile(path.join(workspace.root, file), JSON.stringify({ ...JOB, ...extra }, null, 2));
    return file;
  }

  it('refuses a run over budget.maxFeedbackRecords before publishing anything, with the count', async () => {
    const total = expectedCost(kept);
    const file = await writeJob('tight', { budget: { maxFeedbackRecords: total - 0.25 } });
    const cli = captureIo(workspace.root, workspace.env);
    const code = await main(['run', file, '--format', 'json'], cli.io);
    assert.equal(code, 1);
    const report = JSON.parse(cli.stdout()) as { status: string; error: string; output?: unknown };
    assert.equal(report.status, 'failed');
    assert.match(report.error, new RegExp(`consume ${total.toLocaleString('en-US')} feedback records \\(${kept.length} documents\\), more than the job's budget`));
    assert.equal(report.output, undefined);
    const files = await listFiles(workspace.root);
    assert.ok(!files.some((f) => f.startsWith('out/tight')), files.join('\n'));
    assert.ok(!files.includes('.sfjob/state/tight.json'), 'no state was saved');
  });

  it('reports the cost of a run within its budget, in total and by document', async () => {
    const total = expectedCost(kept);
    const file = await writeJob('fits', { budget: { maxFeedbackRecords: total } });
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', file, '--format', 'json'], cli.io), 0, cli.stderr());
    const report = JSON.parse(cli.stdout()) as { feedbackRecords: { total: number; documents: number; byCost: Record<string, number>; first: { naturalId: string; records: number }[]; budget: number } };
    assert.equal(report.feedbackRecords.total, total);
    assert.equal(report.feedbackRecords.documents, kept.length);
    assert.equal(report.feedbackRecords.budget, total);
    assert.equal(Object.values(report.feedbackRecords.byCost).reduce((a, b) => a + b, 0), kept.length);
    const first = kept.find((row) => row.Id === report.feedbackRecords.first[0].naturalId);
    assert.ok(first);
    assert.equal(report.feedbackRecords.first[0].records, expectedCost([first]));
  });

  it('previews the cost in total and per document', async () => {
    const file = await writeJob('preview', {});
    const sample: Record<string, unknown>[] = emulator.org.rows('Survey_Response__c').slice(0, 40).map((row) => ({ attributes: { type: 'Survey_Response__c' }, ...row }));
    await fs.writeFile(path.join(workspace.root, 'jobs', 'preview.sample.json'), JSON.stringify(sample));
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['preview', file, '--limit', '2'], cli.io), 0, cli.stderr());
    const shown = cli.stdout().trim().split('\n').map((line) => JSON.parse(line) as { natural_id: string });
    const made = sample.filter((row) => typeof row.Score__c === 'number' && row.Score__c >= 5 && row.Channel__c === 'Web' && row.IsDeleted !== true);
    assert.match(cli.stderr(), new RegExp(`XM Discover cost: ${expectedCost(made).toLocaleString('en-US')} feedback records? for ${made.length} documents`));
    for (const document of shown) {
      const row = made.find((candidate) => candidate.Id === document.natural_id);
      assert.ok(row);
      const records = expectedCost([row]);
      assert.ok(cli.stderr().includes(`${document.natural_id}: ${records} feedback record${records === 1 ? '' : 's'}`), cli.stderr());
    }
  });

  it('tests the filter on given values, the rest from the sample, and says why', async () => {
    const file = await writeJob('tester', {});
    const record = { attributes: { type: 'Survey_Response__c' }, Id: 'a01', Score__c: 9, Channel__c: 'Web', Comment__c: 'fine' };
    await fs.writeFile(path.join(workspace.root, 'jobs', 'tester.sample.json'), JSON.stringify([record]));
    let cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['test-expression', file, '--value', 'Score__c=3'], cli.io), 0, cli.stderr());
    assert.match(cli.stdout(), /^result: false$/m);
    assert.match(cli.stdout(), /the record is dropped/);
    assert.match(cli.stdout(), /Score__c = 3 \(given\)/);
    assert.match(cli.stdout(), /Channel__c = "Web" \(from the sample record\)/);
    assert.match(cli.stdout(), /^\s+Score__c >= 5 → false$/m);
    assert.match(cli.stdout(), /^\s+Channel__c = "Web" → true$/m);

    cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['test-expression', file, '--field', 'Channel__c', '--value', 'Channel__c=PHONE', '--format', 'json'], cli.io), 0, cli.stderr());
    const result = JSON.parse(cli.stdout()) as { value: unknown };
    assert.equal(result.value, 'phone');

    cli = captureIo(workspace.root, workspace.env);
    await fs.writeFile(path.join(workspace.root, file), JSON.stringify({ ...JOB, filter: 'Score__c >= ' }, null, 2));
    assert.equal(await main(['test-expression', file], cli.io), 1);
    assert.match(cli.stdout(), /problem at/);
  });
});
