import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { JobDiagnostics } from '../diagnostics/controller';
import { isJobFile } from '../job-files';

/**
 * The last check of each open job, kept in the workspace's state so a reloaded window shows a job's
 * problems at once instead of after the validator (and the SOQL parser behind it) has loaded. A kept
 * result is shown only when it was made for the same text, the same files (each file the check read,
 * by modification time and size), the same trust and the same UTC day; the fresh check runs anyway and
 * replaces it as soon as it finishes.
 */

const STATE_KEY = 'sfjob.lastChecks';
/** Enough for the jobs a person keeps open; the oldest are dropped first. */
const MAX_KEPT = 40;

type Span = [number, number, number, number];

interface KeptDiagnostic {
  range: Span;
  message: string;
  severity: vscode.DiagnosticSeverity;
  code: string;
  target?: string;
  related?: { uri: string; range: Span; message: string }[];
}

interface KeptCheck {
  uri: string;
  key: string;
  /** The files the check read, whose state the key covers. */
  files: string[];
  diagnostics: KeptDiagnostic[];
}

const spanOf = (range: vscode.Range): Span => [range.start.line, range.start.character, range.end.line, range.end.character];
const rangeOf = (span: Span) => new vscode.Range(span[0], span[1], span[2], span[3]);

function keep(diagnostic: vscode.Diagnostic): KeptDiagnostic {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code : { value: diagnostic.code ?? '', target: undefined };
  return {
    range: spanOf(diagnostic.range),
    message: diagnostic.message,
    severity: diagnostic.severity,
    code: String(code.value),
    ...(code.target ? { target: code.target.toString() } : {}),
    ...(diagnostic.relatedInformation?.length ? { related: diagnostic.relatedInformation.map((r) => ({ uri: r.location.uri.toString(), range: spanOf(r.location.range), message: r.message })) } : {}),
  };
}

function restore(kept: KeptDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(kept.range), kept.message, kept.severity);
  diagnostic.source = 'sfjob';
  diagnostic.code = kept.target ? { value: kept.code, target: vscode.Uri.parse(kept.target) } : kept.code;
  if (kept.related) diagnostic.relatedInformation = kept.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(r.uri), rangeOf(r.range)), r.message));
  return diagnostic;
}

/** What a check's result depends on, as one hash: the text, every file it read, trust and the day. */
export function checkKey(text: string, filesRead: readonly string[], restricted: boolean, now: Date): string {
  const hash = createHash('sha256').update(text).update(`\0${restricted}\0${now.toISOString().slice(0, 10)}`);
  for (const file of [...filesRead].sort()) {
    let stamp = 'missing';
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // A file that went away changes the key, which is what matters.
    }
    hash.update(`\0${file}\0${stamp}`);
  }
  return hash.digest('base64');
}

export interface LastChecks extends vscode.Disposable {
  /** When kept diagnostics were first shown, in ms after activation began; undefined until then. */
  readonly firstShownMs: number | undefined;
}

/**
 * Shows the kept diagnostics of each job that opens before its first fresh check, and keeps each fresh
 * check's diagnostics for the next window.
 */
export function useLastChecks(state: vscode.Memento, diagnostics: JobDiagnostics, output: vscode.LogOutputChannel, isRestricted: () => boolean, activationStarted: number): LastChecks {
  const stored = state.get<KeptCheck[]>(STATE_KEY);
  const kept = new Map<string, KeptCheck>((Array.isArray(stored) ? stored : []).filter((entry) => Array.isArray(entry?.files) && Array.isArray(entry.diagnostics)).map((entry) => [entry.uri, entry]));
  const checked = new Set<string>();
  let firstShownMs: number | undefined;

  const showKept = (document: vscode.TextDocument) => {
    const uri = document.uri.toString();
    if (!isJobFile(document.uri.path) || document.uri.scheme !== 'file' || checked.has(uri)) return;
    const entry = kept.get(uri);
    if (!entry) return;
    if (checkKey(document.getText(), entry.files, isRestricted(), new Date()) !== entry.key) return;
    diagnostics.collection.set(document.uri, entry.diagnostics.map(restore));
    if (firstShownMs === undefined) {
      firstShownMs = performance.now() - activationStarted;
      output.info(`first job diagnostics shown: ${vscode.workspace.asRelativePath(document.uri)} ${Math.round(firstShownMs)} ms after activation began, from its last check (same text and files); checking it again now`);
    }
  };

  const remember = (uri: vscode.Uri) => {
    if (!isJobFile(uri.path) || uri.scheme !== 'file') return;
    checked.add(uri.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return;
    const files = [...diagnostics.filesReadBy(uri)];
    const entry = { uri: uri.toString(), key: checkKey(document.getText(), files, isRestricted(), new Date()), files, diagnostics: diagnostics.collection.get(uri)?.map(keep) ?? [] };
    kept.delete(entry.uri);
    kept.set(entry.uri, entry);
    while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
    void state.update(STATE_KEY, [...kept.values()]);
  };

  for (const document of vscode.workspace.textDocuments) showKept(document);
  const subscriptions = vscode.Disposable.from(vscode.workspace.onDidOpenTextDocument(showKept), diagnostics.onDidValidate(remember));
  return {
    dispose: () => subscriptions.dispose(),
    get firstShownMs() {
      return firstShownMs;
    },
  };
}
