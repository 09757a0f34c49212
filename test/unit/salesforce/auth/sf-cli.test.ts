import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SfCliError, sfOrgDisplay } from '../../../../src/salesforce/auth/sf-cli';

/**
 * A stand-in `sf` executable: a real program on PATH that answers each command as the Salesforce CLI
 * does, so the test exercises execFile, argument passing and JSON handling for real. `answers` maps the
 * command words ("org auth show-access-token", "org display") to what is printed and the exit code; a
 * command it does not list is answered like a CLI that does not know it.
 */
function writeFakeSf(dir: string, answers: Record<string, { output: object | string; exitCode: number }>): string {
  const script = path.join(dir, 'sf');
  const calls = path.join(dir, 'calls.log');
  const body = `#!${process.execPath}
const fs = require('node:fs');
const argv = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(calls)}, argv.join(' ') + '\\n');
const answers = ${JSON.stringify(answers)};
const words = argv.filter((word) => !word.startsWith('-')).slice(0, -1).join(' ');
const answer = answers[words];
if (!answer) {
  process.stderr.write(' ›   Warning: ' + words + ' is not a sf command.\\n');
  process.exit(127);
}
process.stdout.write(typeof answer.output === 'string' ? answer.output : JSON.stringify(answer.output));
process.exit(answer.exitCode);
`;
  fs.writeFileSync(script, body, { mode: 0o755 });
  return calls;
}

const ORG = { accessToken: '00Dxx0000001gPL!AQ4AQFakeTokenValue', instanceUrl: 'https://acme.my.salesforce.com', username: 'u@acme', id: '00D000000000001AAA', apiVersion: '62.0' };
const REDACTED = "[REDACTED] Use 'sf org auth show-access-token' to view";
const NO_AUTH = { output: { status: 1, name: 'NoAuthInfoFoundError', message: 'No authorization information found for acme.' }, exitCode: 1 };

describe('Salesforce CLI session (sf org auth show-access-token, then sf org display)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-sf-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const envWith = (bin: string) => ({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });

  it('takes the token from show-access-token on a current CLI (2.150) whose org display redacts it', async () => {
    const calls = writeFakeSf(dir, {
      'org auth show-access-token': { output: { status: 0, result: { accessToken: ORG.accessToken, instanceUrl: ORG.instanceUrl, username: ORG.username, orgId: ORG.id } }, exitCode: 0 },
      'org display': { output: { status: 0, result: { ...ORG, accessToken: REDACTED } }, exitCode: 0 },
    });
    const org = await sfOrgDisplay('acme; rm -rf /', { env: envWith(dir) });
    assert.equal(org.accessToken, ORG.accessToken);
    assert.equal(org.instanceUrl, ORG.instanceUrl);
    assert.equal(org.username, 'u@acme');
    assert.equal(org.orgId, ORG.id);
    assert.deepEqual(fs.readFileSync(calls, 'utf8').trim().split('\n'), ['org auth show-access-token --json --target-org acme; rm -rf /']);
  });

  it('falls back to org display on an older CLI that does not know show-access-token', async () => {
    const calls = writeFakeSf(dir, { 'org display': { output: { status: 0, result: ORG }, exitCode: 0 } });
    const org = await sfOrgDisplay('acme', { env: envWith(dir) });
    assert.equal(org.accessToken, ORG.accessToken);
    assert.equal(org.orgId, ORG.id);
    assert.deepEqual(fs.readFileSync(calls, 'utf8').trim().split('\n'), ['org auth show-access-token --json --target-org acme', 'org display --json --target-org acme']);
  });

  it('says what to run when only a redacted token is to be had', async () => {
    writeFakeSf(dir, {
      'org auth show-access-token': { output: { status: 1, name: 'SfError', message: 'Unable to refresh the token.' }, exitCode: 1 },
      'org display': { output: { status: 0, result: { ...ORG, accessToken: REDACTED } }, exitCode: 0 },
    });
    await assert.rejects(sfOrgDisplay('acme', { env: envWith(dir) }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'SF_CLI_TOKEN_REDACTED');
      assert.match(error.message, /prints the access token redacted for org "acme".*\(SfError: Unable to refresh the token\.\)\. Run "sf org auth show-access-token --target-org acme"/);
      assert.doesNotMatch(error.message, /REDACTED\]/);
      return true;
    });
  });

  it('refuses a token that is not one (a sentence where the token should be)', async () => {
    writeFakeSf(dir, { 'org display': { output: { status: 0, result: { ...ORG, accessToken: 'not available' } }, exitCode: 0 } });
    await assert.rejects(sfOrgDisplay('acme', { env: envWith(dir) }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'SF_CLI_TOKEN_UNUSABLE');
      assert.match(error.message, /printed an access token that cannot be used .* Run "sf org auth show-access-token --target-org acme"/);
      return true;
    });
  });

  it('reports an org the CLI does not know, with the login command to run', async () => {
    writeFakeSf(dir, { 'org auth show-access-token': NO_AUTH, 'org display': NO_AUTH });
    await assert.rejects(sfOrgDisplay('acme', { env: envWith(dir) }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'NoAuthInfoFoundError');
      assert.match(error.message, /no usable session for org "acme" \(NoAuthInfoFoundError: No authorization information found for acme\.\)\. Run "sf org login web --alias acme"/);
      return true;
    });
  });

  it('says how to install the CLI when sf is not on PATH', async () => {
    await assert.rejects(sfOrgDisplay('acme', { env: { PATH: dir } }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'SF_CLI_NOT_FOUND');
      assert.match(error.message, /not installed or not on PATH\. Install it/);
      return true;
    });
  });

  it('refuses an alias cmd.exe could interpret when it has to go through cmd.exe on Windows', async () => {
    await assert.rejects(sfOrgDisplay('acme & calc', { env: envWith(dir), platform: 'win32' }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'SF_CLI_ALIAS_UNSAFE');
      return true;
    });
  });
});
