import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { compareSamples, describeSampleChange, isSameSample, type SampleChange } from '../../core/sample/compare-samples';

/** Asks a modal question; resolves with the chosen button's title, or undefined for Cancel. */
export type AskModal = (message: string, detail: string, buttons: readonly string[]) => Promise<string | undefined>;

export const REPLACE = 'Replace';
export const REPLACE_AND_DIFF = 'Replace and Show Diff';

/** What the person decided about an existing sample file, and what the fetched records change in it. */
export interface SampleReplacement {
  write: boolean;
  /** The file did not exist: nothing to ask. */
  created: boolean;
  /** The file held exactly these records already. */
  same: boolean;
  change?: SampleChange;
  /** Why the old file could not be compared (it is not JSON, or not a list of records). */
  unreadable?: string;
  showDiff: boolean;
  /** The file's text before the fetch, for the diff. */
  previousText?: string;
}

/**
 * Before Fetch Sample replaces a sample file that exists (often one the team committed), asks in a
 * modal what the fetched records change: records added, removed and changed, fields added and removed.
 * Replacing identical records is skipped.
 */
export async function confirmSampleReplacement(samplePath: string, records: readonly Record<string, unknown>[], askModal: AskModal): Promise<SampleReplacement> {
  let previousText: string;
  try {
    previousText = await fs.promises.readFile(samplePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { write: true, created: true, same: false, showDiff: false };
    throw error;
  }
  let previous: unknown;
  let change: SampleChange | undefined;
  let unreadable: string | undefined;
  try {
    previous = JSON.parse(previousText);
  } catch {
    unreadable = 'it is not valid JSON';
  }
  if (!unreadable) {
    const compared = compareSamples(previous, records);
    if ('unreadable' in compared) unreadable = compared.unreadable;
    else change = compared;
  }
  if (change && isSameSample(change)) return { write: false, created: false, same: true, change, showDiff: false, previousText };
  const shown = vscode.workspace.asRelativePath(samplePath);
  const detail = change ? describeSampleChange(change).join('\n') : `The file cannot be compared with the fetched records: ${unreadable}. ${records.length} records were fetched.`;
  const answer = await askModal(`Replace the sample ${shown}?`, detail, [REPLACE, REPLACE_AND_DIFF]);
  return { write: answer !== undefined, created: false, same: false, showDiff: answer === REPLACE_AND_DIFF, previousText, ...(change ? { change } : {}), ...(unreadable ? { unreadable } : {}) };
}

const PREVIOUS_SCHEME = 'sfjob-previous-sample';
const previousTexts = new Map<string, string>();
let provider: vscode.Disposable | undefined;

/**
 * Opens a diff of the sample as it was (kept in memory for this window) against the file as written.
 * The provider of the old side is registered the first time a diff is shown.
 */
export async function showSampleDiff(samplePath: string, previousText: string, subscriptions: vscode.Disposable[]): Promise<void> {
  if (!provider) {
    provider = vscode.workspace.registerTextDocumentContentProvider(PREVIOUS_SCHEME, { provideTextDocumentContent: (uri) => previousTexts.get(uri.toString()) ?? '' });
    subscriptions.push(provider);
  }
  const sample = vscode.Uri.file(samplePath);
  const previous = vscode.Uri.from({ scheme: PREVIOUS_SCHEME, path: sample.path, query: String(Date.now()) });
  previousTexts.set(previous.toString(), previousText);
  const name = samplePath.split(/[\\/]/).pop() ?? samplePath;
  await vscode.commands.executeCommand('vscode.diff', previous, sample, `${name}: before ↔ fetched`, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
}
