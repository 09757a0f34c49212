import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NaturalIds } from '../../../../src/core/run/natural-ids';

/** Ids of every kind: Salesforce-like, any code unit (lone surrogates included), Object member names. */
const anyId = fc.oneof(
  fc.stringMatching(/^a0X5g0000[0-9A-Za-z]{0,9}$/),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 8 }),
  fc.constantFrom('', '__proto__', '__proto__x', 'constructor', 'toString', 'hasOwnProperty', '\uD800', '\uFFFD', '\uE000', '\u{1F600}'),
);

describe('natural id store', () => {
  it('answers has, add, size and iteration exactly as a Set of the same ids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('add' as const, 'has' as const), anyId), { maxLength: 200 }), (operations) => {
        const store = new NaturalIds();
        const set = new Set<string>();
        for (const [operation, id] of operations) {
          if (operation === 'add') {
            store.add(id);
            set.add(id);
          } else {
            assert.equal(store.has(id), set.has(id), JSON.stringify(id));
          }
          assert.equal(store.size, set.size);
        }
        assert.deepEqual([...store], [...set]);
        for (const id of set) assert.ok(store.has(id));
      }),
    );
  });

  it('sorts as JavaScript sorts strings, surrogates and private-use characters included', () => {
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 100 }), (ids) => {
        assert.deepEqual([...NaturalIds.from(ids).sorted()], [...new Set(ids)].sort());
      }),
    );
  });

  it('keeps thousands of ids and long ones through its growth', () => {
    const ids = Array.from({ length: 50_000 }, (_, index) => `0Mw5g00000${index.toString(36).padStart(5, '0')}AAA`);
    const long = 'x'.repeat(100_000) + '\u00e9';
    const store = NaturalIds.from([...ids, long]);
    assert.equal(store.size, ids.length + 1);
    assert.ok(ids.every((id) => store.has(id)));
    assert.ok(store.has(long) && !store.has(long.slice(0, -1)) && !store.has(`${ids[0]}x`));
    assert.deepEqual([...store].slice(-1), [long]);
  });

  it('tells a first sighting in the run from an earlier run and a repeat, and forgets the run when a new one begins', () => {
    const store = NaturalIds.from(['old']);
    assert.deepEqual(['new', 'old', 'new', 'old'].map((id) => store.sightInRun(id)), ['first', 'earlier', 'repeat', 'repeat']);
    // Sighted but never added: not kept, so neither counted nor saved.
    assert.equal(store.size, 1);
    assert.equal(store.has('new'), false);
    store.beginRun();
    assert.deepEqual(['new', 'old'].map((id) => store.sightInRun(id)), ['first', 'earlier']);
  });

  it('gives each distinct id one entry number, whatever else is added', () => {
    const store = new NaturalIds();
    const first = store.entryOf('a');
    store.add('b');
    assert.equal(store.entryOf('a'), first);
    assert.notEqual(store.entryOf('b'), first);
  });
});
