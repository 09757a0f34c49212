import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkJobText } from '../../../../src/app/validate-job';
import type { FileAccess } from '../../../../src/core/workspace';
import { workspaceFileAccess } from '../../../../src/store/fs-access';

/** The file system, with every look at a path counted: Restricted Mode may only resolve the job's own folder. */
function countingAccess(): { files: FileAccess; looked: string[] } {
  const real = workspaceFileAccess();
  const looked: string[] = [];
  const files: FileAccess = {
    stat: (file) => (looked.push(`stat ${file}`), real.stat(file)),
    realpath: (file) => (looked.push(`realpath ${file}`), real.realpath(file)),
    read: (file, limit) => (looked.push(`read ${file}`), real.read(file, limit)),
    list: (dir) => (looked.push(`list ${dir}`), real.list(dir)),
  };
  return { files, looked };
}

describe('checking a job in an untrusted workspace (Restricted Mode)', () => {
  let root: string;
  const job = (extra: Record<string, unknown>) =>
    JSON.stringify({ name: 'x', project: 'p', connection: 'local', feedbackType: 'feedback', query: 'SELECT Id, CreatedDate FROM Case', dateField: 'CreatedDate', ...extra }, null, 2);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-restricted-'));
    fs.writeFileSync(path.join(root, 'sfjob.connections.json'), '{"connections": {"other": {"environmentUrl": "https://login.salesforce.com", "flow": "password", "clientId": "a", "username": "u@x"}}}');
    fs.writeFileSync(path.join(root, 'subs.txt'), 'no colon on this line\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('looks at no file but the open text, and says nothing it could only know from other files', () => {
    const { files, looked } = countingAccess();
    const text = job({ substitutions: { file: 'subs.txt' }, sample: 'missing.sample.json' });
    const check = checkJobText(path.join(root, 'a.sfjob.json'), text, files, { restricted: true });
    assert.deepEqual(looked.filter((what) => what !== `realpath ${root}`), []);
    assert.deepEqual(check.filesRead, []);
    // Trusted, the same job is wrong three ways: an unknown connection, a bad rule file, a missing sample.
    const codes = check.result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    assert.deepEqual(codes, []);
  });

  it('still checks the open text itself', () => {
    const { files } = countingAccess();
    const check = checkJobText(path.join(root, 'a.sfjob.json'), job({ query: 'SELECT Id, CreatedDate FROM Case GROUP BY Id' }), files, { restricted: true });
    assert.ok(check.result.diagnostics.some((d) => d.code === 'soql-group-by'));
  });

  it('reports what the files say once the workspace is trusted', () => {
    const { files, looked } = countingAccess();
    const check = checkJobText(path.join(root, 'a.sfjob.json'), job({ substitutions: { file: 'subs.txt' } }), files);
    assert.ok(looked.length > 0);
    const codes = new Set(check.result.diagnostics.map((d) => d.code));
    assert.ok(codes.has('unknown-connection'), [...codes].join(', '));
    assert.ok(codes.has('rule-file'), [...codes].join(', '));
  });
});
