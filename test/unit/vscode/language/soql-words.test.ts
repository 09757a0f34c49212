import * as assert from 'node:assert';
import { wordAround, wordBefore } from '../../../../src/vscode/language/soql-words';

describe('SOQL words around the cursor', () => {
  it('takes the field path being typed, dots included', () => {
    assert.deepStrictEqual(wordBefore('SELECT Owner.Na', 15), { start: 7, word: 'Owner.Na' });
    assert.deepStrictEqual(wordAround('SELECT Owner.Name FROM', 10), { start: 7, end: 17, word: 'Owner.Name' });
    assert.strictEqual(wordAround('SELECT  FROM', 7), undefined);
  });
});
