import assert from 'node:assert/strict';
import { durationMs, planWindow, windowQuery } from '../../../../src/core/run/window';
import { job } from './helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');
const incremental = { mode: 'incremental' as const, frequency: 'daily' as const, startsOn: '09:00', timezone: 'UTC' };

describe('planWindow', () => {
  it('ends the window two minutes before the run so records still committing are read next time', () => {
    assert.deepEqual(planWindow({ schedule: { mode: 'once' }, now: NOW }), { until: new Date('2026-11-25T07:58:00.000Z') });
  });

  it('starts from the watermark minus the lookback, or from startDate on a first or full run', () => {
    const schedule = { ...incremental, lookback: '2h', startDate: '2026-01-01T00:00:00Z' };
    assert.equal(planWindow({ watermark: '2026-11-24T07:58:00.000Z', schedule, now: NOW }).since?.toISOString(), '2026-11-24T05:58:00.000Z');
    assert.equal(planWindow({ schedule, now: NOW }).since?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(planWindow({ watermark: '2026-11-24T07:58:00.000Z', schedule, now: NOW, full: true }).since?.toISOString(), '2026-01-01T00:00:00.000Z');
  });

  it('never starts after it ends, with a watermark between the window\'s end and the org\'s time', () => {
    const window = planWindow({ watermark: new Date(NOW.getTime() - 30_000).toISOString(), schedule: incremental, now: NOW });
    assert.equal(window.since?.getTime(), window.until.getTime());
  });

  it('refuses a watermark ahead of the org\'s time, and reads a window chosen with since', () => {
    assert.throws(() => planWindow({ watermark: '2030-01-01T00:00:00.000Z', schedule: incremental, now: NOW }), /watermark 2030-01-01T00:00:00.000Z is ahead of the org's time 2026/);
    const chosen = planWindow({ watermark: '2030-01-01T00:00:00.000Z', schedule: incremental, now: NOW, since: new Date('2026-11-01T00:00:00Z') });
    assert.equal(chosen.since?.toISOString(), '2026-11-01T00:00:00.000Z');
  });

  it('reads durations in minutes, hours and days and refuses anything else', () => {
    assert.equal(durationMs('90m'), 5_400_000);
    assert.equal(durationMs('1d'), 86_400_000);
    assert.throws(() => durationMs('2 weeks'), /not a duration/);
  });
});

describe('windowQuery', () => {
  it('orders feedback and chat by the date field, then Id', () => {
    const query = windowQuery(job(), { since: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-02-01T00:00:00Z') });
    assert.match(query, /WHERE CreatedDate >= 2024-01-01T00:00:00\.000Z AND CreatedDate < 2024-02-01T00:00:00\.000Z ORDER BY CreatedDate, Id$/);
  });

  it('orders sms rows by conversation, then entry time, keeping the user condition and limit', () => {
    const sms = job({ feedbackType: 'sms', query: "SELECT Id, ConversationId, Message, EntryTime FROM ConversationEntry WHERE ActorType != 'System' OR Seq > 1 ORDER BY Seq LIMIT 10", dateField: 'EntryTime' });
    const query = windowQuery(sms, { until: new Date('2024-02-01T00:00:00Z') });
    assert.match(query, /WHERE \(ActorType != 'System' OR Seq > 1\) AND EntryTime < 2024-02-01T00:00:00\.000Z ORDER BY ConversationId, EntryTime, Id LIMIT 10$/);
  });
});
