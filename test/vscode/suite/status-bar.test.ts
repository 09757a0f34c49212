import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, readText, sfjobApi, writeText } from './helpers';

/** Polls the status bar item until `accept` takes it (it updates on editor events). */
async function statusWhen(accept: (state: { text: string; tooltip: string; visible: boolean }) => boolean) {
  const api = await sfjobApi();
  for (let attempt = 0; attempt < 50; attempt++) {
    const state = api.connectionStatus();
    if (accept(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the status bar item never changed as expected: ${JSON.stringify(api.connectionStatus())}`);
}

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe('the connection in the status bar', () => {
  afterEach(closeAllEditors);

  it('names the connection of the active job', async () => {
    await vscode.window.showTextDocument(fixtureUri('jobs', 'clean.sfjob.json'));
    // The browser sign-in of acme-prod has never happened in this profile.
    const state = await statusWhen((s) => s.visible && s.text.includes('acme-prod') && s.text.includes(':'));
    assert.strictEqual(state.text, '$(key) acme-prod: missing sign-in');
  });

  it('warns of a credential that expires soon, and notifies once a day', async () => {
    const api = await sfjobApi();
    const expiresOn = daysFromToday(3);
    await writeText(fixtureUri('expiry', 'sfjob.connections.json'), JSON.stringify({ connections: { expiring: { environmentUrl: 'https://acme.my.salesforce.com', clientId: 'x', flow: 'webServer', expiration: { date: expiresOn, notifyDaysBefore: 14 } } } }, null, 2));
    const job = fixtureUri('expiry', 'expiring.sfjob.json');
    await writeText(job, (await readText(fixtureUri('jobs', 'clean.sfjob.json'))).replace('"connection": "acme-prod"', '"connection": "expiring"'));
    const before = api.connectionStatus().notified.length;

    await vscode.window.showTextDocument(job);
    // Never signed in, the connection is first of all missing its sign-in; the tooltip tells the expiry too.
    const state = await statusWhen((s) => s.text === '$(key) expiring: missing sign-in');
    assert.match(state.tooltip, new RegExp(`"expiring" expires in 3 days \\(${expiresOn}\\)`));
    const notified = api.connectionStatus().notified;
    assert.strictEqual(notified.length, before + 1);
    assert.match(notified[notified.length - 1], /expires in 3 days/);

    // Showing the job again the same day keeps the warning but does not notify again.
    await vscode.window.showTextDocument(fixtureUri('jobs', 'clean.sfjob.json'));
    await statusWhen((s) => s.text.includes('acme-prod'));
    await vscode.window.showTextDocument(job);
    await statusWhen((s) => s.text === '$(key) expiring: missing sign-in');
    assert.strictEqual(api.connectionStatus().notified.length, before + 1);
  });
});
