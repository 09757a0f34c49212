import * as assert from 'node:assert/strict';
import { assertNotExpired, CredentialExpiredError, expiryStatus } from '../../../../src/salesforce/connections/expiry';

const at = (iso: string) => new Date(iso);

describe('credential expiry', () => {
  it('is none when the connection declares no expiration', () => {
    assert.deepEqual(expiryStatus('prod', { flow: 'jwt' }, at('2026-11-25T08:00:00Z')), { state: 'none' });
  });

  it('is ok before the warning window', () => {
    const status = expiryStatus('prod', { flow: 'jwt', expiration: { date: '2027-06-30' } }, at('2027-06-15T12:00:00Z'));
    assert.equal(status.state, 'ok');
    assert.equal(status.daysLeft, 15);
  });

  it('warns within the default 14 days, with the date and what to do', () => {
    const status = expiryStatus('prod', { flow: 'jwt', expiration: { date: '2027-06-30' } }, at('2027-06-16T00:00:00Z'));
    assert.equal(status.state, 'warn');
    assert.equal(status.daysLeft, 14);
    assert.match(status.message ?? '', /"prod" expires in 14 days \(2027-06-30\)\. Renew it/);
  });

  it('honours notifyDaysBefore', () => {
    const connection = { flow: 'jwt' as const, expiration: { date: '2027-06-30', notifyDaysBefore: 3 } };
    assert.equal(expiryStatus('prod', connection, at('2027-06-26T10:00:00Z')).state, 'ok');
    assert.equal(expiryStatus('prod', connection, at('2027-06-27T10:00:00Z')).state, 'warn');
  });

  it('still runs on the expiration day and is expired the day after', () => {
    const connection = { flow: 'jwt' as const, expiration: { date: '2027-06-30' } };
    assert.match(expiryStatus('prod', connection, at('2027-06-30T23:59:00Z')).message ?? '', /expires today/);
    const expired = expiryStatus('prod', connection, at('2027-07-01T00:00:01Z'));
    assert.equal(expired.state, 'expired');
    assert.equal(expired.daysLeft, -1);
  });

  it('makes a run fail with a message naming the connection once expired', () => {
    const connection = { flow: 'password' as const, expiration: { date: '2025-01-31' } };
    assert.throws(() => assertNotExpired('acme-prod', connection, at('2026-11-25T08:00:00Z')), (error: Error) => {
      assert.ok(error instanceof CredentialExpiredError);
      assert.match(error.message, /connection "acme-prod" expired on 2025-01-31\. .*sfjob auth acme-prod/);
      return true;
    });
    assert.equal(assertNotExpired('acme-prod', connection, at('2025-01-20T08:00:00Z')).state, 'warn');
  });
});
