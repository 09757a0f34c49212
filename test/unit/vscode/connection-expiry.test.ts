import * as assert from 'node:assert';
import { expirationOf, expiryNotice } from '../../../src/vscode/connection-expiry';

const connection = (date: string, notifyDaysBefore?: number) => ({ environmentUrl: 'https://x.my.salesforce.com', expiration: { date, ...(notifyDaysBefore === undefined ? {} : { notifyDaysBefore }) } });
const at = (iso: string) => new Date(iso);

describe('credential expiry in the editor', () => {
  it('stays quiet before the notice period and warns inside it', () => {
    assert.deepStrictEqual(expiryNotice('prod', connection('2027-06-30', 14), at('2027-06-15T12:00:00Z'), undefined), { status: { state: 'ok', date: '2027-06-30', daysLeft: 15 }, notify: false });
    const inside = expiryNotice('prod', connection('2027-06-30', 14), at('2027-06-16T12:00:00Z'), undefined);
    assert.strictEqual(inside.status.state, 'warn');
    assert.strictEqual(inside.notify, true);
    assert.match(inside.status.message ?? '', /expires in 14 days \(2027-06-30\)/);
  });

  it('notifies at most once a day, and again the next day', () => {
    assert.strictEqual(expiryNotice('prod', connection('2027-06-30'), at('2027-06-20T08:00:00Z'), '2027-06-20').notify, false);
    assert.strictEqual(expiryNotice('prod', connection('2027-06-30'), at('2027-06-21T00:00:01Z'), '2027-06-20').notify, true);
  });

  it('keeps notifying after the credential expired, as an expired state', () => {
    const expired = expiryNotice('prod', connection('2027-06-30'), at('2027-07-01T00:00:00Z'), '2027-06-30');
    assert.strictEqual(expired.status.state, 'expired');
    assert.strictEqual(expired.notify, true);
  });

  it('ignores a connection without a usable expiration', () => {
    assert.deepStrictEqual(expiryNotice('prod', { environmentUrl: 'x' }, at('2027-06-20T00:00:00Z'), undefined), { status: { state: 'none' }, notify: false });
    assert.strictEqual(expirationOf({ expiration: { date: 'soon' } }), undefined);
    assert.deepStrictEqual(expirationOf({ expiration: { date: '2027-01-01', notifyDaysBefore: -3 } }), { date: '2027-01-01' });
    assert.strictEqual(expirationOf(undefined), undefined);
  });
});
