import * as vscode from 'vscode';
import type { JobDiagnostics } from '../diagnostics/controller';
import { isJobFile } from '../job-files';

/** When the window's first job check finished, measured in the extension host. */
export interface FirstJobCheck {
  /** The job, relative to the workspace. */
  file: string;
  /** Milliseconds from the start of activate() to the job's diagnostics being published. */
  afterActivationMs: number;
  /** Milliseconds from the extension host process starting (performance's time origin) to the same moment. */
  afterHostStartMs: number;
  /** Whether a job's editor was already open when the extension activated, as after a window reload. */
  jobOpenAtActivation: boolean;
}

function jobTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && isJobFile(tab.input.uri.path)));
}

/**
 * Records, and logs to the output channel, how long the first job check took after activation. After a
 * window reload with a job open this is the wait for the first squiggle, the figure the start-up work
 * is judged by; the UI tests read the log line.
 */
export function timeFirstJobCheck(diagnostics: JobDiagnostics, output: vscode.LogOutputChannel, activationStarted: number): vscode.Disposable & { readonly figures: FirstJobCheck | undefined } {
  const jobOpenAtActivation = jobTabOpen() || vscode.workspace.textDocuments.some((d) => isJobFile(d.uri.path));
  let figures: FirstJobCheck | undefined;
  const subscription = diagnostics.onDidValidate((uri) => {
    if (figures || !isJobFile(uri.path)) return;
    const now = performance.now();
    figures = { file: vscode.workspace.asRelativePath(uri), afterActivationMs: now - activationStarted, afterHostStartMs: now, jobOpenAtActivation };
    output.info(
      `first job check: ${figures.file} ${Math.round(figures.afterActivationMs)} ms after activation began, ${Math.round(figures.afterHostStartMs)} ms after the extension host started${jobOpenAtActivation ? ' (the job was open at activation)' : ''}`,
    );
    subscription.dispose();
  });
  return {
    dispose: () => subscription.dispose(),
    get figures() {
      return figures;
    },
  };
}
