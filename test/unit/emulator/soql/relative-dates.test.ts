import assert from 'node:assert/strict';
import { relativeDateRange } from '../../../../src/emulator/soql/relative-dates';

/** Tuesday 10 March 2026, noon UTC. */
const NOW = Date.UTC(2026, 2, 10, 12);
const iso = (literal: string) => {
  const range = relativeDateRange(literal, NOW);
  return range && [new Date(range.start).toISOString().slice(0, 10), new Date(range.end).toISOString().slice(0, 10)];
};

describe('relative date literals', () => {
  it('covers whole days around today', () => {
    assert.deepEqual(iso('TODAY'), ['2026-03-10', '2026-03-11']);
    assert.deepEqual(iso('YESTERDAY'), ['2026-03-09', '2026-03-10']);
    assert.deepEqual(iso('TOMORROW'), ['2026-03-11', '2026-03-12']);
  });

  it('includes today in LAST_N_DAYS and starts NEXT_N_DAYS tomorrow', () => {
    assert.deepEqual(iso('LAST_N_DAYS:7'), ['2026-03-03', '2026-03-11']);
    assert.deepEqual(iso('NEXT_N_DAYS:3'), ['2026-03-11', '2026-03-14']);
    assert.deepEqual(iso('N_DAYS_AGO:2'), ['2026-03-08', '2026-03-09']);
    assert.deepEqual(iso('last_n_days:0'), ['2026-03-10', '2026-03-11']);
  });

  it('starts weeks on Sunday', () => {
    assert.deepEqual(iso('THIS_WEEK'), ['2026-03-08', '2026-03-15']);
    assert.deepEqual(iso('LAST_WEEK'), ['2026-03-01', '2026-03-08']);
    assert.deepEqual(iso('NEXT_N_WEEKS:2'), ['2026-03-15', '2026-03-29']);
  });

  it('handles months, quarters and years, crossing year ends', () => {
    assert.deepEqual(iso('THIS_MONTH'), ['2026-03-01', '2026-04-01']);
    assert.deepEqual(iso('LAST_N_MONTHS:3'), ['2025-12-01', '2026-03-01']);
    assert.deepEqual(iso('THIS_QUARTER'), ['2026-01-01', '2026-04-01']);
    assert.deepEqual(iso('LAST_QUARTER'), ['2025-10-01', '2026-01-01']);
    assert.deepEqual(iso('NEXT_FISCAL_YEAR'), ['2027-01-01', '2028-01-01']);
    assert.deepEqual(iso('N_YEARS_AGO:2'), ['2024-01-01', '2025-01-01']);
  });

  it('answers undefined for a name SOQL does not have', () => {
    assert.equal(relativeDateRange('LAST_FORTNIGHT', NOW), undefined);
    assert.equal(relativeDateRange('LAST_N_DAYS:x', NOW), undefined);
  });
});
