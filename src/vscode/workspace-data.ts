import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { DescribeSource } from '../core/describe';
import type { ValidationContext } from '../core/validate-api';
import { findDescribeCacheDir, readDescribeCache } from '../salesforce/describe/cache';
import { CONNECTIONS_FILE_NAME } from './job-files';

/**
 * What a job refers to outside its own text: files beside it, the workspace's connections file and the
 * describe cache (.sfjob/describe/<orgId>/<Object>.json, the nearest one above the job inside its
 * workspace folder). Open documents win over the disk, so a sample edited and not yet saved is what the
 * checks see. Describe data is kept per cache folder and dropped when the cache folder changes.
 */
export class WorkspaceData {
  private readonly describeByCache = new Map<string, DescribeSource | undefined>();

  /** The text of a file: the open document's when it is open, else the disk's; undefined when missing. */
  readText(filePath: string): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === filePath);
    if (open) return open.getText();
    try {
      return fs.readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The connections file that applies to a job: the nearest one up to the workspace folder's root. */
  connectionsFileFor(jobPath: string): string | undefined {
    const folder = this.folderRoot(jobPath);
    let dir = path.dirname(jobPath);
    for (;;) {
      const candidate = path.join(dir, CONNECTIONS_FILE_NAME);
      if (this.readText(candidate) !== undefined) return candidate;
      const parent = path.dirname(dir);
      if (dir === folder || parent === dir) return undefined;
      dir = parent;
    }
  }

  /** The `connections` object of the connections file that applies to a job, as written (unchecked). */
  private connections(jobPath: string): Record<string, unknown> | undefined {
    const file = this.connectionsFileFor(jobPath);
    const text = file ? this.readText(file) : undefined;
    if (text === undefined) return undefined;
    const connections = (parseJsonc(text) as { connections?: unknown } | undefined)?.connections;
    return connections && typeof connections === 'object' && !Array.isArray(connections) ? (connections as Record<string, unknown>) : undefined;
  }

  connectionNames(jobPath: string): string[] | undefined {
    const connections = this.connections(jobPath);
    return connections ? Object.keys(connections) : undefined;
  }

  /** One connection's settings as written in the connections file; undefined when it is not there. */
  connectionSettings(jobPath: string, name: string): unknown {
    const connections = this.connections(jobPath);
    return connections && Object.hasOwn(connections, name) ? connections[name] : undefined;
  }

  /**
   * Describe data cached for the workspace folder. When several orgs are cached, their objects are
   * merged, the first org (by folder name) winning for an object both know.
   */
  describe(jobPath: string): DescribeSource | undefined {
    const cacheDir = findDescribeCacheDir(path.dirname(jobPath), this.folderRoot(jobPath));
    if (!cacheDir) return undefined;
    if (!this.describeByCache.has(cacheDir)) this.describeByCache.set(cacheDir, readDescribeCache(cacheDir));
    return this.describeByCache.get(cacheDir);
  }

  forgetDescribe(): void {
    this.describeByCache.clear();
  }

  validationContext(jobPath: string, now: Date): ValidationContext {
    const jobDir = path.dirname(jobPath);
    return {
      path: jobPath,
      readFile: (relativePath) => this.readText(path.resolve(jobDir, relativePath)),
      connectionNames: this.connectionNames(jobPath),
      noConnectionsFile: this.connectionsFileFor(jobPath) === undefined,
      describe: this.describe(jobPath),
      now,
    };
  }

  private folderRoot(filePath: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(filePath))?.uri.fsPath ?? path.dirname(filePath);
  }
}
