import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConnectionsText } from '../../../../src/salesforce/connections/load';
import { connectionStatuses } from '../../../../src/salesforce/connections/status';
import { EnvSecretStore } from '../../../../src/salesforce/secrets/env-store';

describe('connection status', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-status-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function load(connections: object) {
    return parseConnectionsText(JSON.stringify({ connections }), path.join(root, 'sfjob.connections.json'));
  }

  it('is ready when the flow has every setting and secret it needs, naming where each secret comes from', async () => {
    const loaded = load({ prod: { flow: 'password', clientId: 'app', username: 'u@x' } });
    const [status] = await connectionStatuses(loaded, new EnvSecretStore({ SFJOB_PROD_CLIENT_SECRET: 'cs-1234', SFJOB_PROD_PASSWORD: 'pw-1234' }), new Date('2026-01-01'));
    assert.equal(status.ready, true);
    assert.deepEqual(status.present, [
      { kind: 'clientSecret', source: 'environment variables' },
      { kind: 'password', source: 'environment variables' },
    ]);
    assert.equal(status.loginUrl, 'https://login.salesforce.com');
  });

  it('lists missing settings and secrets, and a sign-in for the web server flow', async () => {
    const loaded = load({ web: { flow: 'webServer' }, cli: { flow: 'sfCli' } });
    const [web, cli] = await connectionStatuses(loaded, new EnvSecretStore({}), new Date('2026-01-01'));
    assert.deepEqual(web.missing, ['"clientId" in sfjob.connections.json', 'a sign-in (run "sfjob auth web")']);
    assert.deepEqual(cli.missing, ['"sfCliAlias" in sfjob.connections.json']);
  });

  it('checks that the JWT key file exists, relative to the connections file', async () => {
    const loaded = load({ ci: { flow: 'jwt', clientId: 'app', username: 'u@x', jwtKeyFile: 'keys/ci.key' } });
    const [missing] = await connectionStatuses(loaded, new EnvSecretStore({}), new Date('2026-01-01'));
    assert.deepEqual(missing.missing, [`the key file ${path.join(root, 'keys', 'ci.key')}`]);
    fs.mkdirSync(path.join(root, 'keys'));
    fs.writeFileSync(path.join(root, 'keys', 'ci.key'), 'key');
    const [present] = await connectionStatuses(loaded, new EnvSecretStore({}), new Date('2026-01-01'));
    assert.equal(present.ready, true);
  });

  it('carries the expiry state of each connection', async () => {
    const loaded = load({ a: { flow: 'sfCli', sfCliAlias: 'a', expiration: { date: '2026-01-05' } } });
    const [status] = await connectionStatuses(loaded, new EnvSecretStore({}), new Date('2026-01-01T10:00:00Z'));
    assert.equal(status.expiry.state, 'warn');
    assert.equal(status.expiry.daysLeft, 4);
  });
});
