import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeState, encodeState } from '../../../src/runner/state';

const NOW = new Date('2026-11-25T08:00:00.000Z');

describe('job state encoding', () => {
  it('gives back exactly the natural ids and watermark it stored', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 24 })), fc.option(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(2100, 0)) })), (ids, date) => {
        const state = { seenIds: new Set(ids), ...(date ? { watermark: date.toISOString() } : {}) };
        const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(state, NOW))));
        assert.deepEqual([...decoded.seenIds].sort(), [...ids].sort());
        assert.equal(decoded.watermark, state.watermark);
      }),
    );
  });

  it('keeps a natural id that reads like an object property name', () => {
    const ids = ['__proto__', '__proto__x', 'constructor', 'toString'];
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState({ seenIds: new Set(ids) }, NOW))));
    assert.deepEqual([...decoded.seenIds].sort(), [...ids].sort());
  });

  it('stores Salesforce ids grouped by their shared prefix, smaller than a plain list', () => {
    const ids = Array.from({ length: 1000 }, (_, index) => `0Mw5g00000${String(index).padStart(5, '0')}AAA`);
    const stored = JSON.stringify(encodeState({ seenIds: new Set(ids) }, NOW));
    assert.ok(stored.length < JSON.stringify(ids).length * 0.6, `${stored.length} vs ${JSON.stringify(ids).length}`);
  });

  it('refuses a state of another version or with a watermark that is not a date', () => {
    assert.throws(() => decodeState({ version: 2 }), /version 2/);
    assert.throws(() => decodeState({ version: 1, watermark: 'soon' }), /watermark is not a date/);
    assert.throws(() => decodeState([]), /version/);
  });
});
