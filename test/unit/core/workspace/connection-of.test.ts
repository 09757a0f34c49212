import assert from 'node:assert/strict';
import { connectionOf } from '../../../../src/core/workspace/job-workspace';

describe('the connection a job names, read without parsing the whole job', () => {
  it('finds the top-level connection wherever it stands among the keys', () => {
    assert.equal(connectionOf('{"name": "x", "connection": "acme-prod", "query": "SELECT Id FROM Case"}'), 'acme-prod');
    assert.equal(connectionOf('{"connection": "first"}'), 'first');
  });

  it('skips comments, trailing commas and escapes as the job parser does', () => {
    assert.equal(connectionOf('{\n  // the org\n  "connection" /* here */ : "acme\\u002dprod",\n}'), 'acme-prod');
  });

  it('ignores a "connection" key inside another value, and a "connection" string that is a value', () => {
    assert.equal(connectionOf('{"mapping": {"connection": "inner"}, "name": "connection"}'), undefined);
    assert.equal(connectionOf('{"list": ["connection", {"connection": "x"}], "connection": "outer"}'), 'outer');
  });

  it('gives nothing for a connection that is not a string, or text that is not an object', () => {
    assert.equal(connectionOf('{"connection": 42}'), undefined);
    assert.equal(connectionOf('["connection", "x"]'), undefined);
    assert.equal(connectionOf(''), undefined);
    assert.equal(connectionOf(undefined), undefined);
  });
});
