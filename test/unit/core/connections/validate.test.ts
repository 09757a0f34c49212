import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateConnectionsFile } from '../../../../src/core/connections/validate';
import { LineIndex } from '../../../../src/core/text';

function fileWith(connections: Record<string, unknown>): string {
  return JSON.stringify({ connections }, null, 2);
}

function rangeOf(text: string, marker: string) {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, marker);
  return new LineIndex(text).rangeOf(at, at + marker.length);
}

const NOW = new Date('2026-11-25T08:00:00Z');

describe('validateConnectionsFile', () => {
  it('accepts a valid file with comments', () => {
    const text = '{\n  // orgs\n  "connections": { "local": { "environmentUrl": "http://127.0.0.1:4510", "flow": "password", "clientId": "app", "username": "u@x" } }\n}';
    assert.deepEqual(validateConnectionsFile(text, NOW), []);
  });

  it('reports JSON syntax errors', () => {
    assert.equal(validateConnectionsFile('{"connections": {', NOW)[0].code, 'json-syntax');
  });

  it('reports schema problems at their values', () => {
    const text = fileWith({ a: { flow: 'oauth' } });
    const [diagnostic] = validateConnectionsFile(text, NOW);
    assert.equal(diagnostic.code, 'schema');
    assert.deepEqual(diagnostic.range, rangeOf(text, '"oauth"'));
  });

  it('reports an object where a string belongs once, as a wrong type, even when the object has a "length" key', () => {
    const text = fileWith({ a: { flow: 'password', username: 'u@x', clientId: { length: {} } } });
    const diagnostics = validateConnectionsFile(text, NOW);
    assert.deepEqual(diagnostics.map((d) => d.message), ['"connections.a.clientId" must be a string, not an object.']);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '{\n        "length": {}\n      }'));
  });

  it('names the key each flow needs, at the flow', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['webServer', {}, ['clientId']],
      ['password', { clientId: 'a' }, ['username']],
      ['jwt', { clientId: 'a', username: 'u' }, ['jwtKeyFile']],
      ['sfCli', {}, ['sfCliAlias']],
      ['clientCredentials', { clientId: 'a' }, ['environmentUrl']],
    ];
    for (const [flow, keys, missing] of cases) {
      const text = fileWith({ org: { flow, ...keys } });
      const found = validateConnectionsFile(text, NOW);
      assert.deepEqual(found.map((d) => d.data?.key), missing, flow);
      assert.deepEqual(found[0].range, rangeOf(text, `"${flow}"`));
    }
  });

  it('needs a My Domain URL for client credentials', () => {
    const text = fileWith({ org: { flow: 'clientCredentials', clientId: 'a', environmentUrl: 'https://login.salesforce.com' } });
    const [diagnostic] = validateConnectionsFile(text, NOW);
    assert.match(diagnostic.message, /My Domain/);
    assert.deepEqual(diagnostic.range, rangeOf(text, '"https://login.salesforce.com"'));
    assert.deepEqual(validateConnectionsFile(fileWith({ org: { flow: 'clientCredentials', clientId: 'a', environmentUrl: 'https://acme.my.salesforce.com' } }), NOW), []);
  });

  it('flags a secret written in the file without repeating it', () => {
    const text = fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', refresh_token: '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrXo2eUBn_8p2Fd0Y' } });
    const secret = validateConnectionsFile(text, NOW).find((d) => d.code === 'secret-in-file');
    assert.ok(secret);
    assert.ok(!secret.message.includes('5Aep'));
  });

  it('reports an expired credential after its expiration date, and warns within notifyDaysBefore', () => {
    const expired = fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', expiration: { date: '2026-11-24' } } });
    const [error] = validateConnectionsFile(expired, NOW);
    assert.equal(error.code, 'credential-expired');
    assert.equal(error.severity, 'error');
    assert.deepEqual(error.range, rangeOf(expired, '"2026-11-24"'));
    const soon = validateConnectionsFile(fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', expiration: { date: '2026-11-30', notifyDaysBefore: 10 } } }), NOW);
    assert.equal(soon[0].severity, 'warning');
    const lastDay = validateConnectionsFile(fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', expiration: { date: '2026-11-25' } } }), NOW);
    assert.deepEqual(lastDay.map((d) => d.severity), ['warning']);
    assert.deepEqual(validateConnectionsFile(fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', expiration: { date: '2027-06-30' } } }), NOW), []);
  });

  it('skips the expiration check without a clock', () => {
    assert.deepEqual(validateConnectionsFile(fileWith({ org: { flow: 'sfCli', sfCliAlias: 'dev', expiration: { date: '2020-01-01' } } })), []);
  });
});

describe('validateConnectionsFile on any input', () => {
  it('never throws on arbitrary text or JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 })), (text) => Array.isArray(validateConnectionsFile(text, NOW))), { numRuns: 300 });
  });

  it('never throws on a connection with any values for its keys', () => {
    const keys = ['environmentUrl', 'flow', 'clientId', 'username', 'jwtKeyFile', 'sfCliAlias', 'expiration', 'testEnvironment'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 })), (connection) => Array.isArray(validateConnectionsFile(fileWith({ org: connection }), NOW))),
      { numRuns: 300 },
    );
  });

  it('flags the second of two connection names that read the same environment variables, on its name', () => {
    const text = fileWith({ 'acme-prod': { flow: 'sfCli', sfCliAlias: 'a' }, 'Acme.Prod': { flow: 'sfCli', sfCliAlias: 'b' }, other: { flow: 'sfCli', sfCliAlias: 'c' } });
    const found = validateConnectionsFile(text, NOW);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'schema');
    assert.match(found[0].message, /Connections "acme-prod" and "Acme\.Prod" read the same environment variables \(SFJOB_ACME_PROD_…\)/);
    assert.deepEqual(found[0].range, rangeOf(text, '"Acme.Prod"'));
  });

  it('refuses plain http to any host but a loopback one, on the URL', () => {
    const text = fileWith({
      a: { flow: 'password', clientId: 'c', username: 'u', environmentUrl: 'http://acme.my.salesforce.com' },
      b: { flow: 'password', clientId: 'c', username: 'u', environmentUrl: 'http://127.0.0.1.example.com' },
      c: { flow: 'password', clientId: 'c', username: 'u', environmentUrl: 'http://127.0.0.2:4510' },
      d: { flow: 'password', clientId: 'c', username: 'u', environmentUrl: 'http://localhost' },
      e: { flow: 'password', clientId: 'c', username: 'u', environmentUrl: 'https://acme.my.salesforce.com' },
    });
    const found = validateConnectionsFile(text, NOW);
    assert.deepEqual(found.map((d) => d.range), [rangeOf(text, '"http://acme.my.salesforce.com"'), rangeOf(text, '"http://127.0.0.1.example.com"')]);
    assert.match(found[0].message, /must start with https:\/\//);
  });

  it('refuses a jwtKeyFile inside the workspace and accepts one outside it or in the home folder', () => {
    const jwt = (jwtKeyFile: string) => ({ flow: 'jwt', clientId: 'c', username: 'u', jwtKeyFile });
    const text = fileWith({ a: jwt('keys/a.pem'), b: jwt('/work/repo/keys/b.pem'), c: jwt('../keys/c.pem'), d: jwt('~/.config/sfjob/d.pem'), e: jwt('/etc/keys/e.pem') });
    const found = validateConnectionsFile(text, NOW, '/work/repo');
    assert.deepEqual(found.map((d) => d.code), ['secret-in-file', 'secret-in-file']);
    assert.deepEqual(found.map((d) => d.range), [rangeOf(text, '"keys/a.pem"'), rangeOf(text, '"/work/repo/keys/b.pem"')]);
  });
});
