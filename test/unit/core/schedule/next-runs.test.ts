import * as assert from 'node:assert/strict';
import type { IncrementalSchedule } from '../../../../src/core/job/schema';
import { isDue, nextRuns } from '../../../../src/core/schedule';

function schedule(fields: Partial<IncrementalSchedule>): IncrementalSchedule {
  return { mode: 'incremental', frequency: 'daily', startsOn: '09:00', timezone: 'UTC', ...fields };
}

function runs(fields: Partial<IncrementalSchedule>, from: string, count = 3): string[] {
  return nextRuns(schedule(fields), new Date(from), count).map((d) => d.toISOString());
}

describe('nextRuns', () => {
  describe('the contract examples', () => {
    it('hourly runs as soon as possible on the startsOn minute: starts 08:30, now 09:18 → 09:30', () => {
      assert.deepEqual(runs({ frequency: 'hourly', startsOn: '08:30' }, '2026-03-15T09:18:00Z'), [
        '2026-03-15T09:30:00.000Z',
        '2026-03-15T10:30:00.000Z',
        '2026-03-15T11:30:00.000Z',
      ]);
    });

    it('daily at 09:00, created 15 March 13:00 → 16 March', () => {
      assert.deepEqual(runs({ frequency: 'daily', startsOn: '09:00' }, '2026-03-15T13:00:00Z', 2), ['2026-03-16T09:00:00.000Z', '2026-03-17T09:00:00.000Z']);
    });

    it('monthly on the 20th, created 15 March 13:00 → 20 March', () => {
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 20 }, '2026-03-15T13:00:00Z', 2), ['2026-03-20T09:00:00.000Z', '2026-04-20T09:00:00.000Z']);
    });

    it('monthly on the 15th at 09:00, created 15 March 13:00 → 15 April', () => {
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 15 }, '2026-03-15T13:00:00Z', 1), ['2026-04-15T09:00:00.000Z']);
    });
  });

  it('includes a run exactly at the start time', () => {
    assert.deepEqual(runs({}, '2026-03-15T09:00:00Z', 1), ['2026-03-15T09:00:00.000Z']);
    assert.deepEqual(runs({}, '2026-03-15T09:00:00.001Z', 1), ['2026-03-16T09:00:00.000Z']);
  });

  describe('hourly', () => {
    it('runs every N hours from startsOn, on the same wall times each day', () => {
      assert.deepEqual(runs({ frequency: 'hourly', everyHours: 6, startsOn: '08:30' }, '2026-03-15T21:00:00Z', 5), [
        '2026-03-16T02:30:00.000Z',
        '2026-03-16T08:30:00.000Z',
        '2026-03-16T14:30:00.000Z',
        '2026-03-16T20:30:00.000Z',
        '2026-03-17T02:30:00.000Z',
      ]);
    });

    it('places runs every N hours around startsOn within each day when N does not divide a day', () => {
      assert.deepEqual(runs({ frequency: 'hourly', everyHours: 5, startsOn: '08:00' }, '2026-03-15T22:00:00Z', 3), [
        '2026-03-15T23:00:00.000Z',
        '2026-03-16T03:00:00.000Z',
        '2026-03-16T08:00:00.000Z',
      ]);
    });

    it('with every 24 hours runs once a day at startsOn', () => {
      assert.deepEqual(runs({ frequency: 'hourly', everyHours: 24, startsOn: '07:15' }, '2026-03-15T08:00:00Z', 2), ['2026-03-16T07:15:00.000Z', '2026-03-17T07:15:00.000Z']);
    });

    it('runs every real hour through the night clocks go back, the repeated hour twice', () => {
      // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST.
      assert.deepEqual(runs({ frequency: 'hourly', startsOn: '00:30', timezone: 'America/New_York' }, '2026-11-01T04:00:00Z', 5), [
        '2026-11-01T04:30:00.000Z',
        '2026-11-01T05:30:00.000Z',
        '2026-11-01T06:30:00.000Z',
        '2026-11-01T07:30:00.000Z',
        '2026-11-01T08:30:00.000Z',
      ]);
    });

    it('skips the hour that does not exist when clocks go forward, without running twice', () => {
      // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
      assert.deepEqual(runs({ frequency: 'hourly', startsOn: '00:30', timezone: 'America/New_York' }, '2026-03-08T05:00:00Z', 4), [
        '2026-03-08T05:30:00.000Z',
        '2026-03-08T06:30:00.000Z',
        '2026-03-08T07:30:00.000Z',
        '2026-03-08T08:30:00.000Z',
      ]);
    });
  });

  describe('time zones and daylight saving', () => {
    it('keeps a daily run at the same wall time across the spring change', () => {
      assert.deepEqual(runs({ startsOn: '09:00', timezone: 'Europe/London' }, '2026-03-28T12:00:00Z', 3), [
        '2026-03-29T08:00:00.000Z',
        '2026-03-30T08:00:00.000Z',
        '2026-03-31T08:00:00.000Z',
      ]);
    });

    it('runs a 02:30 start at 03:30 on the night 02:30 does not exist', () => {
      assert.deepEqual(runs({ startsOn: '02:30', timezone: 'America/New_York' }, '2026-03-07T00:00:00Z', 3), [
        '2026-03-07T07:30:00.000Z',
        '2026-03-08T07:30:00.000Z',
        '2026-03-09T06:30:00.000Z',
      ]);
    });

    it('runs a 01:30 start once, at the first 01:30, on the night clocks go back', () => {
      assert.deepEqual(runs({ startsOn: '01:30', timezone: 'America/New_York' }, '2026-10-31T12:00:00Z', 2), ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    });

    it('uses the local date of the zone, not of UTC', () => {
      // 23:00 in Auckland on 15 March is 10:00 UTC on the same day (NZDT, +13).
      assert.deepEqual(runs({ startsOn: '23:00', timezone: 'Pacific/Auckland' }, '2026-03-15T09:00:00Z', 1), ['2026-03-15T10:00:00.000Z']);
      // 00:30 in Honolulu (-10) is 10:30 UTC.
      assert.deepEqual(runs({ startsOn: '00:30', timezone: 'Pacific/Honolulu' }, '2026-03-15T11:00:00Z', 1), ['2026-03-16T10:30:00.000Z']);
    });

    it('handles half-hour zones', () => {
      assert.deepEqual(runs({ startsOn: '09:00', timezone: 'Asia/Kolkata' }, '2026-03-15T00:00:00Z', 1), ['2026-03-15T03:30:00.000Z']);
    });
  });

  describe('weekly', () => {
    it('runs on the listed days only', () => {
      // 15 March 2026 is a Sunday.
      assert.deepEqual(runs({ frequency: 'weekly', days: ['MON', 'THU'] }, '2026-03-15T13:00:00Z', 4), [
        '2026-03-16T09:00:00.000Z',
        '2026-03-19T09:00:00.000Z',
        '2026-03-23T09:00:00.000Z',
        '2026-03-26T09:00:00.000Z',
      ]);
    });

    it('runs today when today is listed and startsOn is still ahead', () => {
      assert.deepEqual(runs({ frequency: 'weekly', days: ['SUN'], startsOn: '18:00' }, '2026-03-15T13:00:00Z', 1), ['2026-03-15T18:00:00.000Z']);
    });

    it('takes the weekday in the zone, not in UTC', () => {
      // 09:00 Monday in Tokyo is 00:00 UTC Monday; 08:00 Monday in Tokyo is Sunday 23:00 UTC.
      assert.deepEqual(runs({ frequency: 'weekly', days: ['MON'], startsOn: '08:00', timezone: 'Asia/Tokyo' }, '2026-03-15T00:00:00Z', 1), ['2026-03-15T23:00:00.000Z']);
    });
  });

  describe('monthly', () => {
    it('runs on the last day of every month for day 31', () => {
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 31 }, '2026-01-15T00:00:00Z', 5), [
        '2026-01-31T09:00:00.000Z',
        '2026-02-28T09:00:00.000Z',
        '2026-03-31T09:00:00.000Z',
        '2026-04-30T09:00:00.000Z',
        '2026-05-31T09:00:00.000Z',
      ]);
    });

    it('runs on 29 February in a leap year and 28 February otherwise for days past the end of February', () => {
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 30 }, '2028-02-01T00:00:00Z', 2), ['2028-02-29T09:00:00.000Z', '2028-03-30T09:00:00.000Z']);
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 29 }, '2027-02-01T00:00:00Z', 2), ['2027-02-28T09:00:00.000Z', '2027-03-29T09:00:00.000Z']);
    });

    it('crosses the year end', () => {
      assert.deepEqual(runs({ frequency: 'monthly', dayOfMonth: 1, startsOn: '00:00' }, '2026-12-15T00:00:00Z', 2), ['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
    });
  });

  describe('schedules without runs', () => {
    it('gives no runs for mode once', () => {
      assert.deepEqual(nextRuns({ mode: 'once' }, new Date(), 5), []);
    });

    it('gives no runs for an unknown zone, a weekly schedule without days or a monthly one without a day', () => {
      assert.deepEqual(runs({ timezone: 'Mars/Olympus' }, '2026-03-15T00:00:00Z'), []);
      assert.deepEqual(runs({ frequency: 'weekly' }, '2026-03-15T00:00:00Z'), []);
      assert.deepEqual(runs({ frequency: 'weekly', days: [] }, '2026-03-15T00:00:00Z'), []);
      assert.deepEqual(runs({ frequency: 'monthly' }, '2026-03-15T00:00:00Z'), []);
    });

    it('gives no runs for a zero count or an invalid start', () => {
      assert.deepEqual(runs({}, '2026-03-15T00:00:00Z', 0), []);
      assert.deepEqual(nextRuns(schedule({}), new Date(Number.NaN), 3), []);
    });
  });

  it('computes a thousand hourly runs quickly', () => {
    const started = Date.now();
    const result = nextRuns(schedule({ frequency: 'hourly', startsOn: '00:05', timezone: 'Europe/Paris' }), new Date('2026-01-01T00:00:00Z'), 1000);
    assert.equal(result.length, 1000);
    for (let i = 1; i < result.length; i++) assert.ok(result[i] > result[i - 1]);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('isDue', () => {
  const daily = schedule({ startsOn: '09:00', timezone: 'Europe/London' });

  it('is due once a scheduled time has passed since the last run', () => {
    assert.equal(isDue(daily, new Date('2026-03-15T09:00:05Z'), new Date('2026-03-16T08:59:00Z')), false);
    assert.equal(isDue(daily, new Date('2026-03-15T09:00:05Z'), new Date('2026-03-16T09:00:00Z')), true);
    assert.equal(isDue(daily, new Date('2026-03-10T09:00:05Z'), new Date('2026-03-16T12:00:00Z')), true);
  });

  it('is not due again for the run that just happened', () => {
    assert.equal(isDue(daily, new Date('2026-03-16T09:00:00Z'), new Date('2026-03-16T09:30:00Z')), false);
  });

  it('counts a job that never ran from when the schedule was created', () => {
    assert.equal(isDue(daily, undefined, new Date('2026-03-15T14:00:00Z'), { createdAt: new Date('2026-03-15T13:00:00Z') }), false);
    assert.equal(isDue(daily, undefined, new Date('2026-03-16T09:00:00Z'), { createdAt: new Date('2026-03-15T13:00:00Z') }), true);
  });

  it('runs a job that never ran at once when pullOnCreate is set', () => {
    assert.equal(isDue({ ...daily, pullOnCreate: true }, undefined, new Date('2026-03-15T13:00:00Z')), true);
    assert.equal(isDue(daily, undefined, new Date('2026-03-15T13:00:00Z')), false);
  });

  it('is never due for mode once', () => {
    assert.equal(isDue({ mode: 'once' }, undefined, new Date()), false);
    assert.equal(isDue({ mode: 'once' }, new Date(0), new Date()), false);
  });
});
