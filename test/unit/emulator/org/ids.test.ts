import assert from 'node:assert/strict';
import { idChecksum, looksLikeId, makeId, to18 } from '../../../../src/emulator/org/ids';

describe('emulator record ids', () => {
  it('computes the 3-character case suffix Salesforce appends to a 15-character id', () => {
    // The documented example pair 001A0000006Vm9r / 001A0000006Vm9rIAC.
    assert.equal(idChecksum('001A0000006Vm9r'), 'IAC');
    assert.equal(to18('001A0000006Vm9r'), '001A0000006Vm9rIAC');
  });

  it('leaves an 18-character id unchanged', () => {
    assert.equal(to18('001A0000006Vm9rIAC'), '001A0000006Vm9rIAC');
  });

  it('makes valid 18-character ids with the key prefix, sorting in the order they were made', () => {
    const ids = [1, 2, 61, 62, 63, 3843, 3844, 250000].map((n) => makeId('500', n));
    for (const id of ids) {
      assert.equal(id.length, 18);
      assert.ok(id.startsWith('500'));
      assert.ok(looksLikeId(id));
      assert.equal(to18(id.slice(0, 15)), id);
    }
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
