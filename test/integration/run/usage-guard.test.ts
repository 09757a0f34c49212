import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { liveSource, loadState, runJob } from '../../../src/runner';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { job } from '../../unit/core/run/helpers';
import { readJsonLines } from '../../unit/runner/helpers';
import type { TestWorkspace } from '../salesforce/workspace';
import { captureIo, useLiveOrg } from './live-org';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const surveys = job({ name: 'Surveys', query: 'SELECT Id, Score__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });

describe('the API usage guard (Sforce-Limit-Info)', function () {
  this.timeout(60_000);
  const org = useLiveOrg({ now: () => NOW, apiDailyLimit: 1000, records: { cases: 2, chats: 0, sms: 0, surveys: 1500 } });
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;
  before(() => ({ emulator, workspace, session } = org));

  const run = (maxApiUsagePercent: number | undefined, runId: string) =>
    runJob({
      jobPath: path.join(workspace.root, 'surveys.sfjob.json'),
      job: surveys,
      source: liveSource({ session, job: surveys, now: NOW, batchSize: 200, ...(maxApiUsagePercent !== undefined ? { maxApiUsagePercent } : {}) }),
      now: NOW,
      runId,
      workspaceRoot: workspace.root,
    });

  it('stops before the request that would pass the guard, keeps what it read, and the next run carries on', async () => {
    const used = (await (await fetch(`${emulator.url}/__emulator`)).json()) as { apiUsage: { used: number } };
    // Three more pages reach the guard.
    const guard = ((used.apiUsage.used + 3) / 1000) * 100;
    const stopped = await run(guard, 'guarded');
    assert.equal(stopped.status, 'succeeded', stopped.report.error);
    assert.match(stopped.report.stoppedEarly ?? '', /API usage reached \d+ of 1000 calls .* at or above the [\d.]+ % guard/);
    assert.equal(stopped.report.written, 600);
    const documents = await readJsonLines(stopped.output?.path ?? '');
    const state = await loadState(path.join(workspace.root, '.sfjob/state/surveys.json'));
    assert.equal(state.watermark, documents[documents.length - 1].document_date);

    const resumed = await run(undefined, 'resumed');
    assert.equal(resumed.status, 'succeeded', resumed.report.error);
    const all = new Set([...documents, ...(await readJsonLines(resumed.output?.path ?? ''))].map((document) => document.natural_id));
    assert.equal(all.size, emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true).length);
  });

  it('checks --max-api-usage on the command line', async () => {
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'surveys.sfjob.json', '--max-api-usage', '0'], cli.io), 2);
    assert.match(cli.stderr(), /--max-api-usage takes a percentage above 0 and at most 100, not "0"/);
  });
});
