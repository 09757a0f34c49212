import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FUNCTIONS } from '../../../../src/core/expr';

describe('docs/expressions.md', () => {
  it('documents every function of the language, and no other', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../../docs/expressions.md'), 'utf8');
    const section = text.slice(text.indexOf('## Functions'), text.indexOf('## Blanks'));
    const documented = new Set([...section.matchAll(/`([A-Z]+)\(/g)].map((m) => m[1]));
    assert.deepEqual([...documented].sort(), [...FUNCTIONS.keys()].sort());
  });
});
