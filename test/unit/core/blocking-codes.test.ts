import * as assert from 'node:assert/strict';
import { ALL_CODES, blockingDiagnostics, blocksAction, DIAGNOSTIC_CODES, ONLINE_ACTIONS, type Diagnostic, type DiagnosticCode } from '../../../src/core/diagnostics';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function error(code: DiagnosticCode): Diagnostic {
  return { code, severity: 'error', message: code, range };
}

function blocked(code: DiagnosticCode): string[] {
  return ONLINE_ACTIONS.filter((action) => blocksAction(error(code), action));
}

describe('which diagnostics stop an online action (the code table)', () => {
  it('stops every action on a job whose text or connection cannot be used', () => {
    assert.deepEqual(blocked('json-syntax'), ['validate-query', 'describe', 'sample', 'preview', 'run']);
    assert.deepEqual(blocked('unknown-connection'), ['validate-query', 'describe', 'sample', 'preview', 'run']);
  });

  it('lets the org check and describe a job whose shape or query is broken, but fetches nothing for it', () => {
    for (const code of ['schema', 'soql-syntax'] as const) assert.deepEqual(blocked(code), ['sample', 'preview', 'run'], code);
  });

  it('lets a new sample fix what the sample decides, and stops only the run and its preview', () => {
    for (const code of ['field-case', 'field-not-selected', 'soql-group-by', 'unknown-field', 'sample-invalid'] as const) {
      assert.deepEqual(blocked(code), ['preview', 'run'], code);
    }
  });

  it('stops a run on every error a job file can hold, so no job with an error ever runs', () => {
    for (const code of ALL_CODES) {
      if (DIAGNOSTIC_CODES[code].severity !== 'error') continue;
      assert.ok(blocksAction(error(code), 'run'), code);
    }
  });

  it('never stops anything for a warning, an information or an internal error', () => {
    const softer: Diagnostic[] = [
      { code: 'field-not-in-sample', severity: 'warning', message: '', range },
      { code: 'not-described', severity: 'info', message: '', range },
      { code: 'internal-error', severity: 'warning', message: '', range },
      // Even a blocking code does not block when it was reported below error (a warned pattern check).
      { code: 'regex-invalid', severity: 'warning', message: '', range },
    ];
    for (const action of ONLINE_ACTIONS) assert.deepEqual(blockingDiagnostics(softer, action), [], action);
  });

  it('lists the blocking diagnostics in their order and leaves the others out', () => {
    const found = [error('field-case'), error('soql-syntax'), { ...error('unknown-connection') }];
    assert.deepEqual(blockingDiagnostics(found, 'sample').map((d) => d.code), ['soql-syntax', 'unknown-connection']);
    assert.deepEqual(blockingDiagnostics(found, 'validate-query').map((d) => d.code), ['unknown-connection']);
  });
});
