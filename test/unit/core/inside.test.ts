import assert from 'node:assert/strict';
import * as path from 'node:path';
import { isInside } from '../../../src/core/inside';

/** The one containment test of sfjob's, at its edges, on POSIX and on Windows paths. */

describe('isInside: whether a path lies in a folder', () => {
  const posix = { paths: path.posix };
  const win32 = { paths: path.win32 };

  it('counts the folder itself as inside, unless strictly below is asked for', () => {
    assert.equal(isInside('/ws', '/ws', posix), true);
    assert.equal(isInside('/ws', '/ws', { ...posix, strictly: true }), false);
    assert.equal(isInside('/ws/a', '/ws', { ...posix, strictly: true }), true);
    assert.equal(isInside('C:\\ws', 'C:\\ws', { ...win32, strictly: true }), false);
  });

  it('ignores trailing separators and dot segments on either side', () => {
    assert.equal(isInside('/ws/', '/ws', { ...posix, strictly: true }), false);
    assert.equal(isInside('/ws', '/ws/', posix), true);
    assert.equal(isInside('/ws/a/', '/ws/', { ...posix, strictly: true }), true);
    assert.equal(isInside('/ws/./a', '/ws/.', posix), true);
    assert.equal(isInside('/ws/a/../../etc', '/ws', posix), false);
    assert.equal(isInside('C:\\ws\\a\\', 'C:\\ws\\', { ...win32, strictly: true }), true);
  });

  it('keeps a name that starts with two dots inside, and a parent, a sibling or a shared prefix outside', () => {
    assert.equal(isInside('/ws/..foo', '/ws', { ...posix, strictly: true }), true);
    assert.equal(isInside('/ws/..', '/ws', posix), false);
    assert.equal(isInside('/ws/../x', '/ws', posix), false);
    assert.equal(isInside('/', '/ws', posix), false);
    assert.equal(isInside('/wsx/a', '/ws', posix), false);
    assert.equal(isInside('/w', '/ws', posix), false);
    assert.equal(isInside('/ws/a/..foo/b', '/ws', posix), true);
    assert.equal(isInside('C:\\ws\\..foo', 'C:\\ws', win32), true);
    assert.equal(isInside('C:\\wsx', 'C:\\ws', win32), false);
    assert.equal(isInside('C:\\ws\\..\\x', 'C:\\ws', win32), false);
  });

  it('counts letter case on POSIX, not on Windows, and never finds a path on another drive inside', () => {
    assert.equal(isInside('/WS/a', '/ws', posix), false);
    assert.equal(isInside('C:\\WS\\a', 'c:\\ws', win32), true);
    assert.equal(isInside('D:\\ws\\a', 'C:\\ws', win32), false);
  });

  it('finds everything inside the file system root', () => {
    assert.equal(isInside('/a/b', '/', posix), true);
    assert.equal(isInside('/', '/', { ...posix, strictly: true }), false);
  });

  it('uses the platform\'s own paths by default', () => {
    const root = path.resolve('/ws');
    assert.equal(isInside(path.join(root, '..foo'), root), true);
    assert.equal(isInside(path.join(root, '..', 'x'), root), false);
  });
});
