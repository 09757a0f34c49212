import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IncrementalSchedule } from '../../../../src/core/job/schema';
import { WEEKDAYS } from '../../../../src/core/job/schema';
import { localAt, nextRuns } from '../../../../src/core/schedule';

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Apia', 'America/St_Johns', 'Africa/Casablanca'];

const startsOn = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const from = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });

const schedules: fc.Arbitrary<IncrementalSchedule> = fc.oneof(
  fc.record({ frequency: fc.constant('hourly' as const), everyHours: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ frequency: fc.constant('daily' as const) }),
  fc.record({ frequency: fc.constant('weekly' as const), days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }) }),
  fc.record({ frequency: fc.constant('monthly' as const), dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
).chain((shape) => fc.record({ startsOn, timezone: fc.constantFrom(...ZONES) }).map((rest) => ({ mode: 'incremental' as const, ...shape, ...rest })));

function localDay(instant: Date, zone: string): number {
  const l = localAt(instant.getTime(), zone);
  return Date.UTC(l.year, l.month - 1, l.day) / 86_400_000;
}

describe('nextRuns properties', () => {
  it('gives the requested number of runs, strictly increasing, none before the start', () => {
    fc.assert(
      fc.property(schedules, from, fc.integer({ min: 1, max: 12 }), (schedule, start, count) => {
        const runs = nextRuns(schedule, start, count);
        assert.equal(runs.length, count);
        assert.ok(runs[0].getTime() >= start.getTime());
        for (let i = 1; i < runs.length; i++) assert.ok(runs[i].getTime() > runs[i - 1].getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('runs daily schedules once on each local day', () => {
    fc.assert(
      fc.property(startsOn, fc.constantFrom(...ZONES), from, (time, timezone, start) => {
        const runs = nextRuns({ mode: 'incremental', frequency: 'daily', startsOn: time, timezone }, start, 8);
        for (let i = 1; i < runs.length; i++) assert.equal(localDay(runs[i], timezone) - localDay(runs[i - 1], timezone), 1);
      }),
      { numRuns: 200 },
    );
  });

  it('never skips a scheduled day: the first run is the next one at or after the start', () => {
    fc.assert(
      fc.property(schedules, from, (schedule, start) => {
        const [first, second] = nextRuns(schedule, start, 2);
        // Starting just after the first run must give the second: nothing in between was left out.
        assert.equal(nextRuns(schedule, new Date(first.getTime() + 1), 1)[0].getTime(), second.getTime());
        // Starting exactly at a run includes it.
        assert.equal(nextRuns(schedule, first, 1)[0].getTime(), first.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
