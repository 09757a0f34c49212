import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCacheIndex, readDescribeCache, writeDescribes } from '../../../../src/store/describe-cache';

const ENTRIES = { orgId: '00D000000000001AAA', connection: 'local', apiVersion: '62.0', fetchedAt: new Date('2026-12-01T00:00:00Z') };
const CASE = { name: 'Case', label: 'Case', fields: [{ name: 'Id', label: 'Id', type: 'id', filterable: true, groupable: true }] };

describe('the describe cache keeps what the org lacks', () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-describe-'));
  });
  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('records an object the org answered NOT_FOUND for, and reads it back as absent, not as not described', async () => {
    const orgDir = path.join(cacheDir, ENTRIES.orgId);
    await writeDescribes(orgDir, ENTRIES, [CASE], ['Cases']);
    assert.deepEqual(Object.keys(readCacheIndex(orgDir)?.missing ?? {}), ['Cases']);
    const describe = readDescribeCache(cacheDir, { connection: 'local' });
    assert.equal(describe?.isAbsent?.('cases'), true);
    assert.equal(describe?.isAbsent?.('Account'), false, 'an object never asked for is only not described yet');
    assert.equal(describe?.isAbsent?.('Case'), false);
  });

  it('forgets the absence once the object is described', async () => {
    const orgDir = path.join(cacheDir, ENTRIES.orgId);
    await writeDescribes(orgDir, ENTRIES, [], ['Case']);
    await writeDescribes(orgDir, ENTRIES, [CASE]);
    assert.equal(readCacheIndex(orgDir)?.missing, undefined);
    assert.equal(readDescribeCache(cacheDir, { connection: 'local' })?.isAbsent?.('Case'), false);
  });
});
