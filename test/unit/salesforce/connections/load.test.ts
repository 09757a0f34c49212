import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConnectionConfigError, findConnectionsFile, getConnection, loadConnections, loginUrlOf, parseConnectionsText } from '../../../../src/salesforce/connections/load';

describe('connections file loading', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-conn-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the nearest sfjob.connections.json walking up from a job folder', () => {
    fs.writeFileSync(path.join(root, 'sfjob.connections.json'), '{"connections":{}}');
    const deep = path.join(root, 'jobs', 'chat');
    fs.mkdirSync(deep, { recursive: true });
    assert.equal(findConnectionsFile(deep), path.join(root, 'sfjob.connections.json'));
  });

  it('prefers a nearer connections file over one higher up', () => {
    fs.writeFileSync(path.join(root, 'sfjob.connections.json'), '{"connections":{}}');
    const inner = path.join(root, 'inner');
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(inner, 'sfjob.connections.json'), '{"connections":{}}');
    assert.equal(findConnectionsFile(inner), path.join(inner, 'sfjob.connections.json'));
  });

  it('reads JSONC with comments and trailing commas', () => {
    fs.writeFileSync(
      path.join(root, 'sfjob.connections.json'),
      '{\n // local org\n "connections": { "local": { "flow": "password", "clientId": "app", "username": "u@x", "environmentUrl": "http://127.0.0.1:4510", }, },\n}',
    );
    const loaded = loadConnections(root);
    assert.equal(loaded.root, root);
    assert.equal(getConnection(loaded, 'local').connection.username, 'u@x');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    assert.throws(() => parseConnectionsText('{\n"connections": {\n  "a": }\n}', '/ws/sfjob.connections.json'), (error: Error) => {
      assert.ok(error instanceof ConnectionConfigError);
      assert.match(error.message, /^\/ws\/sfjob\.connections\.json:3:8: Expected a value/);
      return true;
    });
  });

  it('reports a schema problem at the bad value, with the path of the key', () => {
    assert.throws(() => parseConnectionsText('{"connections":{"a":{"flow":"magic"}}}', 'c.json'), /: c\.json:1:29: "connections\.a\.flow" must be one of .*\(found "magic"\)/);
  });

  it('lists the known connections when a name is missing', () => {
    const loaded = parseConnectionsText('{"connections":{"prod":{"flow":"webServer"},"dev":{"flow":"sfCli","sfCliAlias":"dev"}}}', 'c.json');
    assert.throws(() => getConnection(loaded, 'staging'), /no connection named "staging"\. Known connections: prod, dev\./);
  });

  it('does not treat inherited object keys as connection names', () => {
    const loaded = parseConnectionsText('{"connections":{}}', 'c.json');
    assert.throws(() => getConnection(loaded, 'constructor'), ConnectionConfigError);
  });

  it('says where it looked when no connections file exists', () => {
    assert.throws(() => loadConnections(root), /No sfjob\.connections\.json found in .* or any folder above it/);
  });
});

describe('login host of a connection', () => {
  it('uses environmentUrl without a trailing slash', () => {
    assert.equal(loginUrlOf({ flow: 'password', environmentUrl: 'https://acme.my.salesforce.com/' }), 'https://acme.my.salesforce.com');
  });
  it('uses the emulator URL as given', () => {
    assert.equal(loginUrlOf({ flow: 'password', environmentUrl: 'http://127.0.0.1:4510' }), 'http://127.0.0.1:4510');
  });
  it('uses login.salesforce.com for production and test.salesforce.com for a sandbox', () => {
    assert.equal(loginUrlOf({ flow: 'webServer' }), 'https://login.salesforce.com');
    assert.equal(loginUrlOf({ flow: 'webServer', testEnvironment: true }), 'https://test.salesforce.com');
  });

  it('refuses connection names that read the same environment variables', () => {
    const text = JSON.stringify({ connections: { 'acme-prod': { flow: 'sfCli', sfCliAlias: 'a' }, 'acme.prod': { flow: 'sfCli', sfCliAlias: 'b' } } });
    assert.throws(() => parseConnectionsText(text, '/w/sfjob.connections.json'), (error: Error) => {
      assert.ok(error instanceof ConnectionConfigError);
      assert.match(error.message, /Connections "acme-prod" and "acme\.prod" read the same environment variables \(SFJOB_ACME_PROD_…\)/);
      return true;
    });
  });

  it('refuses a plain-http login URL to another machine and keeps loopback http for the emulator', () => {
    const remote = JSON.stringify({ connections: { org: { flow: 'password', clientId: 'a', username: 'u', environmentUrl: 'http://acme.my.salesforce.com' } } });
    assert.throws(() => parseConnectionsText(remote, '/w/sfjob.connections.json'), /environmentUrl must start with https:\/\//);
    for (const url of ['http://127.0.0.1:4510', 'http://localhost:4510', 'http://[::1]:4510', 'https://acme.my.salesforce.com']) {
      const text = JSON.stringify({ connections: { org: { flow: 'password', clientId: 'a', username: 'u', environmentUrl: url } } });
      assert.equal(parseConnectionsText(text, '/w/sfjob.connections.json').connections.org.environmentUrl, url);
    }
  });

  it('refuses a connections file nested deeper than the limit with its line and column, not a stack overflow', () => {
    const text = `{"connections": ${'['.repeat(200_000)}`;
    assert.throws(() => parseConnectionsText(text, '/w/sfjob.connections.json'), /^Error: |sfjob\.connections\.json:1:\d+: Objects and arrays nest more than 64 levels/);
  });
});
