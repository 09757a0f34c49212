import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { ResolvedJob } from '../../../src/core/job/resolve';
import type { SfRecord } from '../../../src/core/run/types';
import { bulkWindowQuery, windowQuery, type WindowBounds } from '../../../src/core/run/window';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { liveSource, loadState, runJob } from '../../../src/runner';
import { retrieveBulk } from '../../../src/salesforce/retrieve/bulk';
import { retrieveRecords, type RetrieveEvent } from '../../../src/salesforce/retrieve/pages';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { job } from '../../unit/core/run/helpers';
import { readJsonLines } from '../../unit/runner/helpers';
import type { TestWorkspace } from '../salesforce/workspace';
import { captureIo, useLiveOrg } from './live-org';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const RETRY = { baseMs: 1, maxMs: 5, random: () => 0.5 };
const POLL = { first: 1, max: 5 };
const WINDOW: WindowBounds = { until: new Date(NOW.getTime() - 120_000) };

const surveys = job({
  name: 'Surveys',
  query: 'SELECT Id, Score__c, Comment__c, Channel__c, Tags__c, CreatedDate, Owner.Name, Case__r.CaseNumber FROM Survey_Response__c',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Score__c', type: 'number' }, { source: 'Comment__c', type: 'verbatim' }, { source: 'Owner.Name', type: 'text' }] },
});
const chats = job({
  name: 'Chats',
  feedbackType: 'chat',
  query: 'SELECT Id, Body, StartTime, CreatedDate, Status, ChatDuration, IsChatbotSession FROM LiveChatTranscript',
  dateField: 'CreatedDate',
  mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'ChatDuration', type: 'number' }] },
});

async function all(pages: AsyncIterable<SfRecord[]>): Promise<{ records: SfRecord[]; pages: number }> {
  const records: SfRecord[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    records.push(...page);
  }
  return { records, pages: count };
}

const byId = (a: SfRecord, b: SfRecord) => String(a.Id).localeCompare(String(b.Id));
/** REST and Bulk name the record's own URL alike; a parent's url is REST-only detail the pipeline never reads. */
const withoutParentUrls = (record: SfRecord): SfRecord =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, key !== 'attributes' && value && typeof value === 'object' ? { ...(value as object), attributes: { type: (value as { attributes: { type: string } }).attributes.type } } : value]));

