import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * A folder whose disk is full. Where a tmpfs can be mounted (as root on Linux) the folder gets a tiny
 * tmpfs filled to the last byte, so writes fail with ENOSPC as on a real full disk; the files named in
 * `keep` are copied in first so they stay readable. Elsewhere the folder is swapped for a plain file,
 * so writes under it fail with ENOTDIR. Either way `release` puts the original folder back untouched.
 */
export interface TinyDisk {
  kind: 'tmpfs' | 'file';
  release(): Promise<void>;
}

export async function mountTinyDisk(folder: string, options: { keep?: string[]; size?: string } = {}): Promise<TinyDisk> {
  await fs.mkdir(folder, { recursive: true });
  const kept = new Map<string, Buffer>();
  for (const name of options.keep ?? []) kept.set(name, await fs.readFile(path.join(folder, name)));
  const mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${options.size ?? '64k'}`, 'tmpfs', folder]).status === 0;
  if (mounted) {
    for (const [name, content] of kept) await fs.writeFile(path.join(folder, name), content);
    await fillUp(path.join(folder, '.filler'));
    return {
      kind: 'tmpfs',
      release: async () => {
        if (spawnSync('umount', [folder]).status !== 0) spawnSync('umount', ['-l', folder]);
      },
    };
  }
  const aside = `${folder}.aside`;
  await fs.rename(folder, aside);
  await fs.writeFile(folder, 'not a folder');
  return {
    kind: 'file',
    release: async () => {
      await fs.rm(folder, { force: true });
      await fs.rename(aside, folder);
    },
  };
}

async function fillUp(file: string): Promise<void> {
  const handle = await fs.open(file, 'w');
  const block = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  // Whatever the last partial block left over is taken too, a byte at a time.
  const handle2 = await fs.open(file, 'a');
  try {
    for (;;) await handle2.write(Buffer.from('.'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle2.close();
  }
}

/** A digest of every file under the given paths (relative to root), to prove they did not change. */
export async function snapshotOf(root: string, relativePaths: string[]): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  const visit = async (relative: string): Promise<void> => {
    const full = path.join(root, relative);
    let stat;
    try {
      stat = await fs.stat(full);
    } catch {
      digests[relative] = 'missing';
      return;
    }
    if (stat.isDirectory()) {
      for (const name of (await fs.readdir(full)).sort()) await visit(path.join(relative, name));
    } else {
      digests[relative] = createHash('sha256').update(await fs.readFile(full)).digest('hex');
    }
  };
  for (const relative of relativePaths) await visit(relative);
  return digests;
}
