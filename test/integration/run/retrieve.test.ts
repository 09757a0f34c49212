import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../../src/emulator/index';
import { windowQuery, type WindowBounds } from '../../../src/core/run/window';
import type { SfRecord } from '../../../src/core/run/types';
import { RetrieveError } from '../../../src/salesforce/retrieve/errors';
import { retrieveRecords, type RetrieveEvent, type RetrieveOptions } from '../../../src/salesforce/retrieve/pages';
import type { AuthorizedConnection } from '../../../src/salesforce/session/types';
import { job } from '../../unit/core/run/helpers';
import { useLiveOrg } from './live-org';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const surveys = job({ query: 'SELECT Id, Score__c, Channel__c, CreatedDate FROM Survey_Response__c', dateField: 'CreatedDate' });
const entries = job({ feedbackType: 'sms', query: 'SELECT Id, ConversationId, ActorType, ActorName, Message, EntryTime FROM ConversationEntry', dateField: 'EntryTime' });

async function collect(options: RetrieveOptions): Promise<{ records: SfRecord[]; pages: number; events: RetrieveEvent[]; apiCalls: number; stoppedEarly?: string }> {
  const events: RetrieveEvent[] = [];
  const retrieval = retrieveRecords({ ...options, onEvent: (event) => events.push(event) });
  const records: SfRecord[] = [];
  let pages = 0;
  for await (const page of retrieval.pages) {
    pages++;
    records.push(...page);
  }
  const stoppedEarly = retrieval.stoppedEarly();
  return { records, pages, events, apiCalls: retrieval.apiCalls(), ...(stoppedEarly ? { stoppedEarly } : {}) };
}

