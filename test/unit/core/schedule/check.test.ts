import * as assert from 'node:assert/strict';
import type { IncrementalSchedule } from '../../../../src/core/job/schema';
import { canonicalTimeZone, checkSchedule } from '../../../../src/core/schedule';

function schedule(fields: Partial<IncrementalSchedule>): IncrementalSchedule {
  return { mode: 'incremental', frequency: 'daily', startsOn: '09:00', timezone: 'UTC', ...fields };
}

describe('checkSchedule', () => {
  it('finds nothing wrong with a complete schedule or mode once', () => {
    assert.deepEqual(checkSchedule(schedule({ frequency: 'weekly', days: ['MON'], timezone: 'Europe/London' })), []);
    assert.deepEqual(checkSchedule({ mode: 'once' }), []);
    assert.deepEqual(checkSchedule(undefined), []);
  });

  it('reports an unknown time zone at the timezone key', () => {
    const [problem] = checkSchedule(schedule({ timezone: 'Europe/Londn' }));
    assert.deepEqual(problem.path, ['schedule', 'timezone']);
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /"Europe\/Londn" is not an IANA time zone/);
  });

  it('warns about a time zone written in the wrong case and gives its spelling', () => {
    assert.deepEqual(checkSchedule(schedule({ timezone: 'europe/london' })), [
      { message: 'Write the time zone as "Europe/London".', path: ['schedule', 'timezone'], severity: 'warning' },
    ]);
    assert.equal(canonicalTimeZone('america/new_york'), 'America/New_York');
  });

  it('reports a weekly schedule without days and a monthly one without a day', () => {
    assert.deepEqual(checkSchedule(schedule({ frequency: 'weekly' })).map((p) => [p.path.join('.'), p.severity]), [['schedule.frequency', 'error']]);
    assert.match(checkSchedule(schedule({ frequency: 'monthly' }))[0].message, /needs "dayOfMonth"/);
  });

  it('reports a startsOn that is not HH:MM', () => {
    assert.deepEqual(checkSchedule(schedule({ startsOn: '9:00' })).map((p) => p.path), [['schedule', 'startsOn']]);
  });

  it('warns about repeated days and hour steps that do not divide a day', () => {
    assert.deepEqual(checkSchedule(schedule({ frequency: 'weekly', days: ['MON', 'MON'] })).map((p) => [p.path[1], p.severity]), [['days', 'warning']]);
    assert.deepEqual(checkSchedule(schedule({ frequency: 'hourly', everyHours: 5 })).map((p) => [p.path[1], p.severity]), [['everyHours', 'warning']]);
    assert.deepEqual(checkSchedule(schedule({ frequency: 'hourly', everyHours: 6 })), []);
  });
});
