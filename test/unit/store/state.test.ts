import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NaturalIds } from '../../../src/core/run/natural-ids';
import { decodeState, encodeState, stateText } from '../../../src/store/state-json';

const NOW = new Date('2026-11-25T08:00:00.000Z');

describe('job state encoding', () => {
  it('gives back exactly the natural ids and watermark it stored', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 24 })), fc.option(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(2100, 0)) })), (ids, date) => {
        const state = { seenIds: NaturalIds.from(ids), ...(date ? { watermark: date.toISOString() } : {}) };
        const decoded = decodeState(JSON.parse(JSON.stringify(encodeState(state, NOW))));
        assert.deepEqual([...decoded.seenIds].sort(), [...ids].sort());
        assert.equal(decoded.watermark, state.watermark);
      }),
    );
  });

  it('keeps natural ids that start with __proto__ or name other Object members', () => {
    const ids = ['__proto__', '__proto__abc', 'constructor', 'toString', 'hasOwnProperty'];
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState({ seenIds: NaturalIds.from(ids) }, NOW))));
    assert.deepEqual([...decoded.seenIds].sort(), [...ids].sort());
  });

  it('stores Salesforce ids grouped by their shared prefix, smaller than a plain list', () => {
    const ids = Array.from({ length: 1000 }, (_, index) => `0Mw5g00000${String(index).padStart(5, '0')}AAA`);
    const stored = JSON.stringify(encodeState({ seenIds: NaturalIds.from(ids) }, NOW));
    assert.ok(stored.length < JSON.stringify(ids).length * 0.6, `${stored.length} vs ${JSON.stringify(ids).length}`);
  });

  it('writes the same state as encodeState, on one line, for any ids, short ones and shared prefixes included', () => {
    const salesforceLike = fc.stringMatching(/^a0X5g0000[0-9A-Za-z]{0,9}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.string({ maxLength: 24 }), salesforceLike)), fc.option(fc.constant('2026-11-20T10:00:00.000Z')), fc.option(fc.constant('20261120T100000000Z-abc123')), (ids, watermark, lastRunId) => {
        const state = { seenIds: NaturalIds.from(ids), ...(watermark ? { watermark } : {}), ...(lastRunId ? { lastRunId } : {}) };
        const text = stateText(state, NOW);
        assert.ok(text.endsWith('\n') && !text.slice(0, -1).includes('\n'));
        // Same value; the key order may differ, since JSON.stringify puts integer-like keys first.
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(encodeState(state, NOW))));
        assert.deepEqual([...decodeState(JSON.parse(text)).seenIds].sort(), [...ids].sort());
      }),
    );
  });

  it('writes a group larger than one piece of the text exactly as encodeState does', () => {
    const ids = Array.from({ length: 25_001 }, (_, index) => `0Mw5g0000${String(index).padStart(6, '0')}AAA`).concat(['short', '0Mw5g0001x']);
    const state = { seenIds: NaturalIds.from(ids), watermark: '2026-11-20T10:00:00.000Z' };
    assert.deepEqual(JSON.parse(stateText(state, NOW)), JSON.parse(JSON.stringify(encodeState(state, NOW))));
  });

  it('refuses a state of another version or with a watermark that is not a date', () => {
    assert.throws(() => decodeState({ version: 2 }), /version 2/);
    assert.throws(() => decodeState({ version: 1, watermark: 'soon', seenIds: {} }), /watermark "soon" is not a date/);
    assert.throws(() => decodeState([]), /version/);
  });

  it('refuses a watermark that Date.parse would read but is no full date-time ("12" is not 2001)', () => {
    for (const watermark of ['12', '2026', '2026-11-25', '2026-11-25T08:00', '2026-02-30T00:00:00Z', '2026-11-25T25:00:00Z', 'Wed, 25 Nov 2026 08:00:00 GMT', 12]) {
      assert.throws(() => decodeState({ version: 1, watermark, seenIds: {} }), /watermark .* is not a date/, String(watermark));
    }
    assert.equal(decodeState({ version: 1, watermark: '2026-11-25T09:00:00+01:00', seenIds: {} }).watermark, '2026-11-25T08:00:00.000Z');
  });

  it('refuses a state whose natural ids are missing, null or damaged rather than forgetting them', () => {
    assert.throws(() => decodeState({ version: 1, seenIds: null }), /"seenIds" is null, not an object of natural ids/);
    assert.throws(() => decodeState({ version: 1 }), /"seenIds" is missing/);
    assert.throws(() => decodeState({ version: 1, seenIds: { a: [1] } }), /holds 1, not text/);
    assert.throws(() => decodeState({ version: 1, seenIdCount: 3, seenIds: { a: ['b'] } }), /lists 1 natural ids but says it holds 3/);
  });

  it('keeps the content hash of each delivered document with its natural id', () => {
    const ids = NaturalIds.from(['0Mw5g0000001AAA', '0Mw5g0000002AAA', 'other']);
    ids.setContentHash('0Mw5g0000002AAA', '0123456789abcdef');
    ids.setContentHash('other', 'fedcba9876543210');
    const text = stateText({ seenIds: ids }, NOW);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(encodeState({ seenIds: ids }, NOW))));
    const decoded = decodeState(JSON.parse(text)).seenIds;
    assert.equal(decoded.contentHashOf('0Mw5g0000001AAA'), undefined);
    assert.equal(decoded.contentHashOf('0Mw5g0000002AAA'), '0123456789abcdef');
    assert.equal(decoded.contentHashOf('other'), 'fedcba9876543210');
    assert.throws(() => decodeState({ version: 1, seenIds: { a: ['b', 'c'] }, contentHashes: { a: ['0123456789abcdef'] } }), /contentHashes\["a"\] does not match/);
  });

  it('writes hashes for groups larger than one piece of the text exactly as encodeState does', () => {
    const ids = new NaturalIds();
    for (let index = 0; index < 25_001; index++) {
      const id = `0Mw5g0000${String(index).padStart(6, '0')}AAA`;
      ids.add(id);
      if (index % 3 === 0) ids.setContentHash(id, index.toString(16).padStart(16, '0'));
    }
    ids.add('short');
    const state = { seenIds: ids };
    assert.deepEqual(JSON.parse(stateText(state, NOW)), JSON.parse(JSON.stringify(encodeState(state, NOW))));
  });
});
