import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SfCliError, sfOrgDisplay } from '../../../../src/salesforce/auth/sf-cli';

/**
 * A stand-in `sf` executable: a real program on PATH that prints what the Salesforce CLI prints, so the
 * test exercises execFile, argument passing and JSON handling for real.
 */
function writeFakeSf(dir: string, output: object, exitCode: number): void {
  const script = path.join(dir, 'sf');
  const body = `#!${process.execPath}\nprocess.stdout.write(JSON.stringify(Object.assign(${JSON.stringify(output)}, { argv: process.argv.slice(2) })));\nprocess.exit(${exitCode});\n`;
  fs.writeFileSync(script, body, { mode: 0o755 });
}

describe('Salesforce CLI session (sf org display)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-sf-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const envWith = (bin: string) => ({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });

  it('returns the access token and instance URL the CLI holds for the alias', async () => {
    writeFakeSf(dir, { status: 0, result: { accessToken: '00Dxx!token', instanceUrl: 'https://acme.my.salesforce.com', username: 'u@acme', id: '00D000000000001AAA', apiVersion: '62.0' } }, 0);
    const org = await sfOrgDisplay('acme; rm -rf /', { env: envWith(dir) });
    assert.equal(org.accessToken, '00Dxx!token');
    assert.equal(org.instanceUrl, 'https://acme.my.salesforce.com');
    assert.equal(org.username, 'u@acme');
    assert.equal(org.orgId, '00D000000000001AAA');
  });

  it('reports an org the CLI does not know, with the login command to run', async () => {
    writeFakeSf(dir, { status: 1, name: 'NoAuthInfoFound', message: 'No authorization information found for acme.' }, 1);
    await assert.rejects(sfOrgDisplay('acme', { env: envWith(dir) }), (error: Error) => {
      assert.ok(error instanceof SfCliError);
      assert.equal(error.errorCode, 'NoAuthInfoFound');
      assert.match(error.message, /no usable session for org "acme" \(NoAuthInfoFound: No authorization information found for acme\.\)\. Run "sf org login web --alias acme"/);
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
