import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_INDEX_FILE, isStale, readCacheIndex, readDescribeCache, writeDescribes } from '../../../src/store/describe-cache';

function describeOf(name: string, fields: string[]): Record<string, unknown> {
  return { name, label: name, urls: {}, fields: fields.map((f) => ({ name: f, label: f, type: f.endsWith('Date') ? 'datetime' : 'string', filterable: true, groupable: true })) };
}

describe('the describe cache files', () => {
  let root: string;
  let cacheDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-describe-cache-'));
    cacheDir = path.join(root, '.sfjob', 'describe');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes describes as answered, with an index of connections and fetch times', async () => {
    const fetchedAt = new Date('2026-11-20T10:00:00Z');
    await writeDescribes(path.join(cacheDir, '00DA'), { orgId: '00DA', connection: 'prod', apiVersion: '62.0', fetchedAt }, [describeOf('Case', ['Id', 'CreatedDate'])]);
    await writeDescribes(path.join(cacheDir, '00DA'), { orgId: '00DA', connection: 'backup', apiVersion: '62.0', fetchedAt }, [describeOf('Account', ['Id'])]);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(cacheDir, '00DA', 'Case.json'), 'utf8')), describeOf('Case', ['Id', 'CreatedDate']));
    assert.deepEqual(readCacheIndex(path.join(cacheDir, '00DA')), {
      orgId: '00DA',
      connections: ['backup', 'prod'],
      objects: { Account: { fetchedAt: fetchedAt.toISOString(), apiVersion: '62.0' }, Case: { fetchedAt: fetchedAt.toISOString(), apiVersion: '62.0' } },
    });
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, '00DA')).sort(), ['Account.json', 'Case.json', CACHE_INDEX_FILE]);
  });

  it('reads only the org a connection reaches, and nothing for a connection the cache has not seen', async () => {
    const at = { apiVersion: '62.0', fetchedAt: new Date() };
    await writeDescribes(path.join(cacheDir, '00DA'), { orgId: '00DA', connection: 'prod', ...at }, [describeOf('Case', ['Id', 'ProdOnly__c'])]);
    await writeDescribes(path.join(cacheDir, '00DB'), { orgId: '00DB', connection: 'sandbox', ...at }, [describeOf('Case', ['Id', 'SandboxOnly__c']), describeOf('Lead', ['Id'])]);
    const sandbox = readDescribeCache(cacheDir, { connection: 'sandbox' });
    assert.deepEqual(sandbox?.object('case')?.fields.map((f) => f.name), ['Id', 'SandboxOnly__c']);
    assert.deepEqual(sandbox?.objectNames().sort(), ['Case', 'Lead']);
    assert.equal(readDescribeCache(cacheDir, { connection: 'never-seen' }), undefined, 'another org cached beside it never stands in');
  });

  it('skips half-written and foreign files, and answers undefined for an empty or missing cache', () => {
    const prod = { connection: 'prod' };
    assert.equal(readDescribeCache(cacheDir, prod), undefined);
    fs.mkdirSync(path.join(cacheDir, '00DA'), { recursive: true });
    fs.writeFileSync(path.join(cacheDir, '00DA', CACHE_INDEX_FILE), JSON.stringify({ orgId: '00DA', connections: ['prod'], objects: {} }));
    fs.writeFileSync(path.join(cacheDir, '00DA', 'Case.json'), '{"name": "Case", "fie');
    fs.writeFileSync(path.join(cacheDir, '00DA', 'notes.json'), '{"hello": 1}');
    assert.equal(readDescribeCache(cacheDir, prod), undefined);
    fs.writeFileSync(path.join(cacheDir, '00DA', 'Lead.json'), JSON.stringify(describeOf('Lead', ['Id'])));
    assert.deepEqual(readDescribeCache(cacheDir, prod)?.objectNames(), ['Lead']);
  });

  it('counts an object as stale when it is missing, unreadable in the index or older than the age', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const index = { orgId: 'x', connections: [], objects: { Case: { fetchedAt: '2026-11-27T00:00:00Z', apiVersion: '62.0' }, Lead: { fetchedAt: 'garbage', apiVersion: '62.0' } } };
    assert.equal(isStale(index, 'case', now, 2 * 86_400_000), false);
    assert.equal(isStale(index, 'Case', now, 3_600_000), true);
    assert.equal(isStale(index, 'Lead', now, 2 * 86_400_000), true);
    assert.equal(isStale(index, 'Account', now, 2 * 86_400_000), true);
    assert.equal(isStale(undefined, 'Case', now, 2 * 86_400_000), true);
  });
});
