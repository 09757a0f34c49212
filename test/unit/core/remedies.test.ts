import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliRemedy, editorText, remediesIn, REMEDIES } from '../../../src/core/remedies';
import { translateAuthError } from '../../../src/salesforce/auth/errors';
import { expiryStatus } from '../../../src/salesforce/connections/expiry';

const context = (connectionName: string) => ({ connectionName, connection: { flow: 'webServer', clientId: 'x', environmentUrl: 'http://127.0.0.1:4510' } as never, loginUrl: 'http://127.0.0.1:4510', action: 'authorizing' });

describe('the remedy table: one remedy, rendered for the CLI and for the editor', () => {
  it('renders each CLI remedy as the command to type, in double quotes', () => {
    assert.strictEqual(cliRemedy('authorize', 'acme-prod'), '"sfjob auth acme-prod"');
    assert.strictEqual(cliRemedy('fetch-sample'), '"sfjob sample"');
    assert.strictEqual(cliRemedy('start-local-org'), '"sfjob emulator"');
    assert.strictEqual(cliRemedy('refresh-metadata', 'jobs/a.sfjob.json'), '"sfjob describe jobs/a.sfjob.json"');
  });

  it("puts the editor's command in place of the CLI's, keeping the connection it names", () => {
    assert.strictEqual(editorText('Run "sfjob auth acme-prod" again and choose Allow.'), 'Run "sfjob: Authorize Connection" for "acme-prod" again and choose Allow.');
    assert.strictEqual(editorText('Fix it or fetch a fresh sample with "sfjob sample".'), 'Fix it or fetch a fresh sample with "sfjob: Fetch Sample".');
    assert.strictEqual(editorText('If this is the local emulator, start it with "sfjob emulator".'), 'If this is the local emulator, start it with "sfjob: Start Local Org".');
    assert.strictEqual(editorText('Run "sfjob describe jobs/a.sfjob.json" to check them.'), 'Run "sfjob: Refresh Org Metadata" to check them.');
  });

  it('sends the reader of the editor to the Problems panel where the CLI says to validate', () => {
    assert.strictEqual(editorText('x.json cannot run: bad. Run "sfjob validate x.json" for details.'), 'x.json cannot run: bad. See the Problems panel for details.');
    assert.strictEqual(editorText('oops ("sfjob validate sfjob.connections.json" lists every problem.)'), 'oops (the Problems panel lists every problem.)');
  });

  it('names a command the editor has no counterpart for as something to type in the integrated terminal', () => {
    const text = editorText('repair it with "sfjob run jobs/a.sfjob.json --since <date-time>" to read again');
    assert.strictEqual(text, 'repair it with "sfjob run jobs/a.sfjob.json --since <date-time>" in the integrated terminal to read again');
  });

  it('drops an aside that names the editor command already, so the editor does not say it twice', () => {
    const cli = translateAuthError(Object.assign(new Error('expired access/refresh token'), { errorCode: 'invalid_grant' }), { ...context('acme'), action: 'refreshing the access token' }).message;
    assert.match(cli, /Run "sfjob auth acme" \(or "sfjob: Authorize Connection" in VS Code\)/);
    const editor = editorText(cli);
    assert.match(editor, /Run "sfjob: Authorize Connection" for "acme" to sign in again/);
    assert.strictEqual(editor.match(/Authorize Connection/g)?.length, 1);
  });

  it('leaves the CLI wording of messages from the Salesforce layer as it was', () => {
    const denied = translateAuthError(Object.assign(new Error('end-user denied authorization'), { errorCode: 'access_denied' }), context('acme-prod')).message;
    assert.match(denied, /Run "sfjob auth acme-prod" again and choose Allow/);
    const expired = expiryStatus('acme-prod', { expiration: { date: '2020-01-01' } } as never, new Date('2026-01-01T00:00:00Z'));
    assert.match(expired.message ?? '', /run "sfjob auth acme-prod", then update expiration.date/);
    assert.doesNotMatch(editorText(expired.message ?? ''), /"sfjob auth/);
  });

  it('finds the remedies a message names, with the connection, for the buttons of a notification', () => {
    const found = remediesIn('Run "sfjob auth local" again. If this is the local emulator, start it with "sfjob emulator".');
    assert.deepStrictEqual(found.map((f) => [f.remedy.id, f.arg]), [['authorize', 'local'], ['start-local-org', undefined]]);
    assert.strictEqual(REMEDIES.authorize.command?.id, 'sfjob.authorizeConnection');
    assert.strictEqual(REMEDIES['start-local-org'].command?.id, 'sfjob.startLocalOrg');
  });

  it('leaves no CLI command in the editor wording of any message the sources build', () => {
    // Every quoted `sfjob <command>` in the message-building sources (not the CLI's own) must come out
    // of editorText without a CLI command the editor does not offer.
    const roots = ['src/core', 'src/app', 'src/salesforce', 'src/runner'];
    const files = roots.flatMap((root) => fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name)));
    const quoted = /"sfjob (auth|sample|emulator|describe|validate)[^"]*"/g;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(quoted)) {
        if (/^\s*(\*|\/\/)/.test(text.slice(text.lastIndexOf('\n', match.index) + 1, match.index))) continue;
        assert.doesNotMatch(editorText(match[0]), /"sfjob (auth|sample|emulator|describe|validate)\b/, `${file}: ${match[0]}`);
      }
    }
  });
});
