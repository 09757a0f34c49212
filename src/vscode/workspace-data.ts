import * as vscode from 'vscode';
import type { DescribeSource } from '../core/describe';
import { openJobWorkspace, type FileAccess, type JobWorkspace } from '../core/workspace';
import { workspaceFileAccess } from '../store';
import { documentsFirst } from './documents-first';

/**
 * The editor's side of the job workspace (src/core/workspace): the same rules as the CLI, over the open
 * documents first and the disk after them. Describe data read from the disk is kept until the describe
 * cache changes. In an untrusted workspace nothing but the job's own text is read.
 */
export class WorkspaceData {
  private readonly disk = workspaceFileAccess();
  readonly files: FileAccess = {
    ...documentsFirst(() => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => ({ path: d.uri.fsPath, text: d.getText() })), this.disk),
    // A use case that refreshed the describe cache reads it again through this host.
    forget: () => this.disk.forget(),
  };

  constructor(private readonly trusted: () => boolean = () => vscode.workspace.isTrusted) {}

  /** Whether only the job's own text may be read (restricted mode). */
  get restricted(): boolean {
    return !this.trusted();
  }

  /** The workspace of a job; `text` is the job's text when the caller has it (it selects the cached org). */
  workspaceFor(jobPath: string, text?: string): JobWorkspace {
    return openJobWorkspace(jobPath, text ?? this.openText(jobPath), this.files, { restricted: this.restricted });
  }

  connectionNames(jobPath: string): readonly string[] | undefined {
    return this.workspaceFor(jobPath).connectionNames;
  }

  /** One connection's settings as written in the connections file; undefined when it is not there. */
  connectionSettings(jobPath: string, name: string): unknown {
    return this.workspaceFor(jobPath).connectionSettings(name);
  }

  /** Describe data of the job's org: only the org the job's connection reaches. */
  describe(jobPath: string, text?: string): DescribeSource | undefined {
    return this.workspaceFor(jobPath, text).describe;
  }

  forgetDescribe(): void {
    this.disk.forget();
  }

  private openText(file: string): string | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file)?.getText();
  }
}