describe('Bulk API 2.0 retrieval against the emulator', function () {
  this.timeout(60_000);
  // The org's clock: each run sets it to the run's time, since the window ends at the org's time.
  let orgClock = NOW;
  const org = useLiveOrg({ now: () => orgClock, records: { cases: 30, chats: 60, sms: 0, surveys: 700 } });
  let emulator: EmulatorHandle;
  let workspace: TestWorkspace;
  let session: AuthorizedConnection;
  before(() => ({ emulator, workspace, session } = org));

  const bulkPages = (resolved: ResolvedJob, overrides: Partial<Parameters<typeof retrieveBulk>[0]> = {}) =>
    retrieveBulk({ session, query: bulkWindowQuery(resolved, WINDOW), objectName: resolved === chats ? 'LiveChatTranscript' : 'Survey_Response__c', pageSize: 150, pollMs: POLL, retry: RETRY, ...overrides });

  it('reads the same records as the REST query resource, paging the results by Sforce-Locator', async () => {
    const rest = await all(retrieveRecords({ session, queryFor: (bounds) => windowQuery(surveys, bounds), window: WINDOW, order: 'date', dateField: 'CreatedDate', retry: RETRY }).pages);
    const bulk = await all(bulkPages(surveys).pages);
    assert.equal(bulk.pages, Math.ceil(rest.records.length / 150));
    assert.ok(rest.records.some((record) => record.Case__r === null) && rest.records.some((record) => record.Case__r !== null));
    assert.deepEqual(bulk.records.map(withoutParentUrls).sort(byId), rest.records.map(withoutParentUrls).sort(byId));
  });

  it('carries chat transcript bodies (HTML, line breaks, quotes) through the CSV unchanged', async () => {
    const rest = await all(retrieveRecords({ session, queryFor: (bounds) => windowQuery(chats, bounds), window: WINDOW, order: 'date', dateField: 'CreatedDate', retry: RETRY }).pages);
    const bulk = await all(bulkPages(chats, { pageSize: 7 }).pages);
    assert.ok(rest.records.some((record) => String(record.Body).includes('\n') || String(record.Body).includes('"')), 'no body with a line break or quote to test');
    assert.deepEqual(bulk.records.sort(byId), rest.records.sort(byId));
  });

  it('retries a failed results page and carries on with a new token after the session ends', async () => {
    emulator.faults.set({
      rules: [
        { action: 'error', status: 503, path: '/results', nth: 2 },
        { action: 'expire-token', path: '/results', nth: 3 },
      ],
    });
    const events: RetrieveEvent[] = [];
    const retrieval = bulkPages(surveys, { onEvent: (event) => events.push(event) });
    const bulk = await all(retrieval.pages);
    assert.equal(new Set(bulk.records.map((record) => record.Id)).size, emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true).length);
    assert.deepEqual(events.map((event) => event.type), ['retry', 'restart']);
    assert.match(retrieval.jobId() ?? '', /^750/);
  });

  it('fails with Salesforce message when the query cannot run in Bulk', async () => {
    const retrieval = retrieveBulk({ session, query: 'SELECT Id, (SELECT Id FROM Surveys__r) FROM Case', objectName: 'Case', pollMs: POLL, retry: RETRY });
    await assert.rejects(all(retrieval.pages), /Bulk API 2.0 query failed: .*Nested queries are not supported/);
  });

  it('fails rather than read untyped columns when the queried object cannot be described', async () => {
    emulator.faults.set({ rules: [{ action: 'error', status: 500, path: '/sobjects/Survey_Response__c/describe', times: 6 }] });
    await assert.rejects(all(bulkPages(surveys).pages), /Bulk API 2\.0 query failed: UNKNOWN_EXCEPTION/);
  });

  async function run(resolved: ResolvedJob, jobFile: string, bulkAbove: number | undefined, now = NOW) {
    orgClock = now;
    return runJob({
      jobPath: path.join(workspace.root, jobFile),
      job: resolved,
      source: liveSource({ session, job: resolved, now, retry: RETRY, batchSize: 200, bulkPageSize: 100, bulkPollMs: POLL, ...(bulkAbove !== undefined ? { bulkAbove } : {}) }),
      now,
      workspaceRoot: workspace.root,
    });
  }

  it('runs a chat job through Bulk above the threshold, writing the same documents as through REST', async () => {
    const viaRest = await run(chats, 'chats-rest.sfjob.json', undefined);
    const viaBulk = await run(chats, 'chats-bulk.sfjob.json', 10);
    assert.equal(viaBulk.status, 'succeeded', viaBulk.report.error);
    assert.deepEqual(viaRest.report.retrieval, { retries: 0, restarts: 0, splits: 0 });
    const rows = emulator.org.rows('LiveChatTranscript').filter((row) => row.IsDeleted !== true).length;
    assert.deepEqual({ ...viaBulk.report.retrieval?.bulk, jobId: undefined }, { rows, threshold: 10, used: true, jobId: undefined });
    const sortById = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.natural_id).localeCompare(String(b.natural_id));
    const restDocuments = (await readJsonLines(viaRest.output?.path ?? '')).sort(sortById);
    const bulkDocuments = (await readJsonLines(viaBulk.output?.path ?? '')).sort(sortById);
    assert.ok(bulkDocuments.length > 0);
    assert.deepEqual(bulkDocuments, restDocuments);
    assert.equal(viaBulk.report.state.after.watermark, viaRest.report.state.after.watermark);
  });

  it('stays on REST pages when the window holds no more rows than the threshold', async () => {
    const rows = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted !== true).length;
    const outcome = await run(surveys, 'surveys-small.sfjob.json', rows);
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.deepEqual(outcome.report.retrieval?.bulk, { rows, threshold: rows, used: false });
    assert.equal(outcome.report.written, rows);
  });

  it('reads deleted rows too through a queryAll job when the job includes them', async () => {
    const all = emulator.org.rows('Survey_Response__c').filter((row) => Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < WINDOW.until.getTime());
    assert.ok(all.some((row) => row.IsDeleted === true), 'no deleted survey to read');
    const outcome = await run({ ...surveys, includeDeleted: true }, 'surveys-deleted.sfjob.json', 10);
    assert.equal(outcome.status, 'succeeded', outcome.report.error);
    assert.equal(outcome.report.retrieval?.bulk?.used, true);
    assert.equal(outcome.report.written, all.length);
  });

  it('keeps the old watermark when the API allowance runs out part-way through a Bulk read', async () => {
    const first = await run(surveys, 'surveys-limited.sfjob.json', undefined);
    const watermark = first.report.state.after.watermark;
    emulator.org.insert('Survey_Response__c', Array.from({ length: 300 }, (_, index) => ({ Name: `new-${index}`, Score__c: 5, CreatedDate: new Date(NOW.getTime() + 60_000 + index).toISOString() })));
    const later = new Date(NOW.getTime() + 3_600_000);
    // The count, the job, its status, the first page of results, the describes of Survey_Response__c and
    // Case (Owner may be a user or a queue, so no object is implied for it), and the second page; the third
    // page is refused.
    emulator.faults.set({ requestLimitAfter: 7 });
    const stopped = await run(surveys, 'surveys-limited.sfjob.json', 10, later);
    assert.equal(stopped.status, 'succeeded', stopped.report.error);
    assert.match(stopped.report.stoppedEarly ?? '', /REQUEST_LIMIT_EXCEEDED/);
    assert.equal(stopped.report.written, 200);
    assert.equal((await loadState(path.join(workspace.root, '.sfjob/state/surveys-limited.json'))).watermark, watermark);
    assert.match(stopped.report.warnings.messages.join('\n'), /Bulk API run stopped before the end of its window/);
    emulator.faults.clear();
    const resumed = await run({ ...surveys, duplicates: 'skip' }, 'surveys-limited.sfjob.json', 10, later);
    assert.equal(resumed.status, 'succeeded', resumed.report.error);
    assert.equal(resumed.report.duplicates.skipped, 200);
    assert.equal(resumed.report.written, 100);
  });

  it('takes the threshold from the job or --bulk-above (which wins) and says so in the summary', async () => {
    await fs.mkdir(path.join(workspace.root, 'jobs'), { recursive: true });
    await fs.writeFile(
      path.join(workspace.root, 'jobs', 'cli-chats.sfjob.json'),
      JSON.stringify({ name: 'Chats', project: 'Customer Care', connection: 'local', feedbackType: 'chat', query: chats.query, dateField: 'CreatedDate' }),
    );
    const cli = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'jobs/cli-chats.sfjob.json', '--bulk-above', '5'], cli.io), 0, cli.stderr());
    assert.match(cli.stdout(), /read through Bulk API 2\.0 \(\d+ rows in the window, above 5\)/);
    await fs.writeFile(
      path.join(workspace.root, 'jobs', 'keyed-chats.sfjob.json'),
      JSON.stringify({ name: 'Chats', project: 'Customer Care', connection: 'local', feedbackType: 'chat', query: chats.query, dateField: 'CreatedDate', bulkAbove: 5 }),
    );
    const keyed = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'jobs/keyed-chats.sfjob.json', '--format', 'json'], keyed.io), 0, keyed.stderr());
    assert.equal(JSON.parse(keyed.stdout()).retrieval.bulk.threshold, 5);
    const overridden = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'jobs/keyed-chats.sfjob.json', '--full', '--bulk-above', '100000', '--format', 'json'], overridden.io), 0, overridden.stderr());
    assert.deepEqual(JSON.parse(overridden.stdout()).retrieval.bulk.used, false);
    const bad = captureIo(workspace.root, workspace.env);
    assert.equal(await main(['run', 'jobs/cli-chats.sfjob.json', '--bulk-above', 'lots'], bad.io), 2);
    assert.match(bad.stderr(), /--bulk-above takes a whole number of rows/);
  });
});
