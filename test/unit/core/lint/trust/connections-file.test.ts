import * as assert from 'node:assert/strict';
import { validateJob } from '../../../../../src/core/validate';
import { jobText, rangeOf } from '../job-fixture';

function check(context: { connectionNames?: string[]; noConnectionsFile?: boolean }) {
  const text = jobText();
  return { text, result: validateJob(text, { path: 'jobs/cases.sfjob.json', readFile: () => undefined, ...context }) };
}

describe('a job whose connection cannot exist', () => {
  it('is unknown-connection when the workspace has no sfjob.connections.json, saying to create it', () => {
    const { text, result } = check({ noConnectionsFile: true });
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['unknown-connection']);
    assert.match(result.diagnostics[0].message, /no sfjob\.connections\.json/);
    assert.match(result.diagnostics[0].message, /Create sfjob\.connections\.json/);
    assert.deepEqual(result.diagnostics[0].range, rangeOf(text, '"local"'));
  });

  it('is unknown-connection when the file defines no connections', () => {
    assert.match(check({ connectionNames: [] }).result.diagnostics[0].message, /defines no connections yet/);
  });

  it('is not reported when the host did not look, or the file could not be read (its own check reports that)', () => {
    assert.deepEqual(check({}).result.diagnostics, []);
    assert.deepEqual(check({ noConnectionsFile: false }).result.diagnostics, []);
  });

  it('is clean when the connection is defined', () => {
    assert.deepEqual(check({ connectionNames: ['local'] }).result.diagnostics, []);
  });
});
