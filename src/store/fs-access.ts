import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachingReads, DESCRIBE_FOLDER, type FileAccess, type FileInfo, type FileRead } from '../core/workspace';

/**
 * The job workspace's view of the file system, for the CLI and the runner. Reads never block and never
 * take more than asked: a file is opened without waiting (a pipe cannot hold the process), checked to
 * be a regular file through its descriptor (what was looked at is what is read), and read up to the limit.
 */
export const fileSystemAccess: FileAccess = {
  stat(file) {
    try {
      return infoOf(fs.statSync(file));
    } catch {
      return undefined;
    }
  },
  realpath(file) {
    try {
      return fs.realpathSync.native(file);
    } catch {
      return undefined;
    }
  },
  read(file, limit) {
    return readBounded(file, limit);
  },
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
};

function infoOf(stat: fs.Stats): FileInfo {
  if (stat.isFile()) return { type: 'file', size: stat.size };
  return { type: stat.isDirectory() ? 'directory' : 'other', size: 0 };
}

const NO_WAIT = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** At most `limit` bytes of a regular file as UTF-8; `truncated` when there was more. */
export function readBounded(file: string, limit: number): FileRead | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, NO_WAIT);
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    // Read until the end or one byte past the limit, whatever the size said: the file may grow meanwhile.
    while (total <= limit) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, limit + 1 - total));
      const count = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
    }
    const bytes = Buffer.concat(chunks);
    return total > limit ? { text: bytes.subarray(0, limit).toString('utf8'), truncated: true } : { text: bytes.toString('utf8'), truncated: false };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

const DESCRIBE_PART = `${path.sep}${DESCRIBE_FOLDER}${path.sep}`;

/** The file system with describe data read once: for a command that checks many jobs of one workspace. */
export function workspaceFileAccess(): FileAccess & { forget(): void } {
  return cachingReads(fileSystemAccess, (file) => file.includes(DESCRIBE_PART));
}
