import assert from 'node:assert/strict';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, pause } from '../../../../src/salesforce/retrieve/backoff';
import { classifyQueryError } from '../../../../src/salesforce/retrieve/errors';
import { QueryHttpError } from '../../../../src/salesforce/retrieve/http';

const sfError = (code: string, message: string, status: number): QueryHttpError => new QueryHttpError(message, code, status);

describe('classifyQueryError', () => {
  it('retries server errors, throttling and dropped connections', () => {
    assert.equal(classifyQueryError(sfError('SERVER_UNAVAILABLE', 'try later', 503)), 'retry');
    assert.equal(classifyQueryError(sfError('ERROR_HTTP_502', '<html>', 502)), 'retry');
    assert.equal(classifyQueryError(sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.', 429)), 'retry');
    assert.equal(classifyQueryError(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })), 'retry');
    assert.equal(classifyQueryError(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })), 'retry');
  });

  it('stops on the daily allowance, which retrying only uses up further', () => {
    assert.equal(classifyQueryError(sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403)), 'stop');
  });

  it('renews the session on 401, restarts on a lost locator and splits on QUERY_TIMEOUT', () => {
    assert.equal(classifyQueryError(sfError('INVALID_SESSION_ID', 'Session expired or invalid', 401)), 'reauthorize');
    assert.equal(classifyQueryError(sfError('INVALID_QUERY_LOCATOR', 'invalid query locator', 400)), 'restart');
    assert.equal(classifyQueryError(sfError('QUERY_TIMEOUT', 'Your query request was running for too long.', 400)), 'split');
  });

  it('fails at once on a query Salesforce rejects', () => {
    for (const code of ['MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_TYPE']) assert.equal(classifyQueryError(sfError(code, 'bad', 400)), 'fail');
    assert.equal(classifyQueryError(new Error('something else')), 'fail');
  });
});

describe('backoff', () => {
  it('waits a random time under a ceiling that doubles and is capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999 };
    const ceilings = [0, 1, 2, 3, 10].map((retry) => backoffDelayMs(policy, retry));
    assert.deepEqual(ceilings, [499, 999, 1998, 3996, 29970]);
    assert.equal(backoffDelayMs({ ...policy, random: () => 0 }, 4), 0);
  });

  it('stops waiting as soon as the run is stopped', async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort(new Error('stopped by the person'));
    await assert.rejects(waiting, /stopped by the person/);
  });
});