describe('retrieveRecords against the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let session: AuthorizedConnection;
  const window: WindowBounds = { until: new Date(NOW.getTime() - 60_000) };

  const org = useLiveOrg({ now: () => NOW, records: { cases: 20, chats: 10, sms: 30, surveys: 900 } });
  before(() => ({ emulator, session } = org));

  const surveyOptions = (overrides: Partial<RetrieveOptions> = {}): RetrieveOptions => ({
    session,
    queryFor: (bounds) => windowQuery(surveys, bounds),
    window,
    order: 'date',
    dateField: 'CreatedDate',
    batchSize: 200,
    retry: { baseMs: 1, maxMs: 5, random: () => 0.5 },
    ...overrides,
  });

  let baseline: SfRecord[];
  before(async () => {
    baseline = (await collect(surveyOptions())).records;
  });

  const ids = (records: SfRecord[]): string[] => records.map((record) => String(record.Id));

  it('reads every record of the window once, in date order, one page per request', async () => {
    const result = await collect(surveyOptions());
    const inWindow = emulator.org.rows('Survey_Response__c').filter((row) => Date.parse(String(row.CreatedDate).replace('+0000', 'Z')) < window.until.getTime());
    assert.ok(inWindow.length > 400);
    assert.equal(result.records.length, inWindow.filter((row) => row.IsDeleted !== true).length);
    assert.equal(new Set(ids(result.records)).size, result.records.length);
    const dates = result.records.map((record) => String(record.CreatedDate));
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(result.pages, Math.ceil(result.records.length / 200));
    assert.equal(result.apiCalls, result.pages);
  });

  it('includes deleted records through queryAll when the job asks for them', async () => {
    const result = await collect(surveyOptions({ includeDeleted: true }));
    const deleted = emulator.org.rows('Survey_Response__c').filter((row) => row.IsDeleted === true).map((row) => String(row.Id));
    assert.ok(deleted.length > 0);
    assert.equal(result.records.length, baseline.length + deleted.length);
    for (const id of deleted) assert.ok(ids(result.records).includes(id));
  });

  it('retries 503s, 429s and dropped connections with backoff, losing and repeating nothing', async () => {
    emulator.faults.set({
      rules: [
        { action: 'error', status: 503, path: '/query', nth: 1, times: 2 },
        { action: 'reset', path: '/query/', nth: 2 },
        { action: 'error', status: 429, path: '/query/', nth: 3 },
      ],
    });
    const result = await collect(surveyOptions());
    assert.deepEqual(ids(result.records), ids(baseline));
    const retries = result.events.filter((event) => event.type === 'retry');
    assert.ok(retries.length >= 4, JSON.stringify(result.events));
    assert.deepEqual(emulator.faults.firings().map((count) => count > 0), [true, true, true]);
    assert.equal(result.apiCalls, Math.ceil(baseline.length / 200) + retries.length);
  });

  it('queries the window again from the last record when the query locator is lost, without handing a record on twice', async () => {
    emulator.faults.set({ rules: [{ action: 'invalidate-locators', path: '/query/', nth: 2 }] });
    const result = await collect(surveyOptions());
    assert.deepEqual(ids(result.records), ids(baseline));
    const restart = result.events.find((event) => event.type === 'restart');
    assert.ok(restart && restart.type === 'restart' && restart.resumeFrom, JSON.stringify(result.events));
  });

  it('renews an expired session mid-read and still hands every record on exactly once', async () => {
    emulator.faults.set({ rules: [{ action: 'expire-token', path: '/query/', nth: 1 }] });
    const result = await collect(surveyOptions());
    assert.deepEqual(ids(result.records), ids(baseline));
  });

  it('splits the window in half on QUERY_TIMEOUT until the halves answer', async () => {
    emulator.faults.set({ queryTimeoutDays: 60 });
    const result = await collect(surveyOptions({ window: { since: new Date('2025-11-25T00:00:00.000Z'), until: window.until } }));
    const expected = baseline.filter((record) => String(record.CreatedDate) >= '2025-11-25');
    assert.deepEqual(ids(result.records), ids(expected));
    assert.ok(result.events.filter((event) => event.type === 'split').length >= 3, JSON.stringify(result.events));
  });

  it('stops cleanly when the org refuses further API calls, keeping what it read', async () => {
    emulator.faults.set({ requestLimitAfter: 2 });
    const result = await collect(surveyOptions());
    assert.deepEqual(ids(result.records), ids(baseline.slice(0, 400)));
    assert.match(result.stoppedEarly ?? '', /REQUEST_LIMIT_EXCEEDED.*TotalRequests/);
  });

  it('fails at once with Salesforce\'s code and message for a query it rejects', async () => {
    const events: RetrieveEvent[] = [];
    const retrieval = retrieveRecords(surveyOptions({ queryFor: () => 'SELECT Id, Nope__c FROM Survey_Response__c', onEvent: (event) => events.push(event) }));
    await assert.rejects(
      (async () => {
        for await (const _page of retrieval.pages) assert.fail('no page expected');
      })(),
      (error: unknown) => error instanceof RetrieveError && error.errorCode === 'INVALID_FIELD' && /Nope__c/.test(error.message),
    );
    assert.equal(retrieval.apiCalls(), 1);
    assert.deepEqual(events, []);
  });

  it('requests the next page while the consumer still holds the current one', async () => {
    const delayMs = 200;
    // The consumer is the slower side, so the time each request spends beyond its delay overlaps too.
    const consumerMs = 400;
    emulator.faults.set({ delayMs });
    const started = Date.now();
    const retrieval = retrieveRecords(surveyOptions());
    const records: SfRecord[] = [];
    let pages = 0;
    let requestedWhileHeld = 0;
    for await (const page of retrieval.pages) {
      pages++;
      records.push(...page);
      const callsAtHandOver = retrieval.apiCalls();
      await new Promise((resolve) => setTimeout(resolve, consumerMs));
      if (retrieval.apiCalls() > callsAtHandOver || callsAtHandOver > pages) requestedWhileHeld++;
    }
    const elapsed = Date.now() - started;
    assert.deepEqual(ids(records), ids(baseline));
    assert.ok(pages >= 4, `only ${pages} pages`);
    // Every page but the last had its successor requested before the consumer let go of it.
    assert.equal(requestedWhileHeld, pages - 1);
    // One after the other, the pages would take pages × (delay + consumer); overlapped, about half.
    const sequential = pages * (delayMs + consumerMs);
    assert.ok(elapsed < sequential * 0.85, `${pages} pages took ${elapsed} ms, not well below the sequential ${sequential} ms`);
  });

  it('ends the request read ahead when the consumer stops early, leaving nothing running or unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const delayMs = 600;
      emulator.faults.set({ delayMs });
      const retrieval = retrieveRecords(surveyOptions());
      let stoppedAt = 0;
      for await (const _page of retrieval.pages) {
        stoppedAt = Date.now();
        break;
      }
      // The second page's request was under way; stopping aborted it rather than waiting out its delay.
      assert.equal(retrieval.apiCalls(), 2);
      const stopMs = Date.now() - stoppedAt;
      assert.ok(stopMs < delayMs / 2, `stopping took ${stopMs} ms: it waited for the request read ahead`);
      const afterStop = retrieval.apiCalls();
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(retrieval.apiCalls(), afterStop);

      const controller = new AbortController();
      const aborted = retrieveRecords(surveyOptions({ signal: controller.signal }));
      const seen: SfRecord[] = [];
      await assert.rejects(async () => {
        for await (const page of aborted.pages) {
          seen.push(...page);
          controller.abort();
        }
      });
      assert.deepEqual(ids(seen), ids(baseline.slice(0, 200)));
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads sms rows ordered by conversation and resumes by row count after a lost locator', async () => {
    const smsOptions = (): RetrieveOptions => ({ ...surveyOptions(), queryFor: (bounds) => windowQuery(entries, bounds), order: 'conversation', dateField: 'EntryTime' });
    const clean = await collect(smsOptions());
    const conversations = clean.records.map((record) => String(record.ConversationId));
    assert.deepEqual(conversations, [...conversations].sort());
    emulator.faults.set({ rules: [{ action: 'invalidate-locators', path: '/query/', nth: 1 }] });
    const restarted = await collect(smsOptions());
    assert.deepEqual(ids(restarted.records), ids(clean.records));
  });
});
