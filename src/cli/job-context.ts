import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ValidationContext } from '../core/validate-api';
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

/** The files a job refers to, read from disk beside the job; the core itself never touches the disk. */
export function createValidationContext(jobPath: string, now: Date): ValidationContext {
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
    now,
  };
}
