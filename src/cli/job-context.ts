import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { DescribeSource } from '../core/describe';
import type { ValidationContext } from '../core/validate-api';
import { findDescribeCacheDir, readDescribeCache } from '../salesforce/describe/cache';
import { findConnectionsFile } from './files';

/** Connection names from a connections file, or undefined when it cannot be read (its own check reports why). */
export function readConnectionNames(connectionsPath: string | undefined): string[] | undefined {
  if (!connectionsPath) return undefined;
  try {
    const parsed: unknown = parseJsonc(fs.readFileSync(connectionsPath, 'utf8'));
    const connections = (parsed as { connections?: unknown } | undefined)?.connections;
    return connections && typeof connections === 'object' ? Object.keys(connections) : undefined;
  } catch {
    return undefined;
  }
}

/** The job's connection name as written, read without validating the rest (the checks report problems). */
export function connectionOf(jobText: string): string | undefined {
  try {
    const connection = (parseJsonc(jobText) as { connection?: unknown } | undefined)?.connection;
    return typeof connection === 'string' ? connection : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Describe data for jobs from the nearest describe cache above them, read once per cache folder and
 * connection however many jobs one command checks.
 */
export class DescribeLoader {
  private readonly loaded = new Map<string, DescribeSource | undefined>();

  forJob(jobPath: string, connection: string | undefined): DescribeSource | undefined {
    const cacheDir = findDescribeCacheDir(path.dirname(jobPath));
    if (!cacheDir) return undefined;
    const key = `${cacheDir}\0${connection ?? ''}`;
    if (!this.loaded.has(key)) this.loaded.set(key, readDescribeCache(cacheDir, connection ? { connection } : {}));
    return this.loaded.get(key);
  }
}

/** The files a job refers to, read from disk beside the job; the core itself never touches the disk. */
export function createValidationContext(jobPath: string, now: Date, describe?: DescribeSource): ValidationContext {
  const jobDir = path.dirname(jobPath);
  const connectionsPath = findConnectionsFile(jobDir);
  return {
    path: jobPath,
    readFile(relativePath) {
      try {
        return fs.readFileSync(path.resolve(jobDir, relativePath), 'utf8');
      } catch {
        return undefined;
      }
    },
    connectionNames: readConnectionNames(connectionsPath),
    noConnectionsFile: connectionsPath === undefined,
    ...(describe ? { describe } : {}),
    now,
  };
}
