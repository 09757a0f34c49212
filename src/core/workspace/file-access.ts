/**
 * What the job workspace needs from its host to look at files. The core never touches the disk: the CLI
 * passes the file system, the editor passes its open documents first and the disk after them.
 */

export interface FileInfo {
  /** `other` is anything that is neither: a device, a pipe, a socket. */
  type: 'file' | 'directory' | 'other';
  /** Bytes; 0 for anything but a file. */
  size: number;
}

export interface FileRead {
  text: string;
  /** The file holds more than the limit asked for; `text` is then incomplete. */
  truncated: boolean;
}

export interface FileAccess {
  /** What is at a path, links followed; undefined when nothing is there. */
  stat(path: string): FileInfo | undefined;
  /** The path with every link resolved; undefined when it does not exist. */
  realpath(path: string): string | undefined;
  /**
   * Reads a regular file as UTF-8, at most `limit` bytes of it; undefined when it cannot be read. A host
   * must not block on a pipe or read a device: it refuses anything but a regular file.
   */
  read(path: string, limit: number): FileRead | undefined;
  /** The names in a folder; undefined when it is not a readable folder. */
  list(dir: string): string[] | undefined;
  /** A host that keeps what it read drops it: a use case wrote files (describe data) it read before. */
  forget?(): void;
}

/** The kinds of file a job's own keys name. */
export type JobFileKind = 'sample' | 'rule-file';

/** The kinds of file a workspace opens, each with its own size limit. */
export type WorkspaceFileKind = 'sample' | 'rule-file' | 'connections' | 'describe' | 'describe-index' | 'ignore';

const MB = 1024 * 1024;

/**
 * The most a file of each kind may hold. A sample of 50 MB is 2,000 records (the most "sfjob sample"
 * fetches) of 25 KB each, long chat transcripts included, and is still checked in seconds. A rule file
 * of 1 MB holds tens of thousands of rules, more than any job compiles in reasonable time. Salesforce's
 * largest standard object describes are about 2 MB. A bigger file is refused before a byte of it is read.
 */
export const FILE_SIZE_LIMITS: Readonly<Record<WorkspaceFileKind, number>> = {
  sample: 50 * MB,
  'rule-file': 1 * MB,
  connections: 1 * MB,
  describe: 8 * MB,
  'describe-index': 1 * MB,
  ignore: 64 * 1024,
};

/** Why a file a job names was not read. */
export type FileProblem = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'unreadable' | 'not-checked';

/** A file a job names, opened by the workspace: its text, or why it was refused. */
export type OpenedFile = { ok: true; text: string; path: string } | { ok: false; problem: FileProblem; reason: string; path?: string };

/** Megabytes or kilobytes, as the size limits are written in the docs. */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * A host whose reads of some files are kept until `forget`: describe data does not change while a person
 * types, so the editor and a CLI command checking many jobs read each describe file once.
 */
export function cachingReads(host: FileAccess, keep: (path: string) => boolean): FileAccess & { forget(): void } {
  const reads = new Map<string, FileRead | undefined>();
  return {
    stat: (p) => host.stat(p),
    realpath: (p) => host.realpath(p),
    list: (dir) => host.list(dir),
    read(p, limit) {
      if (!keep(p)) return host.read(p, limit);
      const key = `${limit}\0${p}`;
      if (!reads.has(key)) reads.set(key, host.read(p, limit));
      return reads.get(key);
    },
    forget: () => reads.clear(),
  };
}
