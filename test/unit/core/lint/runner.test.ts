import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { fieldKnowledge } from '../../../../src/core/lint/field-knowledge';
import { RULES } from '../../../../src/core/lint/registry';
import { runRules } from '../../../../src/core/lint/runner';
import { defineRule, type LintContext } from '../../../../src/core/lint/types';
import { LineIndex } from '../../../../src/core/text';

function context(extra: Partial<LintContext> = {}): LintContext {
  const text = '{}';
  return {
    doc: { path: 'a.sfjob.json', text, lines: new LineIndex(text), root: parseTree(text)! },
    job: {},
    readFile: () => undefined,
    fields: fieldKnowledge({}),
    expressionTypes: new Map(),
    ...extra,
  };
}

const needsConnections = defineRule<'connections'>({
  id: 'probe',
  codes: ['unknown-connection'],
  needs: ['connections'],
  check: ({ doc, connectionNames }) => [{ code: 'unknown-connection', severity: 'error', message: connectionNames.join(','), range: doc.lines.rangeOf(0, 1) }],
});

describe('runRules', () => {
  it('skips a rule whose needs the context does not meet', () => {
    assert.deepEqual(runRules([needsConnections], context()), []);
    assert.equal(runRules([needsConnections], context({ connectionNames: ['a', 'b'] }))[0].message, 'a,b');
  });

  it('reports a rule that throws as internal-error, names the check, and still runs the others', () => {
    const broken = defineRule({
      id: 'broken',
      codes: ['field-case'],
      needs: [],
      check: () => {
        throw new Error('boom at SECRET-VALUE-FROM-THE-FILE');
      },
    });
    const found = runRules([broken, needsConnections], context({ connectionNames: ['x'] }));
    assert.equal(found.length, 2);
    assert.equal(found[0].code, 'internal-error');
    assert.equal(found[0].severity, 'warning', 'sfjob does not know, so it says "not checked", not "wrong"');
    assert.match(found[0].message, /"broken" check failed/);
    assert.match(found[0].message, /field-case\) was not checked/);
    assert.doesNotMatch(found[0].message, /boom|SECRET|at \w+ \(|\.ts:\d+/, 'neither the error text nor a stack');
    assert.equal(found[1].code, 'unknown-connection');
  });

  it('registers rules with distinct ids, each declaring the codes it reports', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(RULES.every((r) => r.codes.length > 0));
  });
});
